#include "output/network_graphml.hpp"

#include <fmt/format.h>

#include <array>

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

void key(std::string& out, const std::string& id, const char* domain, const char* type) {
  out += fmt::format("  <key id=\"{0}\" for=\"{1}\" attr.name=\"{0}\" attr.type=\"{2}\"/>\n",
                     xml(id), domain, type);
}

template <typename T>
void data(std::string& out, const std::string& id, const T& value) {
  out += fmt::format("      <data key=\"{}\">{}</data>\n", xml(id), value);
}

}  // namespace

std::string network_graphml(const World& world, Week week, const std::string& description) {
  const Scenario& s = world.scenario();
  const auto& zones = s.population.zones;
  const Practitioners& p = world.people;
  const Ties& t = world.ties;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  key(out, "group", "node", "string");
  key(out, "function", "node", "string");
  key(out, "senior", "node", "boolean");
  key(out, "can_mentor", "node", "boolean");
  key(out, "burned_out", "node", "boolean");
  key(out, "joined_week", "node", "int");
  key(out, "load_hours", "node", "double");
  key(out, "exhaustion", "node", "double");
  key(out, "mean_skill", "node", "double");
  for (const auto& z : zones) key(out, "skill_" + z, "node", "double");
  key(out, "kind", "edge", "string");
  key(out, "programme", "edge", "string");
  key(out, "zone", "edge", "string");
  key(out, "start_week", "edge", "int");
  key(out, "session_hours", "edge", "double");
  key(out, "cadence_weeks", "edge", "int");
  key(out, "quality", "edge", "double");
  out += fmt::format("  <graph id=\"week{}\" edgedefault=\"directed\">\n", week);
  out += fmt::format("    <desc>{}</desc>\n", xml(description));
  const auto bool_text = [](bool b) { return b ? "true" : "false"; };
  const int z_count = p.zones();
  for (Row r = 0; r < p.size(); ++r) {
    out += fmt::format("    <node id=\"p{}\">\n", p.id[r]);
    data(out, "group", xml(name_at(s.population.group_names, p.group[r])));
    data(out, "function", xml(name_at(s.population.function_names, p.function[r])));
    data(out, "senior", bool_text(p.has(r, flag::kSenior)));
    data(out, "can_mentor", bool_text(p.has(r, flag::kCanMentor)));
    data(out, "burned_out", bool_text(p.has(r, flag::kBurnedOut)));
    data(out, "joined_week", p.joined_week[r]);
    data(out, "load_hours", p.load_hours[r]);
    data(out, "exhaustion", p.exhaustion[r]);
    double sum = 0;
    for (int z = 0; z < z_count; ++z) sum += p.skill[static_cast<std::size_t>(r) * z_count + z];
    data(out, "mean_skill", z_count ? sum / z_count : 0.0);
    for (int z = 0; z < z_count && z < static_cast<int>(zones.size()); ++z)
      data(out, "skill_" + zones[z], p.skill[static_cast<std::size_t>(r) * z_count + z]);
    out += "    </node>\n";
  }
  const auto programme_name = [&](std::uint8_t index) {
    return xml(index < s.programmes.size() ? s.programmes[index].common.name
                                           : fmt::format("{}", index));
  };
  // One edge, developer -> learner, with the relationship's attributes.
  const auto edge = [&](const std::string& id, PractitionerId developer, PractitionerId learner,
                        const std::string& kind, std::uint8_t programme, const std::string& zone,
                        Week start, float hours, std::uint16_t cadence, float quality) {
    out +=
        fmt::format("    <edge id=\"{}\" source=\"p{}\" target=\"p{}\">\n", id, developer, learner);
    data(out, "kind", kind);
    data(out, "programme", programme_name(programme));
    data(out, "zone", zone);
    data(out, "start_week", start);
    data(out, "session_hours", hours);
    data(out, "cadence_weeks", cadence);
    data(out, "quality", quality);
    out += "    </edge>\n";
  };
  for (std::size_t i = 0; i < t.id.size(); ++i) {
    if (t.end_reason[i] != static_cast<std::uint8_t>(EndReason::kNone)) continue;
    edge(fmt::format("t{}", t.id[i]), t.developer_id[i], t.learner_id[i],
         kTieKindNames.at(t.kind[i]), t.programme[i],
         t.zone[i] >= 0 ? xml(name_at(zones, static_cast<std::size_t>(t.zone[i]))) : "all",
         t.start_week[i], t.session_hours[i], t.cadence_weeks[i], t.quality[i]);
  }
  // Peer groups: an edge of kind peer between every ordered pair of active members, as the pair
  // ties the group stands for; ids g<group>_<developer>_<learner>.
  const PeerGroups& g = world.groups;
  for (GroupRow gr = 0; gr < g.groups(); ++gr)
    for (MembershipRow a = g.begin(gr); a < g.end(gr); ++a) {
      if (!g.active(a)) continue;
      for (MembershipRow b = g.begin(gr); b < g.end(gr); ++b)
        if (b != a && g.active(b))
          edge(fmt::format("g{}_{}_{}", g.id[gr], g.member_id[a], g.member_id[b]), g.member_id[a],
               g.member_id[b], "peer", g.programme[gr], "all", g.start_week[gr],
               g.session_hours[gr], g.cadence_weeks[gr], g.quality[gr]);
    }
  out += "  </graph>\n</graphml>\n";
  return out;
}

}  // namespace mentorsim
