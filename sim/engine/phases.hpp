#pragma once
// The weekly schedule: a fixed, named list of phases, run in this order every week.
// docs/model.md ("Process overview and scheduling") lists the same phases.
#include <array>
#include <string_view>

namespace mentorsim {

enum class Phase {
  kJoining,          // initial population (week 0), arrivals and intakes; programmes see newcomers
  kDeparture,        // hazard draws; leavers' ties end; rows compacted
  kMatching,         // each running programme matches waiting learners
  kSessions,         // sessions held or skipped; knowledge transfer and forgetting
  kLoadAndBurnout,   // developers' load, exhaustion, burning out and shedding
  kProgrammeUpkeep,  // planned endings, programme start/end, reciprocity, each programme's upkeep
  kRecording,        // weekly series; ended ties removed
};

inline constexpr std::array<Phase, 7> kWeeklyPhases = {
    Phase::kJoining,        Phase::kDeparture,       Phase::kMatching, Phase::kSessions,
    Phase::kLoadAndBurnout, Phase::kProgrammeUpkeep, Phase::kRecording};

constexpr std::string_view phase_name(Phase phase) {
  switch (phase) {
    case Phase::kJoining:
      return "joining";
    case Phase::kDeparture:
      return "departure";
    case Phase::kMatching:
      return "matching";
    case Phase::kSessions:
      return "sessions";
    case Phase::kLoadAndBurnout:
      return "load_and_burnout";
    case Phase::kProgrammeUpkeep:
      return "programme_upkeep";
    case Phase::kRecording:
      return "recording";
  }
  return "unknown";
}

}  // namespace mentorsim
