#pragma once
// TOML text in, a toml::table out, for every file and value Mentorsim reads (scenarios, sweeps,
// uncertainty files, --set values, a sweep's plan): first a scan for the two shapes that make
// toml++ 3.3 recurse once per part and overflow the stack (upstream issues #190, #294, #295) —
// dotted keys and table headers of very many parts, and arrays and inline tables nested very
// deep — then the parse, a syntax error becoming an InputError at file:line:col.
#include <toml++/toml.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace mentorsim::params {

// Far above any real file (a scenario key has 2 or 3 parts, a value nests 2 or 3 deep) and far
// below what overflows the stack.
inline constexpr std::size_t kMaxKeyParts = 64;
inline constexpr std::size_t kMaxNesting = 64;

// Throws InputError at the first key of more than kMaxKeyParts dotted parts (in a key/value pair,
// an inline table or a table header) or the first array or inline table nested more than
// kMaxNesting deep. Strings and comments are skipped as TOML defines them; anything else that is
// not valid TOML is left to the parser.
void check_toml_limits(std::string_view text, const std::string& source);

// check_toml_limits, then toml::parse; a syntax error is an InputError "TOML syntax error: ..."
// at its line and column.
toml::table parse_toml_text(std::string_view text, const std::string& source);

}  // namespace mentorsim::params
