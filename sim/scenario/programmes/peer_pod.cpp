// Parameters of the peer pod model, declared once.

#include "scenario/programmes/peer_pod.hpp"

namespace mentorsim {

params::SectionSpec peer_pod_section() {
  using B = params::SectionBuilder<PeerPodConfig>;
  return B("peer_pod",
           "Peer learning pods: small peer groups meeting weekly, visited monthly by a senior, "
           "with an annual peer-mentoring rotation.")
      .integer("pod_size", &PeerPodConfig::pod_size, 5, {3, 6}, "practitioners",
               "Members of a pod when it forms (seed 001 §4: 'learning pods of 4–6'; seed 000 "
               "§4: '3–5').")
      .integer("pod_size_min", &PeerPodConfig::pod_size_min, 4, {2, 6}, "practitioners",
               "Pods form once this many wait (a final pod may take between this and pod_size); "
               "a pod left with fewer than pod_size_min - 1 members dissolves (assumed).")
      .real("seek_share", &PeerPodConfig::seek_share, 0.8, {0, 1}, "",
            "Share of newcomers (not seniors) who seek a pod on joining.")
      .real("initial_seek_share", &PeerPodConfig::initial_seek_share, 0.05, {0, 1}, "",
            "Share of the programme's starting population (not seniors) who seek a pod.")
      .integer("cadence_weeks", &PeerPodConfig::cadence_weeks, 1, {1, 52}, "weeks",
               "Weeks between pod meetings (seed 001 §4: 'meeting weekly').")
      .real("session_hours", &PeerPodConfig::session_hours, 1.0, {0, 40}, "hours",
            "Length of a pod meeting. The pod's peer learning carries no load: attending one's "
            "own pod is not mentoring others (assumed).")
      .real("attendance", &PeerPodConfig::attendance, 0.8, {0, 1}, "",
            "Probability that a member attends a pod meeting (a pair learns when both attend), "
            "and that a rotation session takes place (assumed).")
      .real("quality_base", &PeerPodConfig::quality_base, 0.6, {0, 1}, "",
            "Peer-group quality before psychological safety: quality = quality_base x safety "
            "(assumed).")
      .real("safety_min", &PeerPodConfig::safety_min, 0.3, {0, 1}, "",
            "Lower end of a pod's psychological safety, drawn uniformly at formation (assumed).")
      .real("safety_max", &PeerPodConfig::safety_max, 1.0, {0, 1}, "",
            "Upper end of a pod's psychological safety (assumed).")
      .real("hollow_below", &PeerPodConfig::hollow_below, 0.5, {0, 1}, "",
            "A pod with safety below this is hollow (seed 001 §5: 'people attend but little is "
            "learned'; seed 000 §5: 'peer mentoring only works if psychological safety exists'; "
            "threshold assumed).")
      .real("hollow_quality_factor", &PeerPodConfig::hollow_quality_factor, 0.2, {0, 1}, "",
            "Multiplies the peer and rotation tie quality of a hollow pod (assumed).")
      .integer("visit_capacity", &PeerPodConfig::visit_capacity, 4, {1, 100}, "pods",
               "Pods one visiting senior takes at a time (assumed).")
      .integer("visit_cadence_weeks", &PeerPodConfig::visit_cadence_weeks, 4, {1, 52}, "weeks",
               "Weeks between senior visits (seed 001: 'visit each pod monthly').")
      .real("visit_hours", &PeerPodConfig::visit_hours, 1.0, {0, 40}, "hours",
            "Length of one visit to a whole pod; the senior's load is visit_hours / "
            "visit_cadence_weeks per pod (assumed).")
      .integer("rotation_weeks", &PeerPodConfig::rotation_weeks, 52, {1, 5200}, "weeks",
               "Weeks between re-pairings of the in-pod mentoring rotation (seed 001: 'rotate "
               "annually').")
      .integer("rotation_cadence_weeks", &PeerPodConfig::rotation_cadence_weeks, 2, {1, 52},
               "weeks",
               "Weeks between sessions of a rotation pair, who carry it as mentoring load "
               "(assumed).")
      .not_above("pod_size_min", &PeerPodConfig::pod_size_min, "pod_size", &PeerPodConfig::pod_size)
      .not_above("safety_min", &PeerPodConfig::safety_min, "safety_max", &PeerPodConfig::safety_max)
      .build();
}

}  // namespace mentorsim
