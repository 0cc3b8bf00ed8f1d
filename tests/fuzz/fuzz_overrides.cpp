// Fuzz target: `--set` overrides (input/overrides.hpp) on a fixed, valid scenario.
//
// Each line of the input is one `key=value` override, as the command line would pass it; they
// are applied to scenarios/models/ecosystem.toml's text, which has every kind of table. Any
// outcome but a Scenario or an InputError is a bug.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "input/scenario_loader.hpp"

namespace {
const std::string& base_text() {
  static const std::string text = [] {
    std::ifstream in(MENTORSIM_SOURCE_DIR "/scenarios/models/ecosystem.toml", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (s.str().empty()) std::abort();  // the harness is misbuilt, not the loader broken
    return s.str();
  }();
  return text;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mentorsim;
  std::vector<std::string> overrides;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  while (!rest.empty() && overrides.size() < 16) {
    const std::size_t end = rest.find('\n');
    overrides.emplace_back(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  try {
    (void)params::load_scenario_text(base_text(), "ecosystem.toml", overrides);
  } catch (const InputError&) {
  }
  return 0;
}
