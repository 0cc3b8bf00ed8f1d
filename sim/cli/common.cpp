#include "cli/common.hpp"

#include <fmt/format.h>

#include <ctime>

#include "cli/commands.hpp"

namespace mentorsim::cli {

int report_input_error(const InputError& error, const std::string& what) {
  for (const auto& d : error.diagnostics()) fmt::print(stderr, "{}\n", d.to_string());
  const auto n = error.diagnostics().size();
  fmt::print(stderr, "mentorsim: {} problem{} in {}\n", n, n == 1 ? "" : "s", what);
  return kExitBadInput;
}

std::unique_ptr<tbb::global_control> limit_threads(int threads) {
  if (threads <= 0) return nullptr;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               static_cast<std::size_t>(threads));
}

int active_threads() {
  return static_cast<int>(
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace mentorsim::cli
