#pragma once
// The developmental network at one week as GraphML (http://graphml.graphdrawing.org/), readable by
// networkx (read_graphml) and Gephi: who develops whom. Nodes are the active practitioners (id,
// group, function, senior, can_mentor, burned_out, load_hours, exhaustion, mean_skill and
// skill_<zone>); edges are the active ties, developer -> learner (id, kind, programme, zone,
// start_week, session_hours, cadence_weeks, quality, weight), then a peer edge for every ordered
// pair of active members of each peer group. Nodes carry a `label` and edges a `weight` (contact
// hours a week), the attributes Gephi reads by those names; the graph carries the scenario,
// replicate, seed and week. Layout: docs/output-format.md, "Network export".
#include <cstdint>
#include <string>

#include "state/ids.hpp"

namespace mentorsim {

class World;

// Which network a file holds: written as the graph's attributes and its <desc>.
struct NetworkInfo {
  std::uint64_t replicate = 0;
  std::int64_t seed = 0;  // the base seed (scenario.seed or --seed)
  Week week = 0;          // 0-based, as the weekly series: the network at the end of this week
};

// The network of `world` at the end of `info.week`. Only active practitioners and active ties (end
// reason none); written in row and tie order, so the text is a pure function of the world.
std::string network_graphml(const World& world, const NetworkInfo& info);

}  // namespace mentorsim
