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
  if (enabled_) fmt::print(stderr, "\r{:80}\r", "");
}

void Progress::tick() {
  const std::uint64_t done = ++done_;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || (now - last_draw_ < std::chrono::milliseconds(100) && done != total_))
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
