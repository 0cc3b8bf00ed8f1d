#pragma once
// Classic one-on-one mentoring: a mentor holds a few developmental relationships at once
// (group-models seed §2: "maybe 3–5 meaningful relationships"); learners who need a mentor wait in
// a waiting list; the shared matcher (matching/matcher.hpp) pairs them. Its
// single-mentor bottleneck is the baseline every other model is compared against.
#include <memory>

#include "scenario/programmes/one_on_one.hpp"
#include "state/model.hpp"

namespace mentorsim {

std::unique_ptr<Model> make_one_on_one_model(const ProgrammeConfig& programme, int programme_index);

}  // namespace mentorsim
