#pragma once
// Identities. Ids are stable and never reused; rows are positions in the current tables and change
// when departed practitioners or ended ties are compacted away.
#include <cstdint>

namespace mentorsim {

using PractitionerId = std::uint64_t;
using TieId = std::uint64_t;
using Row = std::uint32_t;     // row in the practitioner table
using TieRow = std::uint32_t;  // row in the tie table
using Week = std::int32_t;

inline constexpr Row kNoRow = 0xFFFFFFFFu;

}  // namespace mentorsim
