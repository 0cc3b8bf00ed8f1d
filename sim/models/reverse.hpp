#pragma once
// Reverse mentoring: junior people teach senior people (constellation seed §2: "reverse mentors
// (junior people teaching senior people)") in the zones where the juniors are stronger. Seniors
// below `seek_below` in a covered zone wait for a junior whose skill there leads theirs by at least
// `min_lead`; the shared matcher (matching/matcher.hpp) picks among the eligible juniors. The
// junior's load carries the invisible labour the seeds warn about (constellation seed §5: "can
// burden junior people with invisible labour"), and protected time (seed 002: "must be protected
// time") lowers what counts against their available hours.
#include <memory>

#include "models/registry.hpp"
#include "scenario/programmes/reverse.hpp"
#include "state/model.hpp"

namespace mentorsim {

// Relationships running at week 0: a junior (roster: senior = no, short tenure) teaching a senior
// (roster: senior = yes) in one covered zone, up to capacity each.
ModelEntry::ExistingTieRules reverse_existing_ties();

std::unique_ptr<Model> make_reverse_model(const ProgrammeConfig& programme, int programme_index);

}  // namespace mentorsim
