// Reference twin of the sessions phase's skill update (mechanisms/knowledge.cpp): a plain loop with
// branches, written from docs/model.md §7.3, must give the tuned, branch-free, parallel loop's
// skills bit for bit on the bundled ecosystem (one-on-one-like ties for single zones and every
// zone, cohort facilitators, pods, reverse ties), with roles that leave some zones unused at work.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;

namespace {

// The skills after the sessions phase, from `start` (the skills before it), `memory` (the groups'
// memory before it) and the world after it (which sessions were held, who was present). Transfer
// and teaching use the starting skills; a learner's ties add in tie order, then its developer
// ties, then its groups in membership order, each group's members and then its memory.
std::vector<float> reference_update(const World& w, const std::vector<float>& start,
                                    const std::vector<float>& memory) {
  const Scenario& s = w.scenario();
  const KnowledgeConfig& k = s.knowledge;
  const Practitioners& p = w.people;
  const Ties& ties = w.ties;
  const PeerGroups& groups = w.groups;
  const int zones = p.zones();
  const auto at = [&](Row r, int z) { return start[static_cast<std::size_t>(r) * zones + z]; };
  const auto covers = [](std::int8_t tie_zone, int z) {
    return tie_zone == kAllZones || tie_zone == z;
  };
  // Roles from the names, not from the World's lookup.
  const auto needs = [&](Row r, int z) {
    if (s.population.function_zones.empty()) return true;
    const auto& names = s.population.function_zones[p.function[r]];
    return std::find(names.begin(), names.end(), s.population.zones[static_cast<std::size_t>(z)]) !=
           names.end();
  };
  const double alpha = k.transfer_rate, G = k.absorptive_gap, share = k.teaching_share;
  const double f_week = 1.0 - std::pow(1.0 - k.forgetting_per_month, 12.0 / 52.0);
  const double rate = k.experience_half_life_weeks > 0
                          ? 1.0 - std::pow(0.5, 1.0 / k.experience_half_life_weeks)
                          : 0.0;
  const auto keep = static_cast<float>(1.0 - f_week),
             floor = static_cast<float>(k.forgetting_floor);
  const auto kf = static_cast<float>(rate), ceiling = static_cast<float>(k.experience_ceiling);
  const bool remember = k.group_memory_share > 0 && k.group_memory_half_life_weeks > 0;

  // Quality with load: each developer's relationships this week (a pair 1, a group's ties 1 in
  // all), and the share of full quality each gets.
  const double most = k.relationships_before_dilution;
  std::vector<double> relationships(p.size(), 0.0);
  for (TieRow t = 0; t < ties.size(); ++t)
    if (ties.active(t)) relationships[ties.developer[t]] += ties.relationship_share[t];
  const auto attention = [&](Row d) {
    return most > 0 && relationships[d] > most ? static_cast<float>(most / relationships[d]) : 1.0f;
  };

  std::vector<float> out(start.size());
  for (Row r = 0; r < p.size(); ++r) {
    std::vector<float> delta(static_cast<std::size_t>(zones), 0.0f);
    std::vector<bool> used(static_cast<std::size_t>(zones), false);
    for (TieRow t = 0; t < ties.size(); ++t) {  // as learner
      if (!ties.active(t) || !ties.held[t] || ties.learner[t] != r) continue;
      for (int z = 0; z < zones; ++z) {
        if (!covers(ties.zone[t], z)) continue;
        used[z] = true;
        const double gap = static_cast<double>(at(ties.developer[t], z)) - at(r, z);
        if (gap > 0)
          delta[z] += static_cast<float>(alpha * ties.quality[t] * attention(ties.developer[t]) *
                                         std::min(gap, G));
      }
    }
    for (TieRow t = 0; t < ties.size(); ++t) {  // as developer: teaching
      if (!ties.active(t) || !ties.held[t] || ties.developer[t] != r) continue;
      for (int z = 0; z < zones; ++z) {
        if (!covers(ties.zone[t], z)) continue;
        used[z] = true;
        const double gap = static_cast<double>(at(r, z)) - at(ties.learner[t], z);
        if (share > 0 && gap > 0)
          delta[z] +=
              static_cast<float>(share * alpha * ties.quality[t] * attention(r) * std::min(gap, G));
      }
    }
    for (MembershipRow m = 0; m < groups.memberships(); ++m) {  // peer groups
      if (groups.member[m] != r || !groups.present[m] || !groups.held[groups.group[m]]) continue;
      const GroupRow g = groups.group[m];
      const double aq = alpha * groups.quality[g];
      for (int z = 0; z < zones; ++z) {
        used[z] = true;
        float gain = 0.0f;
        for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o) {
          if (o == m || !groups.present[o]) continue;
          const double gap = static_cast<double>(at(groups.member[o], z)) - at(r, z);
          if (gap > 0) gain += static_cast<float>(aq * std::min(gap, G));           // learns from o
          if (gap < 0) gain += static_cast<float>(share * aq * std::min(-gap, G));  // teaches o
        }
        const double from_memory =
            static_cast<double>(memory[static_cast<std::size_t>(g) * zones + z]) - at(r, z);
        if (remember && from_memory > 0) gain += static_cast<float>(aq * std::min(from_memory, G));
        delta[z] += gain;
      }
    }
    for (int z = 0; z < zones; ++z) {
      const float K = at(r, z);
      float& next = out[static_cast<std::size_t>(r) * zones + z];
      if (needs(r, z))  // practised at work: experience, never forgetting
        next = std::min(1.0f, K + delta[z] + kf * std::max(0.0f, ceiling - K));
      else if (used[z])
        next = std::min(1.0f, K + delta[z]);
      else
        next = K > floor ? floor + (K - floor) * keep : K;
    }
  }
  return out;
}

// The groups' memory after the sessions phase: a week older, then, after a held session, at least
// group_memory_share x the best present member's starting skill in each zone.
std::vector<float> reference_memory(const World& w, const std::vector<float>& start,
                                    const std::vector<float>& memory) {
  const KnowledgeConfig& k = w.scenario().knowledge;
  const PeerGroups& groups = w.groups;
  const int zones = w.people.zones();
  if (k.group_memory_share <= 0 || k.group_memory_half_life_weeks <= 0) return memory;
  const auto keep = static_cast<float>(std::pow(0.5, 1.0 / k.group_memory_half_life_weeks));
  const auto share = static_cast<float>(k.group_memory_share);
  std::vector<float> out = memory;
  for (GroupRow g = 0; g < groups.groups(); ++g)
    for (int z = 0; z < zones; ++z) {
      float& m = out[static_cast<std::size_t>(g) * zones + z];
      m = m * keep;
      if (!groups.held[g]) continue;
      for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o)
        if (groups.present[o])
          m = std::max(m, share * start[static_cast<std::size_t>(groups.member[o]) * zones + z]);
    }
  return out;
}

}  // namespace

TEST_CASE("the sessions phase's skill update equals its plain reference twin",
          "[knowledge][learning][reference]") {
  // Roles that leave zones out: engineering does not use leadership, sales only navigation.
  const std::string roles =
      "population.function_zones=[[\"technical\", \"navigation\", \"digital\"], "
      "[\"leadership\", \"navigation\"], [\"navigation\"]]";
  const double share = GENERATE(0.0, 0.2);
  const Scenario s =
      testing::bundled("ecosystem", 60,
                       {"population.initial_size=600", roles, "knowledge.forgetting_per_month=0.05",
                        "knowledge.teaching_share=" + std::to_string(share)});
  Simulation sim(s, 0);
  std::vector<float> before, memory_before;
  std::int64_t checked = 0, held = 0;
  float most_remembered = 0;
  sim.observe_phases([&](Phase phase, const World& w) {
    if (phase == Phase::kSessions) {
      before = w.people.skill;
      memory_before = w.groups.memory;
    }
    if (phase != Phase::kLoadAndBurnout) return;
    const std::vector<float> expected = reference_update(w, before, memory_before);
    REQUIRE(expected.size() == w.people.skill.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) differ += expected[i] != w.people.skill[i];
    const std::vector<float> memory = reference_memory(w, before, memory_before);
    REQUIRE(memory.size() == w.groups.memory.size());
    std::size_t memory_differs = 0;
    for (std::size_t i = 0; i < memory.size(); ++i) {
      memory_differs += memory[i] != w.groups.memory[i];
      most_remembered = std::max(most_remembered, memory[i]);
    }
    INFO("week " << w.week());
    CHECK(differ == 0);
    CHECK(memory_differs == 0);
    checked += static_cast<std::int64_t>(expected.size());
    held += w.counters.sessions_held;
  });
  sim.run();
  CHECK(checked > 60 * 600);
  CHECK(held > 1000);            // the twin saw sessions of every kind the ecosystem holds
  CHECK(most_remembered > 0.3);  // and groups that remember
}
