#pragma once
// TOML text in, a toml::table out, for every file and value Mentorsim reads (scenarios, sweeps,
// uncertainty files, --set values, a sweep's plan): first a scan for the two shapes that make
// toml++ 3.3 recurse once per part and overflow the stack (upstream issues #190, #294, #295) —
// dotted keys and table headers of very many parts, and arrays and inline tables nested very
// deep — and for non-ASCII characters outside strings and comments, on some of which toml++ 3.3
// reaches undefined behaviour; then the parse, a syntax error becoming an InputError at
// file:line:col.
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
// an inline table or a table header), the first array or inline table nested more than
// kMaxNesting deep, or the first non-ASCII character outside strings and comments (which toml++
// 3.3 can mishandle, and TOML forbids there). Strings and comments are skipped as TOML defines
// them; anything else that is not valid TOML is left to the parser.
void check_toml_limits(std::string_view text, const std::string& source);

// check_toml_limits without the non-ASCII check: for text that may be read as a bare string
// instead (a --set value).
void check_toml_size_limits(std::string_view text, const std::string& source);

// Whether every character outside strings and comments is ASCII, so toml++ may parse the text.
bool ascii_outside_strings(std::string_view text);

// check_toml_limits, then toml::parse; a syntax error is an InputError "TOML syntax error: ..."
// at its line and column.
toml::table parse_toml_text(std::string_view text, const std::string& source);

}  // namespace mentorsim::params
