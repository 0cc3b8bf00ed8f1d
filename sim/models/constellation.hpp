#pragma once
// Mentorship constellations (seed 000, "Mentorship Constellation"; developmental networks): each
// learner maps 3–5 development zones and recruits 2–4 guides per zone "by capacity and
// relationship, not by title" (§4) — anyone whose skill in the zone leads the learner's and who has
// room, peers included. Guides meet the learner in staggered rhythms by role (§6: "weekly with the
// peer mentor, bi-weekly with the technical guide, monthly with the cultural navigator"; §4: "one
// quarterly coffee with a senior guide ... annual reflection with the whole constellation"). A
// check-in (§4: "annual (or quarterly)") releases stale guides, drops zones already mastered and
// refills zones short of guides, replacing guides who left. Two or more guides in a zone without a
// coordinator give contradictory advice (§5), which lowers the quality of those ties. Learners
// guide others as soon as they lead someone in a zone (§4: "Who will you mentor? Not
// someday—now").
#include <memory>

#include "models/registry.hpp"
#include "scenario/programmes/constellation.hpp"
#include "state/model.hpp"

namespace mentorsim {

// Relationships running at week 0: a guide (up to guide_capacity) and a non-senior learner in one
// zone, up to guides_per_zone guides per learner and zone.
ModelEntry::ExistingTieRules constellation_existing_ties();

std::unique_ptr<Model> make_constellation_model(const ProgrammeConfig& programme,
                                                int programme_index);

}  // namespace mentorsim
