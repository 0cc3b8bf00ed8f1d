// Fuzz target: the scenario loader (input/scenario_loader.hpp) on arbitrary text.
//
// Any input must end in a Scenario or an InputError: a crash, a sanitizer report, a hang or any
// other exception is a bug. A scenario that loads must also survive its own round trip: the
// resolved TOML it prints loads again and prints the same (the promise of resolved_toml).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "input/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mentorsim;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string resolved;
  try {
    resolved = params::resolved_toml(params::load_scenario_text(text, "fuzz.toml", {}));
  } catch (const InputError&) {
    return 0;  // rejected with diagnostics: the expected outcome for most inputs
  }
  const std::string again =
      params::resolved_toml(params::load_scenario_text(resolved, "resolved.toml", {}));
  if (again != resolved) {
    std::fputs("resolved TOML does not round-trip:\n", stderr);
    std::fputs(resolved.c_str(), stderr);
    std::abort();
  }
  return 0;
}
