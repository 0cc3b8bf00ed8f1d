#pragma once
// Classic one-on-one mentoring: a mentor holds a few developmental relationships at once
// (group-models seed §2: "maybe 3–5 meaningful relationships"); learners who need a mentor wait in
// a waiting list; the shared matcher (matching/matcher.hpp) pairs them. Its
// single-mentor bottleneck is the baseline every other model is compared against.
#include <memory>

#include "models/registry.hpp"
#include "scenario/programmes/one_on_one.hpp"
#include "state/model.hpp"

namespace mentorsim {

// Relationships running at week 0: a mentor holds up to max(capacity, max_mentees); the mentor
// becomes able to mentor (they do), and the learner does not seek at the start.
ModelEntry::ExistingTieRules one_on_one_existing_ties();

std::unique_ptr<Model> make_one_on_one_model(const ProgrammeConfig& programme, int programme_index);

}  // namespace mentorsim
