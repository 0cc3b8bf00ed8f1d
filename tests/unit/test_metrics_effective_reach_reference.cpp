// Reference twin of the effective-reach group (docs/metrics.md, "Reach: effective coverage" and
// "Resilience: orphaned learners"): metrics::EffectiveReach, which stops at the first ties that
// lead a learner everywhere, finds each peer group's best members once, keeps orphans by id and
// last week's led masks by row, against a plain version that looks at every tie and every pair,
// keeps everything by id, and is checked at every week's recording of blended runs with high
// turnover.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "metrics/effective_reach.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

namespace {

// The plain version: every tie and every pair, state by id.
class PlainEffectiveReach {
 public:
  PlainEffectiveReach(double margin, double threshold) : margin_(margin), threshold_(threshold) {}

  EffectiveReachWeek compute(const World& world) {
    const Practitioners& people = world.people;
    std::vector<std::uint8_t> led(people.size(), 0);
    const Ties& ties = world.ties;
    for (TieRow t = 0; t < ties.size(); ++t)
      if (ties.active(t))
        led[ties.learner[t]] |= led_zones(people, ties.developer[t], ties.learner[t], ties.zone[t],
                                          margin_, threshold_);
    const PeerGroups& groups = world.groups;
    std::set<Row> lost;
    for (GroupRow g = 0; g < groups.groups(); ++g) {
      bool someone_left = false;
      for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m)
        someone_left |= groups.end_reason[m] == static_cast<std::uint8_t>(EndReason::kMenteeLeft);
      for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
        if (!groups.active(m)) continue;
        if (someone_left) lost.insert(groups.member[m]);
        if (groups.active_members(g) < 2) continue;
        for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o)
          if (o != m && groups.active(o))
            led[groups.member[m]] |= led_zones(people, groups.member[o], groups.member[m],
                                               kAllZones, margin_, threshold_);
      }
    }
    for (TieRow t = 0; t < ties.size(); ++t)
      if (ties.end_reason[t] == static_cast<std::uint8_t>(EndReason::kMentorLeft) &&
          ties.learner[t] != kNoRow)
        lost.insert(ties.learner[t]);

    EffectiveReachWeek out;
    std::map<PractitionerId, std::uint8_t> led_now, orphaned_now;
    for (Row r = 0; r < people.size(); ++r) {
      const PractitionerId id = people.id[r];
      std::uint8_t developing = 0;
      for (int z = 0; z < people.zones(); ++z)
        if (people.skill_row(r)[z] < threshold_) developing |= static_cast<std::uint8_t>(1u << z);
      const std::uint8_t was_led = led_by_id_.count(id) ? led_by_id_[id] : 0;
      const std::uint8_t was_orphaned = orphaned_by_id_.count(id) ? orphaned_by_id_[id] : 0;
      const std::uint8_t lost_lead = lost.count(r) ? was_led & ~led[r] : 0;
      const auto now = static_cast<std::uint8_t>((was_orphaned | lost_lead) & ~led[r] & developing);
      led_now[id] = led[r];
      if (now) orphaned_now[id] = now;
      out.effectively_covered += led[r] != 0;
      out.orphaned += now != 0;
      out.newly_orphaned += now != 0 && was_orphaned == 0;
    }
    led_by_id_ = led_now;
    orphaned_by_id_ = orphaned_now;
    return out;
  }

 private:
  double margin_, threshold_;
  std::map<PractitionerId, std::uint8_t> led_by_id_, orphaned_by_id_;
};

struct Seen {
  std::int64_t covered = 0, orphaned = 0, newly = 0;
};

void check_run(const Scenario& scenario, Week weeks, Seen& seen) {
  Simulation sim(scenario, 0);
  EffectiveReach fast(scenario);
  PlainEffectiveReach plain(scenario.metrics.lead_margin, scenario.knowledge.competence_threshold);
  sim.observe_recording([&](const World& world) {
    INFO(scenario.meta.name << ", week " << world.week());
    const EffectiveReachWeek f = fast.compute(world);
    const EffectiveReachWeek p = plain.compute(world);
    CHECK(f.effectively_covered == p.effectively_covered);
    CHECK(f.orphaned == p.orphaned);
    CHECK(f.newly_orphaned == p.newly_orphaned);
    seen.covered += p.effectively_covered;
    seen.orphaned += p.orphaned;
    seen.newly += p.newly_orphaned;
  });
  for (Week week = 0; week < weeks; ++week) sim.step();
}

}  // namespace

TEST_CASE("reference twin of effective coverage and orphans in blended runs",
          "[metrics][reference]") {
  Seen seen;
  // The bundled ecosystem (cohorts, pods, reverse mentoring) and constellations, with a high
  // turnover so that developers leave every week.
  for (const char* model : {"ecosystem", "constellation", "one_on_one"}) {
    const Scenario scenario =
        testing::bundled(model, 70, {"departure.annual_rate=0.9", "population.initial_size=1500"});
    check_run(scenario, 70, seen);
  }
  // Each path was taken.
  CHECK(seen.covered > 0);
  CHECK(seen.orphaned > 100);
  CHECK(seen.newly > 50);
}
