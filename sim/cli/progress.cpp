#include "cli/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace mentorsim::cli {

Progress::Progress(std::uint64_t total, bool enabled)
    : total_(total),
      enabled_(enabled && isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() {
  finish();
}

void Progress::finish() {
  const std::lock_guard lock(mutex_);
  if (enabled_) fmt::print(stderr, "\r{:80}\r", "");
  enabled_ = false;
}

void Progress::tick() {
  const std::uint64_t done = ++done_;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || !enabled_ ||
      (now - last_draw_ < std::chrono::milliseconds(100) && done != total_))
    return;
  last_draw_ = now;
  draw(done);
}

void Progress::draw(std::uint64_t done) {
  constexpr int kWidth = 40;
  const double fraction = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  const int filled = static_cast<int>(fraction * kWidth);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
  fmt::print(stderr, "\r[{:=<{}}{:<{}}] {:5.1f}%  {} / {} weeks  ETA {:.0f}s ", "", filled, "",
             kWidth - filled, 100 * fraction, done, total_, eta);
  std::fflush(stderr);
}

}  // namespace mentorsim::cli

namespace mentorsim::cli {

namespace {

std::string duration_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

}  // namespace

SweepProgress::SweepProgress(std::uint64_t total, bool enabled, std::string label)
    : total_(total),
      enabled_(enabled),
      terminal_(isatty(STDERR_FILENO) != 0),
      label_(std::move(label)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

SweepProgress::~SweepProgress() {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  draw(true);
}

void SweepProgress::tick(bool ok) {
  ++done_;
  if (!ok) ++failed_;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_, std::try_to_lock);
  const auto every = terminal_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(30000);
  if (!lock.owns_lock() || now - last_draw_ < every) return;
  last_draw_ = now;
  draw(false);
}

void SweepProgress::draw(bool final_line) {
  const std::uint64_t done = done_.load();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const std::string eta =
      rate > 0 && done < total_ ? duration_text(static_cast<double>(total_ - done) / rate) : "-";
  const std::string failed = failed_ ? fmt::format(" ({} failed)", failed_.load()) : "";
  // total 0: unknown (an MPI rank's share), so no ETA.
  const std::string count = total_ ? fmt::format("{}/{}", done, total_) : fmt::format("{}", done);
  const std::string when = final_line ? "took " + duration_text(seconds)
                           : total_   ? "ETA " + eta
                                      : "running " + duration_text(seconds);
  const std::string line =
      fmt::format("{}runs {}{}, {:.3g} runs/s, {}", label_, count, failed, rate, when);
  if (terminal_)
    fmt::print(stderr, "\r{:<79}{}", line, final_line ? "\n" : "");
  else
    fmt::print(stderr, "{}\n", line);
  std::fflush(stderr);
}

}  // namespace mentorsim::cli
