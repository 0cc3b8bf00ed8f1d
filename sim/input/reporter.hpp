#pragma once
// Collects the problems found while loading a scenario, each at the position of the offending key
// or value in the file, or attributed to the --set override it came from.
#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"

namespace mentorsim::params {

inline constexpr std::string_view kOverrideFile = "--set";

class Reporter {
 public:
  // `overrides` are the --set texts in the order given; problems with them are listed in that
  // order.
  Reporter(std::string file, std::vector<std::string> overrides)
      : file_(std::move(file)), override_texts_(std::move(overrides)) {}

  // Records that `node`, and every node inside it, came from the override `text` (key=value);
  // `read_as_string` when the value was not valid TOML and was taken as a bare string.
  void mark_override(const toml::node& node, const std::string& text, bool read_as_string);
  // The override `node` came from, or null when it came from the file.
  struct Override {
    std::string text;
    bool read_as_string = false;
  };
  const Override* override_of(const toml::node& node) const;

  // A problem with a value (or a table): at its position, or at the override it came from.
  void at(const toml::node& node, std::string message);
  // A problem with a key: at the key's position, or at the override its value came from.
  void at_key(const toml::key& key, const toml::node& value, std::string message);
  // A problem with an override as such (malformed, or addressing nothing).
  void at_override(std::string_view text, std::string message);
  // A problem with no position in the file.
  void at_file(std::string message);

  bool empty() const { return diagnostics_.empty(); }
  // File positions first, in file order; then those without a position; then --set problems in
  // the order the overrides were given.
  std::vector<Diagnostic> sorted() const;

 private:
  void at_position(const toml::source_position& pos, std::string message);

  std::string file_;
  std::vector<std::string> override_texts_;
  std::vector<Override> overrides_;
  std::unordered_map<const toml::node*, std::size_t> override_index_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::size_t> override_rank_;  // per diagnostic: index of its override, if any
};

}  // namespace mentorsim::params
