// Office hours and all-hands of the group cohort model (sim/models/group_cohort_extras.cpp), on the
// bundled scenario. Office-hours ties are the programme's one_on_one ties; the all-hands is read
// from the model's last_all_hands().
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "models/group_cohort_impl.hpp"
#include "support/scenarios.hpp"
#include "support/world_queries.hpp"

using namespace mentorsim;

using mentorsim::testing::is_active;

namespace {

Scenario cohort(int weeks, const std::vector<std::string>& overrides) {
  return testing::bundled("group_cohort", weeks, overrides);
}

const group_cohort::CohortModel& model_of(const Simulation& sim) {
  const auto* model =
      dynamic_cast<const group_cohort::CohortModel*>(sim.world().models().front().get());
  REQUIRE(model != nullptr);
  return *model;
}

std::int64_t ended(const group_cohort::CohortModel& m, EndReason reason) {
  return m.office_hours_ended()[static_cast<std::size_t>(reason)];
}

}  // namespace

TEST_CASE("with full attendance a member has 13 office hours and 4 all-hands in 52 weeks",
          "[group_cohort]") {
  const Scenario s =
      cohort(52, {"departure.annual_rate=0", "burnout.enabled=false", "programme.0.cohort_weeks=52",
                  "programme.0.attendance=1", "programme.0.skip_chance=0",
                  "programme.0.office_hours_attendance=1", "programme.0.all_hands_attendance=1"});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::map<PractitionerId, int> office, all_hands;
  std::set<PractitionerId> from_week0;  // members whose cohort formed in week 0
  std::vector<Week> all_hands_weeks;
  for (int week = 0; week < 52; ++week) {
    sim.step();
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (is_active(w, t, TieKind::kOneOnOne)) office[w.ties.learner_id[t]] += w.ties.held[t];
      if (is_active(w, t, TieKind::kFacilitator) && w.ties.start_week[t] == 0)
        from_week0.insert(w.ties.learner_id[t]);
    }
    const group_cohort::AllHands& meeting = model_of(sim).last_all_hands();
    if (meeting.week == w.week()) {
      all_hands_weeks.push_back(meeting.week);
      CHECK(meeting.present == meeting.invited);
      for (PractitionerId id : meeting.present) ++all_hands[id];
    }
  }
  CHECK(all_hands_weeks == std::vector<Week>{0, 13, 26, 39});
  REQUIRE(from_week0.size() >= 50);
  for (PractitionerId id : from_week0) {
    INFO("member " << id);
    CHECK(office[id] == 13);
    CHECK(all_hands[id] == 4);
  }
}

TEST_CASE("office hours take no facilitator seat and never outlive the cohort tie",
          "[group_cohort]") {
  const int cap = GENERATE(1, 2);
  const Scenario s = cohort(104, {"programme.0.facilitator_capacity=" + std::to_string(cap)});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::int64_t office_ties = 0;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    std::map<PractitionerId, std::set<PractitionerId>> seats;  // facilitator -> members held
    std::set<std::pair<PractitionerId, PractitionerId>> facilitation;
    for (TieRow t = 0; t < w.ties.size(); ++t)
      if (is_active(w, t, TieKind::kFacilitator)) {
        seats[w.ties.developer_id[t]].insert(w.ties.learner_id[t]);
        facilitation.insert({w.ties.developer_id[t], w.ties.learner_id[t]});
      }
    for (const auto& [f, members] : seats) CHECK(static_cast<int>(members.size()) <= cap * 10);
    for (TieRow t = 0; t < w.ties.size(); ++t)
      if (is_active(w, t, TieKind::kOneOnOne)) {
        ++office_ties;
        CHECK(facilitation.count({w.ties.developer_id[t], w.ties.learner_id[t]}) == 1);
      }
    std::vector<std::uint8_t> over(w.people.size(), 0);
    w.models().front()->mark_over_capacity(w, over);
    CHECK(std::count(over.begin(), over.end(), 1) == 0);
  }
  CHECK(office_ties > 1000);
}

TEST_CASE("office hours end at graduation, on leaving and when the cohort pauses",
          "[group_cohort]") {
  SECTION("graduation and departures") {
    const Scenario s = cohort(104, {"departure.annual_rate=0.5", "burnout.enabled=false",
                                    "programme.0.skip_chance=0", "programme.0.pause_below=0"});
    Simulation sim(s, 0);
    for (int week = 0; week < 104; ++week) sim.step();
    const auto& m = model_of(sim);
    CHECK(ended(m, EndReason::kCompleted) > 100);
    CHECK(ended(m, EndReason::kMenteeLeft) > 10);
    CHECK(ended(m, EndReason::kMentorLeft) > 0);
    // Without burnout or pauses nothing else ends them (a leaving facilitator is mentor_left).
    CHECK(ended(m, EndReason::kReleased) == 0);
    CHECK(ended(m, EndReason::kDissolved) == 0);
    CHECK(ended(m, EndReason::kBurnout) == 0);
  }
  SECTION("pauses release them, and they reopen at the restart") {
    const Scenario s = cohort(104, {"departure.annual_rate=0", "burnout.enabled=false",
                                    "programme.0.skip_chance=0", "programme.0.attendance=0.3"});
    Simulation sim(s, 0);
    const World& w = sim.world();
    std::int64_t reopened = 0;
    for (int week = 0; week < 104; ++week) {
      sim.step();
      for (TieRow t = 0; t < w.ties.size(); ++t)
        if (is_active(w, t, TieKind::kOneOnOne) && w.ties.start_week[t] == w.week()) {
          // Opened later than the member's cohort tie: a restart after a pause.
          for (TieRow f = 0; f < w.ties.size(); ++f)
            if (is_active(w, f, TieKind::kFacilitator) &&
                w.ties.learner_id[f] == w.ties.learner_id[t])
              reopened += w.ties.start_week[f] < w.week();
        }
    }
    const auto& m = model_of(sim);
    CHECK(ended(m, EndReason::kReleased) > 100);
    CHECK(reopened > 100);
    CHECK(ended(m, EndReason::kMenteeLeft) == 0);
  }
}

TEST_CASE("an all-hands raises attendees' skill toward the facilitators' mean, nobody else's",
          "[group_cohort]") {
  const Scenario on = cohort(13, {});
  const Scenario off = cohort(13, {"programme.0.all_hands=false"});
  Simulation a(on, 0), b(off, 0);
  a.step();  // week 0: the programme starts, cohorts form, the first all-hands is held
  b.step();
  const World& wa = a.world();
  const World& wb = b.world();
  const group_cohort::AllHands& meeting = model_of(a).last_all_hands();
  REQUIRE(meeting.week == 0);
  REQUIRE(meeting.present.size() >= 30);
  REQUIRE(meeting.present.size() < meeting.invited.size());
  REQUIRE(wa.people.size() == wb.people.size());

  // The facilitators' mean skill per zone, from the run without all-hands (identical so far).
  const int zones = wb.people.zones();
  std::set<PractitionerId> facilitators;
  for (TieRow t = 0; t < wb.ties.size(); ++t)
    if (is_active(wb, t, TieKind::kFacilitator)) facilitators.insert(wb.ties.developer_id[t]);
  std::vector<double> target(static_cast<std::size_t>(zones), 0.0);
  for (PractitionerId id : facilitators)
    for (int z = 0; z < zones; ++z)
      target[static_cast<std::size_t>(z)] +=
          wb.people.skill_row(wb.people.find(id))[z] / static_cast<double>(facilitators.size());

  const double rate = on.knowledge.transfer_rate * 0.3;  // all_hands_quality default
  double gained = 0;
  for (Row r = 0; r < wa.people.size(); ++r) {
    const PractitionerId id = wa.people.id[r];
    const bool present =
        std::find(meeting.present.begin(), meeting.present.end(), id) != meeting.present.end();
    for (int z = 0; z < zones; ++z) {
      const double before = wb.people.skill_row(r)[z], after = wa.people.skill_row(r)[z];
      const double gap = target[static_cast<std::size_t>(z)] - before;
      const double expected =
          present && gap > 0
              ? std::min(1.0, before + rate * std::min(gap, on.knowledge.absorptive_gap))
              : before;
      INFO("practitioner " << id << " zone " << z << (present ? " (present)" : ""));
      CHECK(after == Approx(expected).margin(1e-6));
      gained += after - before;
    }
  }
  CHECK(gained > 0.3);
}
