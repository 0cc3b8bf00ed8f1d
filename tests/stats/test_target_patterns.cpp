// Target patterns of the bundled organisation (docs/model.md §1, pattern 3): what scenarios/compare
// must reproduce, each with its source and acceptance range (pattern-oriented modelling, Grimm et
// al. 2005, which the ODD protocol's 2020 update asks models to state). Where no source gives a
// number the range is assumed, and docs/model.md says so. "No programme" is 00_one_on_one with
// nobody asking for development: the same organisation, people and draws (common random numbers),
// with experience as the only way to learn.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/replicates.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/run_values.hpp"
#include "support/source_tree.hpp"

using namespace mentorsim;
using mentorsim::testing::summary_value;

namespace {

constexpr std::uint64_t kReplicates = 4;
const std::vector<std::string> kArms = {"00_one_on_one", "10_group_cohort", "20_peer_pod",
                                        "30_constellation", "40_ecosystem"};
// Zones of scenarios/compare, in the order of population.zones, and its functions.
constexpr int kTechnical = 0, kLeadership = 1, kNavigation = 2, kDigital = 3;
constexpr std::uint8_t kSales = 2;
constexpr double kClassicArrivalSkill = 0.25, kDigitalArrivalSkill = 0.7;  // population.skill_mean

Scenario organisation(const std::string& arm, std::vector<std::string> overrides = {}) {
  return params::load_scenario_file(testing::compare_path(arm), overrides);
}
Scenario no_programme() {
  return organisation("00_one_on_one",
                      {"programme.0.seek_share=0", "programme.0.initial_seek_share=0"});
}

// The mean of a summary value over runs.
double mean_of(const std::vector<RunResult>& runs, const std::string& name) {
  double sum = 0;
  for (const RunResult& run : runs) sum += summary_value(run, name);
  return sum / static_cast<double>(runs.size());
}

// A running mean over the newcomers whose tenure at the end falls in [from, to] weeks.
struct TenureBand {
  int from, to;
  double sum = 0;
  int count = 0;
  double mean() const { return sum / count; }
};

// Adds, for every non-senior newcomer still present at the end of `sim`'s run whose tenure falls in
// a band, value(row) to that band.
template <class Value>
void add_by_tenure(const Simulation& sim, std::vector<TenureBand>& bands, Value value) {
  const Practitioners& people = sim.world().people;
  for (Row r = 0; r < people.size(); ++r) {
    if (people.joined_week[r] <= 0 || people.has(r, flag::kSenior)) continue;
    const int tenure = sim.weeks_done() - 1 - people.joined_week[r];
    for (TenureBand& band : bands)
      if (tenure >= band.from && tenure <= band.to) {
        const double v = value(r);
        if (std::isnan(v)) continue;
        band.sum += v;
        ++band.count;
      }
  }
}

}  // namespace

// Schmidt, Hunter & Outerbridge 1986 and McDaniel, Schmidt & Hunter 1988: job knowledge and
// performance rise with experience mostly over the first years, then level off. Acceptance
// (assumed from those findings): at least 60% of the five-year gain after two years, at least 80%
// after three, and at most half of it after six months (learning takes time).
TEST_CASE("target pattern: unmentored newcomers' role skill follows an experience curve",
          "[stats][pattern][experience]") {
  std::vector<TenureBand> bands = {{20, 32}, {98, 110}, {150, 162}, {232, 258}};
  const Scenario s = no_programme();
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    Simulation sim(s, rep);
    sim.run();
    const World& w = sim.world();
    // Gain since arrival, averaged over the classic zones of the newcomer's role.
    add_by_tenure(sim, bands, [&](Row r) {
      double gain = 0;
      int zones = 0;
      for (int z : {kTechnical, kLeadership, kNavigation})
        if (w.role_zones(r) & (1u << z)) {
          gain += w.people.skill_row(r)[z] - kClassicArrivalSkill;
          ++zones;
        }
      return zones > 0 ? gain / zones : NAN;
    });
  }
  const double five_years = bands[3].mean();
  INFO("mean gain in role skill at 26, 104, 156 and ~245 weeks of tenure: "
       << bands[0].mean() << ", " << bands[1].mean() << ", " << bands[2].mean() << ", "
       << five_years << " (" << bands[0].count << ", " << bands[1].count << ", " << bands[2].count
       << ", " << bands[3].count << " newcomers)");
  REQUIRE(five_years > 0.2);  // experience matters: about half the way to the ceiling or more
  CHECK(bands[0].mean() / five_years <= 0.5);
  CHECK(bands[1].mean() / five_years >= 0.6);
  CHECK(bands[2].mean() / five_years >= 0.8);
  CHECK(bands[0].mean() < bands[1].mean());
  CHECK(bands[1].mean() < bands[2].mean());
  CHECK(bands[2].mean() < five_years + 0.02);  // levels off: no more than noise after year three
}

// Arthur, Bennett, Stanush & McNelly 1998: skills not used decay, substantially over a year or
// more of non-use. Salespeople never use the digital skill they arrive with (their role's zones
// exclude it). Acceptance (assumed): after a year they keep between 50% and 97% of what they
// brought above the forgetting floor, and after four years less than 85% of it but more than 20%:
// decay over months to years, neither instant nor absent.
TEST_CASE("target pattern: unused skills decay over months to years",
          "[stats][pattern][forgetting]") {
  std::vector<TenureBand> bands = {{46, 58}, {202, 214}};
  const Scenario s = no_programme();
  const double floor = s.knowledge.forgetting_floor;
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    Simulation sim(s, rep);
    sim.run();
    const Practitioners& people = sim.world().people;
    add_by_tenure(sim, bands, [&](Row r) {
      return people.function[r] == kSales ? people.skill_row(r)[kDigital] : NAN;
    });
  }
  const auto retained = [&](const TenureBand& b) {
    return (b.mean() - floor) / (kDigitalArrivalSkill - floor);
  };
  INFO("share of arrival digital skill above the floor kept by salespeople after 1 and 4 years: "
       << retained(bands[0]) << " (" << bands[0].count << "), " << retained(bands[1]) << " ("
       << bands[1].count << ")");
  CHECK(retained(bands[0]) >= 0.5);
  CHECK(retained(bands[0]) <= 0.97);
  CHECK(retained(bands[1]) < 0.85);
  CHECK(retained(bands[1]) > 0.2);
  CHECK(retained(bands[1]) < retained(bands[0]));
}

// Allen, Eby, Poteet, Lentz & Lima 2004 and Eby, Allen, Evans, Ng & DuBois 2008: mentoring's
// effects on career outcomes are real but small to moderate. Acceptance (assumed from those
// meta-analyses): every programme shortens the organisation's median time to role competence by
// 3% to 40% against no programme, replicate by replicate; without a programme most people still
// become competent by experience (not "never"), and with one, many still take longer than a year
// (not "always").
TEST_CASE("target pattern: mentoring shortens time to competence by a moderate amount",
          "[stats][pattern][growth]") {
  const std::vector<RunResult> none = run_replicates(no_programme(), kReplicates);
  INFO("no programme: median " << mean_of(none, "time_to_competence_median_weeks")
                               << " weeks, final competent share "
                               << mean_of(none, "final_competent_share")
                               << ", competent within 52 weeks "
                               << mean_of(none, "competent_within_52w_share"));
  CHECK(mean_of(none, "final_competent_share") >= 0.5);
  CHECK(mean_of(none, "competent_within_52w_share") < 0.05);
  for (const std::string& arm : kArms) {
    const std::vector<RunResult> runs = run_replicates(organisation(arm), kReplicates);
    for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
      const double base = summary_value(none[rep], "time_to_competence_median_weeks");
      const double with = summary_value(runs[rep], "time_to_competence_median_weeks");
      const double shortening = 1 - with / base;
      INFO(arm << " replicate " << rep << ": median time to competence " << with
               << " weeks against " << base << " without a programme (" << 100 * shortening
               << "% shorter)");
      CHECK(shortening >= 0.03);
      CHECK(shortening <= 0.40);
    }
    INFO(arm << ": competent within 52 weeks " << mean_of(runs, "competent_within_52w_share")
             << ", never competent " << mean_of(runs, "never_competent_share"));
    CHECK(mean_of(runs, "competent_within_52w_share") > 0.1);
    CHECK(mean_of(runs, "competent_within_52w_share") < 0.7);
    CHECK(mean_of(runs, "never_competent_share") < mean_of(none, "never_competent_share"));
    CHECK(mean_of(runs, "never_competent_share") > 0.1);
  }
}

// Participants leave less. Allen et al. 2004 find small positive effects of mentoring on intention
// to stay; a widely cited company study (Sun Microsystems, 2006) reported 72% retention of mentees
// against 49% of non-participants, a gap that includes who chose to take part. Acceptance
// (assumed): the weekly departure rate of practitioners in a developmental relationship as
// learners is 60% to 95% of everyone else's, pooled over the peer-pod arm's replicates, in which
// most seekers hold ties (burnout and its departures act on both sides).
TEST_CASE("target pattern: programme participants leave less", "[stats][pattern][departure]") {
  const Scenario s = organisation("20_peer_pod");
  double mentored_weeks = 0, mentored_left = 0, other_weeks = 0, other_left = 0;
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    Simulation sim(s, rep);
    std::vector<std::pair<PractitionerId, bool>> before;  // id, mentored, at the departure phase
    sim.observe_phases([&](Phase phase, const World& w) {
      if (phase == Phase::kDeparture) {
        before.clear();
        for (Row r = 0; r < w.people.size(); ++r)
          before.emplace_back(w.people.id[r], w.people.learner_ties[r] > 0);
      } else if (phase == Phase::kMatching) {
        for (const auto& [id, mentored] : before) {
          const bool left = w.people.find(id) == kNoRow;
          (mentored ? mentored_weeks : other_weeks) += 1;
          (mentored ? mentored_left : other_left) += left ? 1 : 0;
        }
      }
    });
    sim.run();
  }
  const double ratio = (mentored_left / mentored_weeks) / (other_left / other_weeks);
  INFO("weekly departure rate of learners "
       << mentored_left / mentored_weeks << " (" << mentored_left << " in " << mentored_weeks
       << " learner-weeks), of everyone else " << other_left / other_weeks << " (" << other_left
       << " in " << other_weeks << "): ratio " << ratio);
  REQUIRE(mentored_left > 100);  // enough departures to tell 0.85 from 1
  CHECK(ratio >= 0.6);
  CHECK(ratio <= 0.95);
}

// Seed 001 and the brief: single mentors become bottlenecks when demand exceeds expert capacity.
// In the bundled organisation eight in ten newcomers ask and about 80 one-on-one places exist, so
// one-on-one has the longest waits for a first developer, the fewest seekers served within a
// quarter, and the most burned-out load carriers of the five models. With demand below capacity
// (one newcomer in twenty asking) its waiting list stays short: the bottleneck comes from demand,
// not from the model's rules. Acceptance: the orderings, on means over replicates.
TEST_CASE("target pattern: the one-on-one bottleneck when demand exceeds expert capacity",
          "[stats][pattern][bottleneck]") {
  const std::vector<RunResult> one_on_one = run_replicates(organisation(kArms[0]), kReplicates);
  const double served = mean_of(one_on_one, "served_within_13w_share");
  const double wait = mean_of(one_on_one, "served_wait_mean_weeks");
  const double burnout = mean_of(one_on_one, "peak_burned_out_load_carrier_share");
  INFO("one-on-one: served within 13 weeks "
       << served << ", mean wait " << wait << " weeks, peak burned-out load carriers " << burnout
       << ", peak waiting list " << mean_of(one_on_one, "peak_waiting_list"));
  CHECK(mean_of(one_on_one, "peak_waiting_list") > 50);
  for (std::size_t a = 1; a < kArms.size(); ++a) {
    const std::vector<RunResult> runs = run_replicates(organisation(kArms[a]), kReplicates);
    INFO(kArms[a] << ": served within 13 weeks " << mean_of(runs, "served_within_13w_share")
                  << ", mean wait " << mean_of(runs, "served_wait_mean_weeks")
                  << " weeks, peak burned-out load carriers "
                  << mean_of(runs, "peak_burned_out_load_carrier_share"));
    CHECK(served < mean_of(runs, "served_within_13w_share"));
    CHECK(wait > mean_of(runs, "served_wait_mean_weeks"));
    CHECK(burnout > mean_of(runs, "peak_burned_out_load_carrier_share"));
  }
  const std::vector<RunResult> light =
      run_replicates(organisation(kArms[0], {"programme.0.seek_share=0.05"}), kReplicates);
  INFO("one-on-one with one newcomer in twenty asking: peak waiting list "
       << mean_of(light, "peak_waiting_list") << ", served within 13 weeks "
       << mean_of(light, "served_within_13w_share"));
  CHECK(mean_of(light, "peak_waiting_list") < 0.25 * mean_of(one_on_one, "peak_waiting_list"));
  CHECK(mean_of(light, "served_within_13w_share") > served);
}

// Constellation seed §3 and §5: several developers mean that losing one leaves the others; a
// one-on-one mentee who loses their mentor has nobody. Acceptance: in every replicate the
// constellation has fewer isolation events (a learner losing their last tie to a disruption) than
// one-on-one, under half as many on average, and almost no learner with a single developer.
TEST_CASE("target pattern: a constellation keeps learners connected when a guide leaves",
          "[stats][pattern][resilience]") {
  const std::vector<RunResult> one_on_one = run_replicates(organisation(kArms[0]), kReplicates);
  const std::vector<RunResult> constellation =
      run_replicates(organisation("30_constellation"), kReplicates);
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    INFO("replicate " << rep << ": isolation events "
                      << summary_value(constellation[rep], "isolation_events_total")
                      << " in the constellation, "
                      << summary_value(one_on_one[rep], "isolation_events_total")
                      << " in one-on-one");
    CHECK(summary_value(constellation[rep], "isolation_events_total") <
          summary_value(one_on_one[rep], "isolation_events_total"));
  }
  CHECK(mean_of(constellation, "isolation_events_total") <
        0.5 * mean_of(one_on_one, "isolation_events_total"));
  CHECK(mean_of(constellation, "mean_single_developer_share") < 0.05);
  CHECK(mean_of(one_on_one, "mean_single_developer_share") > 0.95);
}
