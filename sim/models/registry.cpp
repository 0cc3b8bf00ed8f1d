// The one list of mentoring models. To add a model: write sim/models/<kind>.{hpp,cpp} and add one
// entry here.
#include "models/registry.hpp"

#include "models/constellation.hpp"
#include "models/group_cohort.hpp"
#include "models/one_on_one.hpp"
#include "models/peer_pod.hpp"
#include "models/reverse.hpp"

namespace mentorsim {

const std::vector<ModelEntry>& model_registry() {
  static const std::vector<ModelEntry> entries = {
      {"one_on_one",
       "Classic one-on-one mentoring: mentors with a capacity and a waiting list.",
       one_on_one_section,
       [] { return std::make_unique<OneOnOneConfig>(); },
       make_one_on_one_model,
       {},
       one_on_one_existing_ties()},
      {"reverse", "Reverse mentoring: juniors teach seniors in the zones where they are stronger.",
       reverse_section, [] { return std::make_unique<ReverseConfig>(); }, make_reverse_model,
       reverse_check_in_scenario, reverse_existing_ties()},
      {"peer_pod",
       "Peer learning pods: peers meeting weekly, a visiting senior, a rotation.",
       peer_pod_section,
       [] { return std::make_unique<PeerPodConfig>(); },
       make_peer_pod_model,
       {},
       std::nullopt},
      {"group_cohort",
       "Group cohorts: 8–12 learners biweekly with a facilitator; decay, pauses.",
       group_cohort_section,
       [] { return std::make_unique<GroupCohortConfig>(); },
       make_group_cohort_model,
       {},
       std::nullopt},
      {"constellation",
       "Constellations: 2–4 guides per development zone by skill and room, staggered rhythms.",
       constellation_section,
       [] { return std::make_unique<ConstellationConfig>(); },
       make_constellation_model,
       {},
       constellation_existing_ties()},
  };
  return entries;
}

const ModelEntry* find_model(std::string_view kind) {
  for (const auto& e : model_registry())
    if (e.kind == kind) return &e;
  return nullptr;
}

}  // namespace mentorsim
