#include "scenario/roster.hpp"

#include "core/sha256.hpp"

namespace mentorsim {

std::string output_roster_id(const Roster& roster, std::size_t row, bool keep_ids) {
  if (keep_ids) return roster.ids[row];
  return "h" + sha256_hex(roster.sha256 + ":" + roster.ids[row]).substr(0, 16);
}

}  // namespace mentorsim
