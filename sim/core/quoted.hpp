#pragma once
// One string-quoting routine for every text format we write: the escapes it uses are valid both in
// TOML basic strings and in JSON.
#include <string>
#include <string_view>

namespace mentorsim {

// "text" with \" \\ \n \t \r \b \f escaped and other control characters (and DEL) as \uXXXX.
std::string quoted(std::string_view text);

// A CSV field after RFC 4180: quoted when it holds a comma, a quote or a line break, with its
// quotes doubled.
std::string csv_field(std::string_view text);

}  // namespace mentorsim
