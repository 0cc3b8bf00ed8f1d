#include "output/network_graphml.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "state/world.hpp"

namespace mentorsim {

namespace {

constexpr std::array<const char*, 5> kTieKindNames = {"one_on_one", "guide", "peer", "reverse",
                                                      "facilitator"};

// Text escaped for XML character data and attribute values.
std::string xml(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string name_at(const std::vector<std::string>& names, std::size_t i) {
  return i < names.size() ? names[i] : fmt::format("{}", i);
}

// A value as GraphML data: formatted in its own type, so a float keeps its shortest float form.
template <typename T>
std::string formatted(const T& value) {
  return fmt::format("{}", value);
}

std::string bool_text(bool b) {
  return b ? "true" : "false";
}

// One active practitioner, as the node attributes see it.
struct Node {
  const Scenario& scenario;
  const Practitioners& people;
  Row row;
};

// One edge, developer -> learner, with the relationship's attributes: a tie, or one ordered pair
// of a peer group's members.
struct Edge {
  std::string id;
  PractitionerId developer;
  PractitionerId learner;
  std::string kind;
  std::string programme;  // the programme's name, escaped
  std::string zone;       // escaped, or "all"
  Week start;
  float hours;
  std::uint16_t cadence;
  float quality;
};

// One GraphML attribute of a node or an edge, declared once: its <key> and every element's <data>
// come from the same entry, so the two cannot drift apart.
template <typename Of>
struct Attribute {
  const char* name;
  const char* type;  // GraphML attr.type
  std::string (*value)(const Of&);
};

double mean_skill(const Practitioners& p, Row r) {
  const int zones = p.zones();
  double sum = 0;
  for (int z = 0; z < zones; ++z) sum += p.skill[static_cast<std::size_t>(r) * zones + z];
  return zones ? sum / zones : 0.0;
}

// Gephi's node label: the id and the function, e.g. "p42 engineering".
std::string node_label(const Node& n) {
  return xml(fmt::format("p{} {}", n.people.id[n.row],
                         name_at(n.scenario.population.function_names, n.people.function[n.row])));
}

// The node attributes before the per-zone skill_<zone> ones, in the order they are written.
const std::array<Attribute<Node>, 10> kNodeAttributes = {{
    {"label", "string", node_label},
    {"group", "string",
     [](const Node& n) {
       return xml(name_at(n.scenario.population.group_names, n.people.group[n.row]));
     }},
    {"function", "string",
     [](const Node& n) {
       return xml(name_at(n.scenario.population.function_names, n.people.function[n.row]));
     }},
    {"senior", "boolean",
     [](const Node& n) { return bool_text(n.people.has(n.row, flag::kSenior)); }},
    {"can_mentor", "boolean",
     [](const Node& n) { return bool_text(n.people.has(n.row, flag::kCanMentor)); }},
    {"burned_out", "boolean",
     [](const Node& n) { return bool_text(n.people.has(n.row, flag::kBurnedOut)); }},
    {"joined_week", "int", [](const Node& n) { return formatted(n.people.joined_week[n.row]); }},
    {"load_hours", "double", [](const Node& n) { return formatted(n.people.load_hours[n.row]); }},
    {"exhaustion", "double", [](const Node& n) { return formatted(n.people.exhaustion[n.row]); }},
    {"mean_skill", "double", [](const Node& n) { return formatted(mean_skill(n.people, n.row)); }},
}};

// Gephi's edge weight: contact hours a week, a session's hours over its cadence.
std::string edge_weight(const Edge& e) {
  return formatted(e.cadence > 0 ? e.hours / e.cadence : 0.0);
}

const std::array<Attribute<Edge>, 8> kEdgeAttributes = {{
    {"kind", "string", [](const Edge& e) { return e.kind; }},
    {"programme", "string", [](const Edge& e) { return e.programme; }},
    {"zone", "string", [](const Edge& e) { return e.zone; }},
    {"start_week", "int", [](const Edge& e) { return formatted(e.start); }},
    {"session_hours", "double", [](const Edge& e) { return formatted(e.hours); }},
    {"cadence_weeks", "int", [](const Edge& e) { return formatted(e.cadence); }},
    {"quality", "double", [](const Edge& e) { return formatted(e.quality); }},
    {"weight", "double", edge_weight},
}};

void key(std::string& out, const std::string& id, const char* domain, const char* type) {
  out += fmt::format("  <key id=\"{0}\" for=\"{1}\" attr.name=\"{0}\" attr.type=\"{2}\"/>\n",
                     xml(id), domain, type);
}

// `value` is already GraphML text (escaped); `indent` nests it under its element.
void data(std::string& out, const std::string& id, const std::string& value, int indent = 6) {
  out += fmt::format("{:{}}<data key=\"{}\">{}</data>\n", "", indent, xml(id), value);
}

// The graph's own attributes: which run and week the network is.
constexpr std::array<std::pair<const char*, const char*>, 4> kGraphAttributes = {
    {{"scenario", "string"}, {"replicate", "long"}, {"seed", "long"}, {"week", "int"}}};

void write_keys(std::string& out, const std::vector<std::string>& zones, bool roster) {
  for (const auto& [name, type] : kGraphAttributes) key(out, name, "graph", type);
  for (const auto& a : kNodeAttributes) key(out, a.name, "node", a.type);
  for (const auto& z : zones) key(out, "skill_" + z, "node", "double");
  if (roster) key(out, "roster_id", "node", "string");
  for (const auto& a : kEdgeAttributes) key(out, a.name, "edge", a.type);
}

void write_node(std::string& out, const Node& n) {
  const auto& zones = n.scenario.population.zones;
  const int z_count = n.people.zones();
  out += fmt::format("    <node id=\"p{}\">\n", n.people.id[n.row]);
  for (const auto& a : kNodeAttributes) data(out, a.name, a.value(n));
  for (int z = 0; z < z_count && z < static_cast<int>(zones.size()); ++z)
    data(out, "skill_" + zones[z],
         formatted(n.people.skill[static_cast<std::size_t>(n.row) * z_count + z]));
  // A roster's people (ids 0 .. rows-1): their roster id, hashed unless keep_roster_ids.
  if (const Roster* roster = n.scenario.roster.get(); roster && n.people.id[n.row] < roster->rows())
    data(out, "roster_id",
         xml(output_roster_id(*roster, n.people.id[n.row], n.scenario.population.keep_roster_ids)));
  out += "    </node>\n";
}

void write_edge(std::string& out, const Edge& e) {
  out += fmt::format("    <edge id=\"{}\" source=\"p{}\" target=\"p{}\">\n", e.id, e.developer,
                     e.learner);
  for (const auto& a : kEdgeAttributes) data(out, a.name, a.value(e));
  out += "    </edge>\n";
}

std::string programme_name(const Scenario& s, std::uint8_t index) {
  return xml(index < s.programmes.size() ? s.programmes[index].common.name
                                         : fmt::format("{}", index));
}

// The active ties (end reason none), in tie order.
void write_tie_edges(std::string& out, const Scenario& s, const Ties& t) {
  for (std::size_t i = 0; i < t.id.size(); ++i) {
    if (t.end_reason[i] != static_cast<std::uint8_t>(EndReason::kNone)) continue;
    const std::string zone =
        t.zone[i] >= 0 ? xml(name_at(s.population.zones, static_cast<std::size_t>(t.zone[i])))
                       : "all";
    write_edge(out, {fmt::format("t{}", t.id[i]), t.developer_id[i], t.learner_id[i],
                     kTieKindNames.at(t.kind[i]), programme_name(s, t.programme[i]), zone,
                     t.start_week[i], t.session_hours[i], t.cadence_weeks[i], t.quality[i]});
  }
}

// Peer groups: an edge of kind peer between every ordered pair of active members, as the pair
// ties the group stands for; ids g<group>_<developer>_<learner>.
void write_peer_edges(std::string& out, const Scenario& s, const PeerGroups& g) {
  for (GroupRow gr = 0; gr < g.groups(); ++gr)
    for (MembershipRow a = g.begin(gr); a < g.end(gr); ++a) {
      if (!g.active(a)) continue;
      for (MembershipRow b = g.begin(gr); b < g.end(gr); ++b)
        if (b != a && g.active(b))
          write_edge(out, {fmt::format("g{}_{}_{}", g.id[gr], g.member_id[a], g.member_id[b]),
                           g.member_id[a], g.member_id[b], "peer",
                           programme_name(s, g.programme[gr]), "all", g.start_week[gr],
                           g.session_hours[gr], g.cadence_weeks[gr], g.quality[gr]});
    }
}

}  // namespace

std::string network_graphml(const World& world, const NetworkInfo& info) {
  const Scenario& s = world.scenario();
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  write_keys(out, s.population.zones, s.roster != nullptr);
  out += fmt::format("  <graph id=\"week{}\" edgedefault=\"directed\">\n", info.week);
  out += fmt::format("    <desc>{}</desc>\n",
                     xml(fmt::format("{}: replicate {}, seed {}, end of week {}", s.meta.name,
                                     info.replicate, info.seed, info.week)));
  data(out, "scenario", xml(s.meta.name), 4);
  data(out, "replicate", formatted(info.replicate), 4);
  data(out, "seed", formatted(info.seed), 4);
  data(out, "week", formatted(info.week), 4);
  for (Row r = 0; r < world.people.size(); ++r) write_node(out, {s, world.people, r});
  write_tie_edges(out, s, world.ties);
  write_peer_edges(out, s, world.groups);
  out += "  </graph>\n</graphml>\n";
  return out;
}

}  // namespace mentorsim
