#include "cli/live_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <thread>
#include <vector>

#include "engine/simulation.hpp"

namespace mentorsim::cli {

namespace {

// Eighths of a character cell, from empty to full (U+2581..U+2588).
constexpr std::array<const char*, 9> kBlocks = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

struct Panel {
  const char* series;
  const char* label;
  bool percent;  // a share, shown as a percentage
};
constexpr std::array<Panel, 3> kPanels = {
    {{"waiting_list", "waiting list", false},
     {"participation", "participation", true},
     {"burned_out_mentor_share", "mentors burned out", true}}};

std::string value_text(double v, bool percent) {
  if (!std::isfinite(v)) return "-";
  return percent ? fmt::format("{:.1f}%", 100 * v) : fmt::format("{:.0f}", v);
}

}  // namespace

LiveChart::LiveChart(std::string title, std::int64_t weeks, double weeks_per_second, bool terminal)
    : title_(std::move(title)),
      weeks_(weeks),
      weeks_per_second_(weeks_per_second),
      terminal_(terminal),
      start_(std::chrono::steady_clock::now()) {}

std::string LiveChart::frame(Week week, const Simulation& run) const {
  std::string out = fmt::format("{} — week {} of {} (replicate 0)\n", title_, week + 1, weeks_);
  for (const Panel& panel : kPanels) {
    const std::vector<double>& values = run.recorder().series(panel.series);
    const std::size_t shown =
        std::min<std::size_t>(values.size(), static_cast<std::size_t>(week) + 1);
    // Column c shows the last week of its slice of the run; the scale is the largest value so
    // far (a share's scale is at least 10%, so a flat 2% does not fill the panel).
    std::vector<double> columns;
    double top = panel.percent ? 0.1 : 1.0;
    for (std::size_t w = 0; w < shown; ++w)
      if (std::isfinite(values[w])) top = std::max(top, values[w]);
    for (int c = 0; c < kWidth; ++c) {
      const auto last = static_cast<std::size_t>((c + 1) * weeks_ / kWidth);
      if (last == 0 || last > shown) break;
      columns.push_back(values[last - 1]);
    }
    const double now = shown ? values[shown - 1] : NAN;
    for (int row = kRows - 1; row >= 0; --row) {
      std::string line = row == kRows - 1 ? fmt::format("{:<19}", panel.label)
                         : row == 0       ? fmt::format("{:>18} ", value_text(now, panel.percent))
                                          : std::string(19, ' ');
      line += "│";
      for (const double v : columns) {
        const int level = std::isfinite(v) ? static_cast<int>(std::lround(v / top * 8 * kRows)) : 0;
        line += kBlocks[static_cast<std::size_t>(std::clamp(level - 8 * row, 0, 8))];
      }
      line += std::string(static_cast<std::size_t>(kWidth) - columns.size(), ' ');
      line += row == kRows - 1 ? fmt::format("│ {}\n", value_text(top, panel.percent)) : "│\n";
      out += line;
    }
  }
  return out;
}

void LiveChart::show(Week week, const Simulation& run) {
  if (terminal_) {
    // Cursor home and clear below on the first frame; then back up over the last frame.
    const int height = 1 + kRows * static_cast<int>(kPanels.size());
    fmt::print(stderr, "{}{}", drawn_ ? fmt::format("\x1b[{}A", height) : std::string("\x1b[J"),
               frame(week, run));
    drawn_ = true;
  } else if ((week + 1) % 13 == 0 || week + 1 == weeks_) {
    std::string line = fmt::format("week {:>4}:", week + 1);
    for (const Panel& panel : kPanels) {
      const auto& values = run.recorder().series(panel.series);
      line += fmt::format("  {} {}", panel.label,
                          value_text(values.empty() ? NAN : values.back(), panel.percent));
    }
    fmt::print(stderr, "{}\n", line);
  }
  std::fflush(stderr);
  // Hold the run back to the pace: week w is shown no earlier than w / pace seconds in.
  const auto due = start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                std::chrono::duration<double>((week + 1) / weeks_per_second_));
  std::this_thread::sleep_until(due);
}

WeekObserver LiveChart::observer() {
  return [this](std::uint64_t replicate, Week week, const Simulation& run) {
    if (replicate == 0) show(week, run);
  };
}

}  // namespace mentorsim::cli
