#pragma once
// SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits. Used for provenance: the hash
// of each sweep run's resolved scenario and of the sweep file, so a reader can tell that two runs
// ran the same scenario and a resumed sweep can tell that its inputs did not change.
#include <string>
#include <string_view>

namespace mentorsim {

std::string sha256_hex(std::string_view data);

}  // namespace mentorsim
