// Reach and growth metrics (docs/metrics.md, "Reach: waits, leverage, unmet demand" and "Growth:
// time to competence"): Kaplan-Meier and histogram percentiles on hand-computed cases, the run's
// summaries against an independent per-person recount of a small ecosystem, and the exact time to
// competence of a deterministic learning curve.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "metrics/inequality.hpp"
#include "metrics/reach_growth.hpp"
#include "metrics/survival.hpp"
#include "support/closed_form_world.hpp"
#include "support/run_values.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

using mentorsim::testing::summary_value;

namespace {

using Counts = std::vector<std::int64_t>;

// Histogram of whole-week values.
Counts histogram(const std::vector<int>& values) {
  Counts counts;
  for (int v : values) {
    if (static_cast<std::size_t>(v) >= counts.size())
      counts.resize(static_cast<std::size_t>(v) + 1);
    ++counts[static_cast<std::size_t>(v)];
  }
  return counts;
}

// Kaplan-Meier quantile straight from per-person (duration, event) pairs: at each event time t,
// n = people whose duration is >= t, d = events at t.
double km_quantile_by_person(const std::vector<std::pair<int, bool>>& people, double p) {
  std::vector<int> times;
  for (const auto& [t, event] : people)
    if (event) times.push_back(t);
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  double s = 1;
  for (int t : times) {
    double n = 0, d = 0;
    for (const auto& [u, event] : people) {
      n += u >= t;
      d += u == t && event;
    }
    s *= 1 - d / n;
    if (s <= 1 - p + 1e-9) return t;
  }
  return std::nan("");
}

// Kaplan-Meier S(t) from per-person pairs; NaN when nobody was followed to t and S > 0.
double km_at_by_person(const std::vector<std::pair<int, bool>>& people, int t) {
  double s = 1;
  for (int u = 0; u <= t; ++u) {
    double n = 0, d = 0;
    for (const auto& [v, event] : people) {
      n += v >= u;
      d += v == u && event;
    }
    if (n == 0) return s > 0 ? std::nan("") : 0.0;
    s *= 1 - d / n;
  }
  return s;
}

bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == Approx(b).epsilon(1e-9).margin(1e-12);
}

}  // namespace

TEST_CASE("Kaplan-Meier without censoring gives the nearest-rank percentiles", "[metrics]") {
  const std::vector<int> durations{3, 5, 5, 8, 10};
  const Counts events = histogram(durations);
  const Counts none;
  CHECK(kaplan_meier_quantile(events, none, 0.5) == 5);   // rank ceil(2.5) = 3
  CHECK(kaplan_meier_quantile(events, none, 0.9) == 10);  // rank ceil(4.5) = 5
  CHECK(kaplan_meier_quantile(events, none, 0.2) == 3);   // rank 1
  // S falls to exactly 0.5 at the second of four: the median is that value (rank 2).
  CHECK(kaplan_meier_quantile(histogram({1, 2, 3, 4}), none, 0.5) == 2);
  // Against percentile_sorted on a longer set, for several p.
  std::vector<int> many;
  for (int i = 0; i < 37; ++i) many.push_back((i * 7919) % 23 + (i % 3));
  std::vector<double> sorted(many.begin(), many.end());
  std::sort(sorted.begin(), sorted.end());
  for (double p : {0.1, 0.25, 0.5, 0.9, 0.95, 1.0}) {
    CHECK(kaplan_meier_quantile(histogram(many), none, p) == percentile_sorted(sorted, p));
    CHECK(histogram_percentile(histogram(many), p) == percentile_sorted(sorted, p));
  }
  std::vector<double> s(12);
  kaplan_meier(events, none, s);
  CHECK(s[2] == 1.0);
  CHECK(s[3] == Approx(0.8));
  CHECK(s[5] == Approx(0.4));
  CHECK(s[9] == Approx(0.2));
  CHECK(s[11] == 0.0);
}

TEST_CASE("Kaplan-Meier with censoring, computed by hand", "[metrics]") {
  // Six people: events at 2, 4, 4, 6; censored at 3 and 5 (known to be still going then).
  // t = 2: 6 at risk, 1 event: S = 5/6. t = 4: 4 at risk, 2 events: S = 5/6 x 2/4 = 5/12.
  // t = 6: 1 at risk, 1 event: S = 0.
  const Counts events = histogram({2, 4, 4, 6});
  const Counts censored = histogram({3, 5});
  std::vector<double> s(8);
  kaplan_meier(events, censored, s);
  CHECK(s[1] == 1.0);
  CHECK(s[2] == Approx(5.0 / 6));
  CHECK(s[3] == Approx(5.0 / 6));
  CHECK(s[4] == Approx(5.0 / 12));
  CHECK(s[5] == Approx(5.0 / 12));
  CHECK(s[6] == 0.0);
  CHECK(kaplan_meier_quantile(events, censored, 0.5) == 4);
  CHECK(kaplan_meier_quantile(events, censored, 0.9) == 6);
  // Ignoring the censoring would put the median at 4 too but the 20th percentile lower: with it,
  // S(2) = 5/6 > 0.8, so the 20th percentile is 4; as plain values {2, 3, 4, 4, 5, 6} it is 2.
  CHECK(kaplan_meier_quantile(events, censored, 0.2) == 4);
  // S at a duration: within the observations, and beyond them only once S has reached 0.
  CHECK(kaplan_meier_at(events, censored, 3) == Approx(5.0 / 6));
  CHECK(kaplan_meier_at(events, censored, 52) == 0.0);  // the last one had the event
  CHECK(std::isnan(kaplan_meier_at(histogram({1}), histogram({2, 2, 2}), 3)));  // nobody followed
  CHECK(kaplan_meier_at(histogram({1}), histogram({2, 2, 2}), 2) == Approx(0.75));
  CHECK(std::isnan(kaplan_meier_at(Counts{}, Counts{}, 0)));
  // Events come before censorings at the same duration: S(2) = 1 - 1/3, not 1 - 1/2.
  const Counts e2 = histogram({2, 3}), c2 = histogram({2});
  kaplan_meier(e2, c2, s);
  CHECK(s[2] == Approx(2.0 / 3));
  CHECK(s[3] == 0.0);
  CHECK(kaplan_meier_quantile(e2, c2, 0.5) == 3);
  // Too much censoring: S stops at 3/4, the median is undefined.
  const Counts e3 = histogram({1}), c3 = histogram({2, 2, 2});
  CHECK(std::isnan(kaplan_meier_quantile(e3, c3, 0.5)));
  CHECK(kaplan_meier_quantile(e3, c3, 0.25) == 1);
  CHECK(std::isnan(kaplan_meier_quantile(Counts{}, c3, 0.5)));  // no events at all
  CHECK(std::isnan(kaplan_meier_quantile(Counts{}, Counts{}, 0.5)));
  // Against the per-person formula on a mixed set.
  std::vector<std::pair<int, bool>> people;
  Counts ev, ce;
  for (int i = 0; i < 60; ++i) {
    const int t = (i * 37) % 19;
    const bool event = i % 4 != 0;
    people.push_back({t, event});
    if (static_cast<std::size_t>(t) >= ev.size()) {
      ev.resize(static_cast<std::size_t>(t) + 1);
      ce.resize(static_cast<std::size_t>(t) + 1);
    }
    ++(event ? ev : ce)[static_cast<std::size_t>(t)];
  }
  for (double p : {0.1, 0.5, 0.9})
    CHECK(same(kaplan_meier_quantile(ev, ce, p), km_quantile_by_person(people, p)));
}

TEST_CASE("wait histogram: mean, median and 95th percentile of known waits", "[metrics]") {
  // 20 waits: 0 x 6, 1 x 5, 2 x 4, 4 x 3, 9, 30. Median: rank 10 -> 1. p95: rank 19 -> 9.
  const std::vector<int> waits{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 9, 30};
  const Counts counts = histogram(waits);
  CHECK(histogram_total(counts) == 20);
  CHECK(histogram_percentile(counts, 0.5) == 1);
  CHECK(histogram_percentile(counts, 0.95) == 9);
  CHECK(histogram_percentile(counts, 1.0) == 30);
  CHECK(histogram_mean(counts) == Approx((5 + 8 + 12 + 9 + 30) / 20.0));
  CHECK(std::isnan(histogram_percentile(Counts{0, 0}, 0.5)));
  CHECK(std::isnan(histogram_mean(Counts{})));
}

TEST_CASE("reach and growth summaries match a per-person recount of a small ecosystem",
          "[metrics]") {
  // The bundled ecosystem, smaller, with more turnover so that departures censor some of those at
  // risk, a lower competence bar so that others reach it within the run, and roles, so that
  // competence is judged in each role's zones.
  const Week weeks = 120;
  const Scenario scenario =
      testing::bundled("ecosystem", weeks,
                       {"population.initial_size=300", "population.initial_tenure_max_weeks=100",
                        "joining.arrivals_per_week=2.0", "departure.annual_rate=0.6",
                        "knowledge.competence_threshold=0.45",
                        "population.function_zones=[[\"technical\", \"navigation\"], "
                        "[\"leadership\"], [\"navigation\", \"digital\"]]"});
  const auto& groups = scenario.population.group_names;
  const double threshold = scenario.knowledge.competence_threshold;
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  const Practitioners& p = w.people;
  // Whether row r's role needs zone z, from the names (not World::role_zones).
  const auto needs = [&](Row r, int z) {
    const auto& names = scenario.population.function_zones[p.function[r]];
    return std::find(names.begin(), names.end(),
                     scenario.population.zones[static_cast<std::size_t>(z)]) != names.end();
  };

  struct Person {
    Week from = 0, first_match = -1, reached = -1, left = -1;
    bool at_risk = false, senior = false;
    std::uint8_t group = 0;
  };
  std::map<PractitionerId, Person> people;
  // A second accumulator beside the recorder's, to compare its histograms with the recount's.
  ReachGrowth histograms(groups.size(), weeks);
  for (Week week = 0; week < weeks; ++week) {
    sim.step();
    histograms.compute(w);
    std::map<PractitionerId, Row> present;
    for (Row r = 0; r < p.size(); ++r) present[p.id[r]] = r;
    for (auto& [id, person] : people)
      if (person.left < 0 && !present.count(id)) person.left = week;
    std::int64_t reached = 0;
    for (const auto& [id, r] : present) {
      const float* s = p.skill_row(r);
      bool competent = true;  // in every zone of the role
      for (int z = 0; z < p.zones(); ++z)
        competent = competent && (!needs(r, z) || s[z] >= threshold);
      auto [it, is_new] = people.try_emplace(id);
      Person& person = it->second;
      if (is_new) {
        person.from = std::max<Week>(0, p.joined_week[r]);
        person.senior = p.has(r, flag::kSenior);
        person.group = p.group[r];
        person.at_risk = !competent;
      } else if (person.at_risk && person.reached < 0 && competent) {
        person.reached = week;
        ++reached;
      }
    }
    // Ties created this week are in the table until the end of the week's recording.
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (w.ties.start_week[t] != week) continue;
      Person& learner = people.at(w.ties.learner_id[t]);
      if (learner.first_match < 0) learner.first_match = week;
    }
    for (GroupRow g = 0; g < w.groups.groups(); ++g) {  // a new peer group: its members' pairs
      if (w.groups.start_week[g] != week || w.groups.end(g) - w.groups.begin(g) < 2) continue;
      for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m) {
        Person& member = people.at(w.groups.member_id[m]);
        if (member.first_match < 0) member.first_match = week;
      }
    }
    CHECK(sim.recorder().series("competence_reached").back() == static_cast<double>(reached));
    // Leverage: hours learners receive over the senior hours of the programme accounting.
    double received = 0, senior = 0;
    for (TieRow t = 0; t < w.ties.size(); ++t)
      if (w.ties.active(t))
        received += static_cast<double>(w.ties.session_hours[t]) / w.ties.cadence_weeks[t];
    for (GroupRow g = 0; g < w.groups.groups(); ++g)  // a group session reaches each member once
      if (w.groups.active_members(g) >= 2)
        received += w.groups.active_members(g) * static_cast<double>(w.groups.session_hours[g]) /
                    w.groups.cadence_weeks[g];
    for (const auto& programme : scenario.programmes)
      senior +=
          sim.recorder().series("programme/" + programme.common.name + "/senior_hours").back();
    const double leverage = sim.recorder().series("contact_hours_per_senior_hour").back();
    if (senior > 0)
      CHECK(leverage == Approx(received / senior).epsilon(1e-6));
    else
      CHECK(std::isnan(leverage));
    const double waiting = sim.recorder().series("waiting_list").back();
    const double covered = sim.recorder().series("participation").back() * p.size();
    CHECK(sim.recorder().series("unmet_demand_share").back() ==
          Approx(waiting + covered > 0 ? waiting / (waiting + covered) : 0.0).margin(1e-9));
  }

  // The recount's summaries.
  std::vector<double> waits;
  std::int64_t non_seniors = 0, unmatched = 0, events = 0, never = 0;
  std::vector<std::pair<int, bool>> all;
  std::vector<std::vector<std::pair<int, bool>>> by_group(groups.size());
  for (const auto& [id, person] : people) {
    if (person.first_match >= 0) waits.push_back(person.first_match - person.from);
    if (!person.senior) {
      ++non_seniors;
      unmatched += person.first_match < 0;
    }
    if (!person.at_risk) continue;
    std::pair<int, bool> outcome;
    if (person.reached >= 0)
      outcome = {person.reached - person.from, true};
    else if (person.left >= 0)
      outcome = {person.left - 1 - person.from, false};  // last seen the week before leaving
    else
      outcome = {weeks - 1 - person.from, false};
    events += outcome.second;
    never += !outcome.second;
    all.push_back(outcome);
    by_group[person.group].push_back(outcome);
  }
  std::sort(waits.begin(), waits.end());
  // The scenario exercises every path: censoring by departure and by the end, and events.
  std::int64_t left_at_risk = 0;
  for (const auto& [id, person] : people)
    left_at_risk += person.at_risk && person.reached < 0 && person.left >= 0;
  REQUIRE(left_at_risk > 0);
  REQUIRE(events > 10);
  REQUIRE(never > events / 10);
  REQUIRE(waits.size() > 50);

  // The histograms, bin by bin: waits; competence events and departure censorings by group.
  Counts recount_waits(static_cast<std::size_t>(weeks) + 1);
  std::vector<Counts> recount_events(groups.size(), recount_waits);
  std::vector<Counts> recount_censored(groups.size(), recount_waits);
  for (const auto& [id, person] : people) {
    if (person.first_match >= 0) ++recount_waits[person.first_match - person.from];
    if (!person.at_risk) continue;
    if (person.reached >= 0)
      ++recount_events[person.group][person.reached - person.from];
    else if (person.left >= 0)
      ++recount_censored[person.group][person.left - 1 - person.from];
  }
  CHECK(histograms.waits() == recount_waits);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    CHECK(histograms.competence_events(g) == recount_events[g]);
    CHECK(histograms.departure_censored(g) == recount_censored[g]);
  }

  const RunResult result = sim.recorder().result(scenario, 0);
  double mean_wait = 0;
  for (double x : waits) mean_wait += x / static_cast<double>(waits.size());
  CHECK(summary_value(result, "first_matches_total") == static_cast<double>(waits.size()));
  CHECK(summary_value(result, "wait_to_first_match_mean_weeks") == Approx(mean_wait));
  CHECK(summary_value(result, "wait_to_first_match_median_weeks") == percentile_sorted(waits, 0.5));
  CHECK(summary_value(result, "wait_to_first_match_p95_weeks") == percentile_sorted(waits, 0.95));
  CHECK(summary_value(result, "never_matched_share") ==
        Approx(static_cast<double>(unmatched) / static_cast<double>(non_seniors)));
  CHECK(summary_value(result, "competence_reached_total") == static_cast<double>(events));
  CHECK(summary_value(result, "never_competent_share") ==
        Approx(static_cast<double>(never) / static_cast<double>(events + never)));
  CHECK(same(summary_value(result, "time_to_competence_median_weeks"),
             km_quantile_by_person(all, 0.5)));
  CHECK(
      same(summary_value(result, "time_to_competence_p90_weeks"), km_quantile_by_person(all, 0.9)));
  for (std::size_t g = 0; g < groups.size(); ++g) {
    CHECK(same(summary_value(result, "time_to_competence_median_weeks_by_group/" + groups[g]),
               km_quantile_by_person(by_group[g], 0.5)));
    CHECK(same(summary_value(result, "competent_within_52w_share_by_group/" + groups[g]),
               1 - km_at_by_person(by_group[g], 52)));
  }
  const double within_year = summary_value(result, "competent_within_52w_share");
  CHECK(same(within_year, 1 - km_at_by_person(all, 52)));
  CHECK(within_year > 0);
  double waiting_weeks = 0;
  for (double x : sim.recorder().series("waiting_list")) waiting_weeks += x;
  CHECK(summary_value(result, "waiting_learner_weeks_total") == waiting_weeks);
}

TEST_CASE("deterministic learning curve: exact time to competence", "[metrics]") {
  // One senior mentor at 0.8 and four identical learners at 0.2 joining in week 0, weekly
  // sessions always held, alpha q = 0.1 x 0.8, nothing else moving: after k sessions a learner is
  // at 0.8 - 0.6 (1 - 0.08)^k. Their first session is in week 0, so after week w they have had
  // w + 1 sessions, and they are competent at the first w with 0.8 - 0.6 x 0.92^(w + 1) >= theta.
  const auto run = [](double theta, Week weeks) {
    // The closed-form world with one senior, four learners arriving at week 0 and learning on.
    const Scenario s = testing::closed_form_world(
        true, {"scenario.seed=7", "population.initial_size=1", "population.senior_share=1.0",
               "joining.enabled=true", "joining.intake_every_weeks=520", "joining.intake_size=4",
               "knowledge.enabled=true", "programme.0.capacity=4", "programme.0.max_mentees=4",
               "knowledge.competence_threshold=" + std::to_string(theta),
               "scenario.weeks=" + std::to_string(weeks)});
    Simulation sim(s, 0);
    return sim.run();
  };
  for (double theta : {0.6, 0.7}) {
    Week expected = 0;
    while (0.8 - 0.6 * std::pow(0.92, expected + 1) < theta) ++expected;
    INFO("theta " << theta << ", expected " << expected);
    // 0.92^k <= (0.8 - theta) / 0.6: k >= 13.2 (theta 0.6), k >= 21.5 (theta 0.7) sessions.
    CHECK(expected == (theta == 0.6 ? 13 : 21));
    const RunResult done = run(theta, 40);
    CHECK(summary_value(done, "time_to_competence_median_weeks") == expected);
    CHECK(summary_value(done, "time_to_competence_p90_weeks") == expected);
    CHECK(summary_value(done, "competence_reached_total") == 4);  // the senior was never at risk
    CHECK(summary_value(done, "never_competent_share") == 0);
    CHECK(summary_value(done, "competent_within_52w_share") == 1);  // S fell to 0 at `expected`
    CHECK(summary_value(done, "wait_to_first_match_median_weeks") == 0);
    CHECK(summary_value(done, "never_matched_share") == 0);
    // Senior-hour leverage: each learner receives 1 h/week, the senior carries 4 h/week.
    CHECK(summary_value(done, "contact_hours_per_senior_hour") == Approx(1.0));
    // Stopped one week short: everyone is censored at the end, the curve never falls.
    const RunResult short_run = run(theta, expected);
    CHECK(std::isnan(summary_value(short_run, "time_to_competence_median_weeks")));
    CHECK(summary_value(short_run, "never_competent_share") == 1);
    CHECK(summary_value(short_run, "competence_reached_total") == 0);
    CHECK(
        std::isnan(summary_value(short_run, "competent_within_52w_share")));  // followed < 52 weeks
  }
}
