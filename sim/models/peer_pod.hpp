#pragma once
// Peer learning pods: small groups of peers meeting weekly (seed 001 §4: "learning pods of 4–6
// meeting weekly"; seed 000 §4: "3–5 meeting monthly"), each visited monthly by a senior organizer
// (seed 001: "Assign a senior organizer to visit each pod monthly"), with an annual peer-mentoring
// rotation inside the pod (seed 001: "each member mentors one peer (usually someone earlier in the
// journey) ... rotate annually"). A pod without psychological safety is hollow: "people attend but
// little is learned" (seed 001 §5; seed 000 §5: "peer mentoring only works if psychological safety
// exists"). Peers learn from each other through the generic knowledge mechanism, which transfers
// only from the stronger to the weaker member of a tie.
#include <memory>

#include "scenario/programmes/peer_pod.hpp"
#include "state/model.hpp"

namespace mentorsim {

std::unique_ptr<Model> make_peer_pod_model(const ProgrammeConfig& programme, int programme_index);

}  // namespace mentorsim
