// Cost (docs/metrics.md, "Cost"): the held-hours count on a hand-built tie table, the fixed costs
// and the per-covered-year ratio, and the weekly series of small runs against an independent
// recount of the held sessions' hours; [cost] defaults price hours at 1 ("hours").
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "metrics/cost.hpp"
#include "support/run_values.hpp"
#include "support/scenarios.hpp"
#include "support/tie_table.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

using mentorsim::testing::summary_value;
using mentorsim::testing::TieTable;
using mentorsim::testing::weekly_series;

namespace {

// Weekly sessions of `hours`, always held.
TieSpec spec(Row developer, Row learner, TieKind kind, float hours, float load_weight = 1.0f) {
  return TieSpec::between(developer, learner, kind, 0)
      .sessions(1, hours, 1.0)
      .with_load_weight(load_weight);
}

// Hours of the held ties in the table, recounted straight from the definitions with maps.
struct Recount {
  double senior = 0, other = 0, facilitator = 0, learner = 0;
};
Recount recount(const World& w) {
  Recount out;
  const Ties& ties = w.ties;
  std::map<std::tuple<PractitionerId, int, Week>, double> sessions;  // cohort session -> hours
  std::map<Row, double> group;                                       // member -> longest session
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (!ties.held[t]) continue;
    const double h = ties.session_hours[t];
    if (ties.kind[t] == static_cast<std::uint8_t>(TieKind::kFacilitator)) {
      sessions[{ties.developer_id[t], ties.programme[t], ties.start_week[t]}] = h;
      group[ties.learner[t]] = std::max(group[ties.learner[t]], h);
    } else if (ties.load_weight[t] == 0.0f) {
      group[ties.learner[t]] = std::max(group[ties.learner[t]], h);
      group[ties.developer[t]] = std::max(group[ties.developer[t]], h);
    } else {
      (w.people.has(ties.developer[t], flag::kSenior) ? out.senior : out.other) += h;
      out.learner += h;
    }
  }
  for (const auto& [key, h] : sessions) out.facilitator += h;
  for (const auto& [row, h] : group) out.learner += h;
  return out;
}

}  // namespace

TEST_CASE("held hours by role on a hand-built tie table", "[metrics]") {
  TieTable tb;  // rows 0..5 (ids equal rows); row 0 is a senior
  Ties& ties = tb.ties;
  PeerGroups& groups = tb.groups;
  const auto add = [&](const TieSpec& s, Week start, bool held) {
    tb.add(s, start, EndReason::kNone, held);
  };
  std::vector<std::uint8_t> flags(6, 0);
  flags[0] = flag::kSenior;
  add(spec(0, 1, TieKind::kOneOnOne, 1.0f), 0, true);        // senior 1 h, learner 1 h
  add(spec(2, 3, TieKind::kOneOnOne, 2.0f), 0, true);        // other 2 h, learner 2 h
  add(spec(3, 0, TieKind::kReverse, 0.5f, 1.5f), 0, false);  // skipped: nothing
  add(spec(2, 1, TieKind::kReverse, 0.5f, 1.5f), 0, true);   // other 0.5 h (not x 1.5)
  // A cohort session of facilitator 0 (learners 1, 2 present, 3 absent): 1.5 h once.
  add(spec(0, 1, TieKind::kFacilitator, 1.5f, 1.0f / 3), 5, true);
  add(spec(0, 2, TieKind::kFacilitator, 1.5f, 1.0f / 3), 5, true);
  add(spec(0, 3, TieKind::kFacilitator, 1.5f, 1.0f / 3), 5, false);
  // Its peer group (members 1, 2 present, 3 absent): no extra hours for 1 and 2.
  const auto group = [&](std::vector<Row> members, std::vector<std::uint8_t> here, float hours,
                         Week start) {
    GroupSpec g;
    g.session_hours = hours;
    g.planned_end = 100;
    groups.held[tb.group(g, start, members, {}, here)] = 1;
  };
  group({1, 2, 3}, {1, 1, 0}, 1.5f, 5);
  // A second cohort of the same facilitator (another start week): another session.
  add(spec(0, 4, TieKind::kFacilitator, 1.5f, 1.0f), 7, true);
  // A pod of 4 and 5, both present: 5 spends 1 h; 4 is already counted at 1.5 h.
  group({4, 5}, {1, 1}, 1.0f, 3);
  std::vector<float> scratch;
  const HeldHours h = held_hours(ties, groups, flags, 6, scratch);
  CHECK(h.senior_developer == Approx(1.0));
  CHECK(h.other_developer == Approx(2.5));
  CHECK(h.facilitator == Approx(3.0));
  CHECK(h.learner == Approx(1.0 + 2.0 + 0.5 + 1.5 + 1.5 + 1.5 + 1.0));
  // Nothing held: nothing spent.
  for (TieRow t = 0; t < ties.size(); ++t) ties.held[t] = 0;
  for (GroupRow g = 0; g < groups.groups(); ++g) groups.held[g] = 0;
  const HeldHours none = held_hours(ties, groups, flags, 6, scratch);
  CHECK(none.senior_developer + none.other_developer + none.facilitator + none.learner == 0);
}

TEST_CASE("fixed programme costs and cost per covered practitioner-year", "[metrics]") {
  ProgrammeCommon p;
  p.start_week = 10;
  p.end_week = 20;
  p.fixed_cost_per_year = 5200;
  p.setup_cost = 300;
  CHECK(fixed_cost_in_week(p, 9) == 0);
  CHECK(fixed_cost_in_week(p, 10) == Approx(400));
  CHECK(fixed_cost_in_week(p, 19) == Approx(100));
  CHECK(fixed_cost_in_week(p, 20) == 0);
  p.end_week = -1;
  CHECK(fixed_cost_in_week(p, 1000) == Approx(100));
  CHECK(cost_per_covered_year(1040, 520) == Approx(104));  // 520 practitioner-weeks = 10 years
  CHECK(std::isnan(cost_per_covered_year(1040, 0)));
}

TEST_CASE("cost series equal priced recounts of held session hours", "[metrics]") {
  // One-on-one with reciprocity mentors, and cohorts (facilitators, members, peers), with nothing
  // ending during the run, so that every held tie is still in the table after the week.
  const std::string text = R"(
[scenario]
weeks = 30
[population]
initial_size = 300
senior_share = 0.05
[joining]
enabled = false
[departure]
enabled = false
[burnout]
enabled = false
[reciprocity]
tenure_weeks = 1
[cost]
senior_developer_rate = 120
other_developer_rate = 60
facilitator_rate = 90
learner_rate = 40
currency = "EUR"
[[programme]]
kind = "one_on_one"
duration = "fixed"
duration_weeks = 200
session_hours = 1.25
attendance = 0.7
initial_seek_share = 0.3
fixed_cost_per_year = 5200
setup_cost = 1000
[[programme]]
kind = "group_cohort"
start_week = 2
cohort_weeks = 200
cohort_size = 6
cohort_min = 4
session_hours = 1.5
office_hours = false
all_hands = false
initial_seek_share = 0.3
)";
  const Scenario scenario = params::load_scenario_text(text, "cost.toml", {});
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  double senior = 0, other = 0, facilitator = 0;
  for (int week = 0; week < 30; ++week) {
    sim.step();
    const Recount r = recount(w);
    const auto at = [&](const char* name) { return sim.recorder().series(name).back(); };
    CHECK(at("cost/senior_developer") == Approx(120 * r.senior));
    CHECK(at("cost/other_developer") == Approx(60 * r.other));
    CHECK(at("cost/facilitator") == Approx(90 * r.facilitator));
    CHECK(at("cost/learner") == Approx(40 * r.learner));
    const double fixed = 100.0 + (week == 0 ? 1000.0 : 0.0);
    CHECK(at("cost/fixed") == Approx(fixed));
    CHECK(at("cost_total") ==
          Approx(120 * r.senior + 60 * r.other + 90 * r.facilitator + 40 * r.learner + fixed));
    senior += r.senior;
    other += r.other;
    facilitator += r.facilitator;
  }
  // The run exercised every role.
  CHECK(senior > 0);
  CHECK(other > 0);
  CHECK(facilitator > 0);
  const RunResult result = sim.recorder().result(scenario, 0);
  CHECK(weekly_series(result, "cost_total").units == "EUR/week");
  double total = 0, covered = 0;
  for (double v : sim.recorder().series("cost_total")) total += v;
  const auto& coverage = sim.recorder().series("participation");
  const auto& active = sim.recorder().series("active_practitioners");
  for (std::size_t i = 0; i < coverage.size(); ++i) covered += coverage[i] * active[i];
  CHECK(summary_value(result, "cost_total") == Approx(total));
  CHECK(summary_value(result, "cost_by_component/fixed") == Approx(30 * 100.0 + 1000));
  CHECK(summary_value(result, "covered_practitioner_years") == Approx(covered / 52));
  CHECK(summary_value(result, "cost_per_covered_practitioner_year") ==
        Approx(total / (covered / 52)));
  const double reached = summary_value(result, "competence_reached_total");
  if (reached > 0)
    CHECK(summary_value(result, "cost_per_competence_reached") == Approx(total / reached));
  else
    CHECK(std::isnan(summary_value(result, "cost_per_competence_reached")));
}

TEST_CASE("without [cost] a cost is the hours spent", "[metrics]") {
  const Scenario scenario = testing::bundled(
      "one_on_one", 20, {"population.initial_size=300", "programme.one_on_one.setup_cost=7"});
  CHECK(scenario.cost.senior_developer_rate == 1);
  CHECK(scenario.cost.other_developer_rate == 1);
  CHECK(scenario.cost.facilitator_rate == 1);
  CHECK(scenario.cost.learner_rate == 1);
  CHECK(scenario.cost.currency == "hours");
  Simulation sim(scenario, 0);
  double held_hours_total = 0;
  for (int week = 0; week < 20; ++week) {
    sim.step();
    // Ties that ended this week are gone from the table now: recount against the series only in
    // weeks where nothing ended.
    const auto at = [&](const char* name) { return sim.recorder().series(name).back(); };
    double ended = 0;
    for (const char* s : {"ties_ended_completed", "ties_ended_mentor_left",
                          "ties_ended_mentee_left", "ties_ended_burnout", "ties_ended_dissolved"})
      ended += at(s);
    const double developer = at("cost/senior_developer") + at("cost/other_developer");
    if (ended == 0) {
      const Recount r = recount(sim.world());
      CHECK(developer == Approx(r.senior + r.other));
    }
    // One-on-one: each held session costs its hours once to each side.
    CHECK(at("cost/learner") == Approx(developer));
    held_hours_total += 2 * developer;
  }
  const RunResult result = sim.recorder().result(scenario, 0);
  CHECK(held_hours_total > 0);
  CHECK(summary_value(result, "cost_total") == Approx(held_hours_total + 7));
  CHECK(weekly_series(result, "cost_total").units == "hours/week");
}

TEST_CASE("invalid [cost] input is reported at its position", "[metrics]") {
  const auto message = [](const std::string& text) {
    try {
      params::load_scenario_text(text, "s.toml", {});
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("[cost]\nlearner_rate = -2\n"),
             Catch::Contains("s.toml:2:16: cost.learner_rate: -2 is out of range [0, 1000000]"));
  CHECK_THAT(message("[cost]\nlerner_rate = 2\n"),
             Catch::Contains("s.toml:2:1: unknown key 'cost.lerner_rate'; did you mean "
                             "'learner_rate'?"));
  CHECK_THAT(message("[[programme]]\nkind = \"one_on_one\"\nsetup_cost = -1\n"),
             Catch::Contains("s.toml:3:14: programme[0].setup_cost: -1 is out of range"));
}
