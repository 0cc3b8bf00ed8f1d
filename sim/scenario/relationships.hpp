#pragma once
// Relationships already running at week 0 (`[population] relationships`,
// input/relationships_reader.hpp): one line per developer–learner pair of a named programme, read
// against the roster, whose rows they name. The engine hands each programme its own at week 0
// (Model::adopt_existing), before anyone seeks a place, so the programme's rules (capacity,
// cadence, planned ends) hold for them as for the ties it makes itself.
#include <cstdint>
#include <string>
#include <vector>

namespace mentorsim {

struct ExistingTie {
  std::uint32_t developer = 0;  // roster row, which is the practitioner's id
  std::uint32_t learner = 0;
  std::uint8_t programme = 0;    // index into Scenario::programmes
  std::int8_t zone = -1;         // the zone worked on; -1 (kAllZones) where the kind has no zones
  std::int32_t start_week = 0;   // <= 0: sessions fall on it and every cadence after
  std::int32_t planned_end = 0;  // week at whose upkeep it completes, >= 0
  int line = 0;                  // of the file, for messages
};

struct Relationships {
  std::string path;               // the file read, absolute
  std::string sha256;             // of its bytes: recorded with the resolved scenario
  std::vector<ExistingTie> ties;  // in file order
};

}  // namespace mentorsim
