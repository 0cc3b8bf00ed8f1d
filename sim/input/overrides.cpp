#include "input/overrides.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "input/sections.hpp"
#include "input/toml_text.hpp"

namespace mentorsim::params {

namespace {

std::string trim(std::string_view s) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split_key(std::string_view key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = key.find('.', start)) != std::string_view::npos; start = dot + 1)
    parts.push_back(trim(key.substr(start, dot - start)));
  parts.push_back(trim(key.substr(start)));
  return parts;
}

bool all_digits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The value of `text` as TOML, or the bare string when it is not one TOML value.
toml::table parse_value(const std::string& text, bool& read_as_string) {
  read_as_string = false;
  const std::string line = "v = " + text;
  if (ascii_outside_strings(line)) {  // else not TOML, and toml++ 3.3 may mishandle it
    try {
      toml::table t = toml::parse(line, std::string_view{kOverrideFile});
      if (t.size() == 1 && t.contains("v")) return t;
    } catch (const toml::parse_error&) {
    }
  }
  read_as_string = true;
  toml::table t;
  t.insert("v", text);
  return t;
}

// The name a programme is addressed by: its name, or its kind when it has none.
std::string programme_name(const toml::table& entry) {
  if (auto name = entry["name"].value<std::string>(); name && !name->empty()) return *name;
  return entry["kind"].value<std::string>().value_or("");
}

// The [[programme]] entry addressed by `which` (a name or a 0-based index), or null after
// reporting.
toml::table* find_programme(toml::table& root, const std::string& which, const std::string& text,
                            Reporter& r) {
  auto* array = root[kProgrammeTable].as_array();
  if (!array || array->empty()) {
    r.at_override(text, "the scenario has no [[programme]] entries to set keys of");
    return nullptr;
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto* entry = (*array)[i].as_table();
    names.push_back(entry ? programme_name(*entry) : "");
    if (!entry) continue;
    if (all_digits(which) ? which == std::to_string(i) : names.back() == which) return entry;
  }
  if (all_digits(which))
    r.at_override(text, fmt::format("there is no programme {}: programme indices run from 0 to {}",
                                    which, array->size() - 1));
  else
    r.at_override(text, fmt::format("there is no programme named '{}' (programmes: {})", which,
                                    join_names(names, "'")));
  return nullptr;
}

// The [[programme]] entries of the kinds listed ("programme.kind:<kind>|<kind>.<key>"): every
// one, or none after reporting.
std::vector<toml::table*> programmes_of_kind(toml::table& root,
                                             const std::vector<std::string>& wanted,
                                             const std::string& text, Reporter& r) {
  std::vector<toml::table*> found;
  std::vector<std::string> kinds;
  if (auto* array = root[kProgrammeTable].as_array())
    for (auto& node : *array)
      if (auto* entry = node.as_table()) {
        const std::string k = (*entry)["kind"].value_or(std::string());
        if (std::find(wanted.begin(), wanted.end(), k) != wanted.end()) found.push_back(entry);
        if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
      }
  if (found.empty())
    r.at_override(text,
                  kinds.empty()
                      ? std::string("the scenario has no [[programme]] entries to set keys of")
                      : fmt::format("no programme is of kind {} (kinds: {})",
                                    join_names(wanted, "'", " or "), join_names(kinds, "'")));
  return found;
}

void apply_one(toml::table& root, const std::string& text, Reporter& r) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos)
    return r.at_override(text, "expected key=value, e.g. departure.annual_rate=0.2");
  const std::vector<std::string> parts = split_key(std::string_view(text).substr(0, eq));
  const bool programme = parts.front() == kProgrammeTable;
  const std::size_t want = programme ? 3 : 2;
  if (parts.size() != want ||
      std::any_of(parts.begin(), parts.end(), [](auto& p) { return p.empty(); }))
    return r.at_override(text,
                         "expected <table>.<key>=<value>, "
                         "programme.<name or index>.<key>=<value> or "
                         "programme.kind:<kind>.<key>=<value>");

  bool read_as_string = false;
  const std::string value_text = trim(std::string_view(text).substr(eq + 1));
  try {
    check_toml_size_limits("v = " + value_text, std::string(kOverrideFile));
  } catch (const InputError& e) {
    return r.at_override(text, e.diagnostics().front().message);
  }
  const std::string& key = parts.back();
  // Sets `key` in `target` to the override's value, marked as coming from --set.
  auto assign = [&](toml::table& target) {
    toml::table parsed = parse_value(value_text, read_as_string);
    parsed.get("v")->visit([&](auto& value) { target.insert_or_assign(key, std::move(value)); });
    r.mark_override(*target.get(key), text, read_as_string);
  };

  toml::table* target = nullptr;
  if (const std::vector<std::string> kinds = override_kinds(text); !kinds.empty()) {
    for (toml::table* entry : programmes_of_kind(root, kinds, text, r)) assign(*entry);
    return;
  }
  if (programme) {
    target = find_programme(root, parts[1], text, r);
    if (!target) return;
  } else if (toml::node* existing = root.get(parts[0])) {
    target = existing->as_table();
    if (!target)
      return r.at_override(text, fmt::format("'{}' in the file is not a table", parts[0]));
  } else {
    // A table the file does not have: create it; an unknown name is reported by the checks.
    target = root.insert(parts[0], toml::table{}).first->second.as_table();
    r.mark_override(*target, text, false);
  }

  assign(*target);
}

}  // namespace

std::vector<std::string> override_kinds(const std::string& override_text) {
  const std::vector<std::string> parts =
      split_key(std::string_view(override_text).substr(0, override_text.find('=')));
  if (parts.size() != 3 || parts[0] != kProgrammeTable || parts[1].rfind(kKindSelector, 0) != 0)
    return {};
  std::vector<std::string> kinds;
  const std::string list = parts[1].substr(std::string_view(kKindSelector).size());
  std::size_t start = 0;
  for (std::size_t bar; (bar = list.find('|', start)) != std::string::npos; start = bar + 1)
    kinds.push_back(trim(std::string_view(list).substr(start, bar - start)));
  kinds.push_back(trim(std::string_view(list).substr(start)));
  return kinds;
}

void apply_overrides(toml::table& root, const std::vector<std::string>& overrides,
                     Reporter& reporter) {
  for (const auto& text : overrides) apply_one(root, text, reporter);
}

}  // namespace mentorsim::params
