#pragma once
// The developmental network at one week as GraphML (http://graphml.graphdrawing.org/), readable by
// networkx (read_graphml) and Gephi: who develops whom. Nodes are the active practitioners (id,
// group, function, senior, can_mentor, burned_out, load_hours, exhaustion, mean_skill and
// skill_<zone>); edges are the active ties, developer -> learner (id, kind, programme, zone,
// start_week, session_hours, cadence_weeks, quality), then a peer edge for every ordered pair of
// active members of each peer group. Layout: docs/output-format.md, "Network
// export".
#include <string>

#include "state/ids.hpp"

namespace mentorsim {

class World;

// The network of `world` at the end of `week` (0-based, as the weekly series). Only active
// practitioners and active ties (end reason none); written in row and tie order, so the text is a
// pure function of the world.
std::string network_graphml(const World& world, Week week, const std::string& description);

}  // namespace mentorsim
