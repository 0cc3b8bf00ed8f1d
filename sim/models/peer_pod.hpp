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
#include <string>

#include "models/model.hpp"
#include "params/param_spec.hpp"

namespace mentorsim {

struct ProgrammeConfig;

struct PeerPodConfig final : ModelConfig {
  std::int64_t pod_size;       // members of a pod when it forms (a final pod may take fewer)
  std::int64_t pod_size_min;   // pods form once this many wait; dissolve below this minus one
  double seek_share;           // share of newcomers (not seniors) who seek a pod on joining
  double initial_seek_share;   // share of the programme's starting population who seek one
  std::int64_t cadence_weeks;  // weeks between pod meetings
  double session_hours;        // length of a pod meeting
  double attendance;           // probability a scheduled session takes place
  double quality_base;         // peer-group quality before safety
  double safety_min;           // a pod's safety ~ uniform(safety_min, safety_max)
  double safety_max;
  double hollow_below;           // a pod with safety below this is hollow
  double hollow_quality_factor;  // multiplies a hollow pod's peer-group quality
  std::int64_t visit_capacity;   // pods a visiting senior takes
  std::int64_t visit_cadence_weeks;
  double visit_hours;                   // length of one visit (the whole pod)
  std::int64_t rotation_weeks;          // weeks between re-pairings of the rotation
  std::int64_t rotation_cadence_weeks;  // weeks between rotation sessions

  std::unique_ptr<ModelConfig> clone() const override {
    return std::make_unique<PeerPodConfig>(*this);
  }
};

params::SectionSpec peer_pod_section();
std::unique_ptr<Model> make_peer_pod_model(const ProgrammeConfig& programme, int programme_index);

}  // namespace mentorsim
