#pragma once
// Reads one TOML value as a declared parameter: type check (an integer is accepted for a real, a
// real is not accepted for an integer), range check, list length and element checks, choices.
#include <toml++/toml.h>

#include <optional>
#include <string>

#include "input/reporter.hpp"
#include "scenario/param_spec.hpp"

namespace mentorsim::params {

// The value, or nothing after reporting every problem with it under `full_key` ("departure.rate").
std::optional<ParamValue> read_value(const ParamInfo& info, const toml::node& node,
                                     const std::string& full_key, Reporter& reporter);

// What a node is, for messages: "a string", "an integer", "a real number", "a table", ...
std::string found_name(const toml::node& node);

// Reports "<full_key>: expected <expected>, found <what node is>". Returns std::nullopt so a reader
// can `return report_type(...);`.
std::nullopt_t report_type(Reporter& reporter, const toml::node& node, const std::string& full_key,
                           const std::string& expected);

}  // namespace mentorsim::params
