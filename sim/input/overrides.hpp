#pragma once
// --set overrides, applied to the parsed scenario file before it is checked, so an overridden value
// goes through exactly the checks a value in the file does.
//
// An override is `key=value`. The key is `<table>.<key>` (departure.annual_rate) or
// `programme.<name>.<key>` / `programme.<index>.<key>` (0-based index) for a [[programme]] entry;
// a programme's name is its `name`, or its `kind` when it has none; `programme.kind:<kind>.<key>`
// sets the key in every programme of that kind (an error when there is none). The value is parsed
// as a TOML value (0.2, 12, true, "text", [0.5, 0.5]); if it is not valid TOML it is taken as a
// bare string, so `--set programme.one_on_one.matching=best_score` works without quotes.
#include <toml++/toml.h>

#include <string>
#include <vector>

#include "input/reporter.hpp"

namespace mentorsim::params {

// The selector of "every programme of this kind": programme.kind:one_on_one.max_mentees.
inline constexpr const char* kKindSelector = "kind:";

// The kinds a `programme.kind:<kind>|<kind>....<key>=...` override addresses (one or more, '|'
// between them), or none for any other override.
std::vector<std::string> override_kinds(const std::string& override_text);

// Applies each override in order to `root`. Malformed overrides and ones that address nothing are
// reported; the values set are marked in `reporter` so their problems are attributed to --set.
void apply_overrides(toml::table& root, const std::vector<std::string>& overrides,
                     Reporter& reporter);

}  // namespace mentorsim::params
