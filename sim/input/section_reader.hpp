#pragma once
// Reads the keys of one TOML table into the config structs of one or more sections (a programme
// entry fills its common keys and its kind's keys from the same table), then runs their checks.
#include <toml++/toml.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "input/reporter.hpp"
#include "scenario/param_spec.hpp"

namespace mentorsim::params {

// A section's declarations and the config object they fill.
struct Target {
  const SectionSpec* spec;
  void* config;
};

class SectionReader {
 public:
  explicit SectionReader(Reporter& reporter) : reporter_(reporter) {}

  struct Options {
    std::string_view skip_key;   // a key the caller reads itself (a programme's `kind`)
    bool report_unknown = true;  // false when the valid keys are not known (unknown kind)
    // For an unknown key no valid key is close to: "; it belongs in [x]" when the key is another
    // table's, else "" (the scenario's top-level tables; null elsewhere).
    std::string (*belongs_elsewhere)(std::string_view key, std::string_view table) = nullptr;
  };
  // Assigns every key of `table` to the target declaring it, after type and range checks; reports
  // unknown keys (suggesting among all targets' keys); then runs each target's cross-field checks
  // whose keys all read well. `prefix` names the table in messages ("departure", "programme[0]").
  void read(const toml::table& table, const std::vector<Target>& targets, const std::string& prefix,
            const Options& options);

  // Reports `message` at the first of `keys` present in `table`, else at the table itself.
  void at_first_key(const toml::table& table, const std::vector<std::string>& keys,
                    std::string message);

  // Whether the value of `full_key` ("scenario.weeks") was rejected; its field keeps its default.
  bool failed(const std::string& full_key) const { return failed_.count(full_key) > 0; }
  Reporter& reporter() { return reporter_; }

 private:
  void run_checks(const toml::table& table, const Target& target, const std::string& prefix);

  Reporter& reporter_;
  std::set<std::string> failed_;
};

}  // namespace mentorsim::params
