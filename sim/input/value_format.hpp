#pragma once
// Text forms of parameter values shared by resolved TOML, the schema outputs and diagnostics.
#include <string>
#include <string_view>

#include "scenario/param_spec.hpp"

namespace mentorsim::params {

// Shortest text that reads back as the same double, always with a '.' or an exponent so TOML and
// JSON readers see a real ("2.0", "0.18", "1e-05", "inf").
std::string format_real(double value);

// A TOML basic string: "text" with escapes.
std::string toml_string(std::string_view text);
// A JSON string: "text" with escapes.
std::string json_string(std::string_view text);

// The value as a TOML literal, e.g. 0.18, 260, true, "hazard", [0.7, 0.3], ["a", "b"].
std::string toml_literal(const ParamValue& value);
// The value as JSON (same as TOML except strings use JSON escapes and inf/nan become null).
std::string json_literal(const ParamValue& value);

// A bound of a numeric range for messages: integers without a decimal point.
std::string format_bound(double bound, ParamType type);
// "[0, 10]", ">= 0", "<= 5", or "" when unbounded.
std::string range_text(const Range& range, ParamType type);
// "1 to 8 items", "at least 1 item", or "" when any length is allowed.
std::string items_text(const ItemCount& items);
// What values are allowed, for the schema: the range, the item count and range of elements, or the
// choices ("`fifo`, `best_score`" with `quote` = "`"). Empty when anything of the type is allowed.
std::string allowed_text(const ParamInfo& info, std::string_view quote);

}  // namespace mentorsim::params
