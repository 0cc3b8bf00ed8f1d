#include "input/section_reader.hpp"

#include <fmt/format.h>

#include "core/did_you_mean.hpp"
#include "input/read_value.hpp"
#include "input/sections.hpp"

namespace mentorsim::params {

void SectionReader::read(const toml::table& table, const std::vector<Target>& targets,
                         const std::string& prefix, const Options& options) {
  std::vector<std::string> valid;
  for (const auto& t : targets)
    for (const auto& p : t.spec->params) valid.push_back(p.info.key);

  for (auto&& [key, node] : table) {
    const std::string k(key.str());
    if (k == options.skip_key) continue;
    const std::string full_key = prefix + "." + k;
    const ParamSpec* param = nullptr;
    void* config = nullptr;
    for (const auto& t : targets) {
      if ((param = t.spec->find(k))) {
        config = t.config;
        break;
      }
    }
    if (!param) {
      if (options.report_unknown) {
        std::string hint = did_you_mean_suffix(k, valid);
        if (hint.empty() && options.belongs_elsewhere) hint = options.belongs_elsewhere(k, prefix);
        reporter_.at_key(key, node, fmt::format("unknown key '{}'{}", full_key, hint));
      }
      continue;
    }
    if (auto value = read_value(param->info, node, full_key, reporter_))
      param->assign(config, *value);
    else
      failed_.insert(full_key);
  }
  for (const auto& t : targets) run_checks(table, t, prefix);
}

void SectionReader::run_checks(const toml::table& table, const Target& target,
                               const std::string& prefix) {
  for (const auto& check : target.spec->checks) {
    std::vector<std::string> names;
    bool skip = false;
    for (const auto& k : check.keys) {
      names.push_back(prefix + "." + k);
      skip = skip || failed(names.back());  // a rejected value would make the check misleading
    }
    if (skip) continue;
    if (auto message = check.check(target.config))
      at_first_key(table, check.keys, fmt::format("{}: {}", join_names(names), *message));
  }
}

void SectionReader::at_first_key(const toml::table& table, const std::vector<std::string>& keys,
                                 std::string message) {
  // A value given with --set is what the user just changed: blame that override first.
  for (const auto& k : keys) {
    auto it = table.find(k);
    if (it != table.end() && reporter_.override_of(it->second))
      return reporter_.at_key(it->first, it->second, std::move(message));
  }
  for (const auto& k : keys) {
    auto it = table.find(k);
    if (it != table.end()) return reporter_.at_key(it->first, it->second, std::move(message));
  }
  reporter_.at(table, std::move(message));
}

}  // namespace mentorsim::params
