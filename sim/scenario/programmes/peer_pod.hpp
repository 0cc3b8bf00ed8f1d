#pragma once
// The peer pod model's config: one field per key of a [[programme]] entry of kind "peer_pod",
// declared once in scenario/programmes/peer_pod.cpp. The model itself: models/peer_pod.hpp.
#include <memory>
#include <string>

#include "scenario/param_spec.hpp"
#include "scenario/programme.hpp"

namespace mentorsim {

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

// Its parameters, declared once (scenario/programmes/peer_pod.cpp).
params::SectionSpec peer_pod_section();

}  // namespace mentorsim
