#include "metrics/basics.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>

#include "core/blocks.hpp"
#include "core/zone_count.hpp"

namespace mentorsim::metrics {

namespace {
// The weekly series.
void declare_series(MetricTable& t) {
  t.series("active_practitioners", "practitioners",
           "Practitioners in the organisation at the end of the week.");
  t.series("joins", "practitioners/week", "Newcomers this week (arrivals and intakes).");
  t.series("departures", "practitioners/week", "Practitioners who left this week, for any reason.")
      .lower();
  t.series("departures_turnover", "practitioners/week", "Departures at the baseline hazard.")
      .lower();
  t.series("departures_burnout", "practitioners/week", "Departures attributable to burnout.")
      .lower()
      .theme(Theme::kBurnout);
  t.series("departures_shock", "practitioners/week", "Departures caused by [[shock]] entries.")
      .theme(Theme::kResilience);
  t.series("participation", "share",
           "Share of practitioners who are learners in at least one active developmental "
           "relationship.")
      .higher()
      .theme(Theme::kReach);
  t.series("waiting_list", "practitioners", "Learners waiting for a match, over all programmes.")
      .lower()
      .theme(Theme::kReach);
  t.series("wait_weeks_mean", "weeks", "Mean wait of the matches made this week (NaN when none).")
      .lower()
      .theme(Theme::kReach);
  t.series("matches", "learners/week",
           "Learners matched this week: given a relationship, or a place in a group.")
      .theme(Theme::kReach);
  t.series("active_ties", "ties",
           "Active developmental relationships (ties; a peer group's pairs are not counted).")
      .theme(Theme::kReach);
  t.series("mentors", "practitioners",
           "Practitioners able to develop others (seniors and those qualified by reciprocity).")
      .higher()
      .theme(Theme::kBurnout);
  t.series("mentors_over_capacity", "practitioners",
           "Developers holding more relationships than their programme's nominal capacity.")
      .lower()
      .theme(Theme::kBurnout);
  t.series("burned_out_mentor_share", "share",
           "Share of mentors (able to develop others) who are burned out.")
      .lower()
      .theme(Theme::kBurnout);
  t.series("mean_mentor_exhaustion", "exhaustion (0-6)", "Mean exhaustion of mentors.")
      .lower()
      .theme(Theme::kBurnout);
  t.series("sessions_scheduled", "sessions/week", "Sessions scheduled this week.")
      .theme(Theme::kSignsOfLife);
  t.series("sessions_held", "sessions/week", "Sessions that took place this week.")
      .theme(Theme::kSignsOfLife);
  t.series("competent_share", "share",
           "Share of practitioners at or above competence_threshold in every zone their role "
           "needs (population.function_zones).")
      .higher()
      .theme(Theme::kGrowth);
  t.series("competent_share_by_zone/{zone}", "share",
           "Share of the practitioners whose role needs zone {zone} who are at or above "
           "competence_threshold there (NaN when no role needs it).")
      .higher()
      .theme(Theme::kGrowth);
  t.series("ties_ended_completed", "ties/week", "Relationships that reached their planned end.")
      .theme(Theme::kSignsOfLife);
  t.series("ties_ended_mentor_left", "ties/week", "Relationships ended because the developer left.")
      .lower()
      .theme(Theme::kSignsOfLife);
  t.series("ties_ended_mentee_left", "ties/week", "Relationships ended because the learner left.")
      .theme(Theme::kSignsOfLife);
  t.series("ties_ended_burnout", "ties/week", "Relationships shed by a developer burning out.")
      .lower()
      .theme(Theme::kBurnout);
  t.series("ties_ended_dissolved", "ties/week",
           "Relationships ended early by their programme (e.g. cross-group ties, homophily).")
      .lower()
      .theme(Theme::kSignsOfLife);
  t.series("mean_skill/{zone}", "skill (0-1)", "Mean skill of active practitioners in zone {zone}.")
      .higher()
      .theme(Theme::kGrowth);
}

// The run summaries, each read off a series or computed by the group.
void declare_summaries(MetricTable& t) {
  t.summary("final_active_practitioners", last_of("active_practitioners"), "practitioners",
            "Practitioners at the end.");
  t.summary("mean_participation", mean_of("participation"), "share",
            "Participation averaged over all weeks.")
      .higher()
      .theme(Theme::kReach);
  t.summary("final_participation", last_of("participation"), "share",
            "Participation in the last week.")
      .higher()
      .theme(Theme::kReach);
  t.summary("peak_waiting_list", peak_of("waiting_list"), "practitioners", "Largest waiting list.")
      .lower()
      .theme(Theme::kReach);
  t.summary("final_waiting_list", last_of("waiting_list"), "practitioners",
            "Waiting list in the last week.")
      .lower()
      .theme(Theme::kReach);
  t.summary("mean_wait_weeks", kComputed, "weeks", "Mean wait of all matches made in the run.")
      .lower()
      .theme(Theme::kReach);
  t.summary("matches_total", kComputed, "learners", "Learners matched over the run.")
      .theme(Theme::kReach);
  t.summary("mean_mentors_over_capacity", mean_of("mentors_over_capacity"), "practitioners",
            "Developers over nominal capacity, averaged over weeks.")
      .lower()
      .theme(Theme::kBurnout);
  t.summary("peak_burned_out_mentor_share", peak_of("burned_out_mentor_share"), "share",
            "Largest share of mentors burned out.")
      .lower()
      .theme(Theme::kBurnout);
  t.summary("final_burned_out_mentor_share", last_of("burned_out_mentor_share"), "share",
            "Share of mentors burned out in the last week.")
      .lower()
      .theme(Theme::kBurnout);
  t.summary("departures_total", total_of("departures"), "practitioners", "Departures over the run.")
      .lower();
  t.summary("departures_burnout_total", total_of("departures_burnout"), "practitioners",
            "Departures attributable to burnout over the run.")
      .lower()
      .theme(Theme::kBurnout)
      .headline();
  t.summary("departures_shock_total", total_of("departures_shock"), "practitioners",
            "Departures caused by [[shock]] entries over the run.")
      .theme(Theme::kResilience);
  t.summary("ties_ended_burnout_total", total_of("ties_ended_burnout"), "ties",
            "Relationships shed by burned-out developers over the run.")
      .lower()
      .theme(Theme::kBurnout);
  t.summary("final_competent_share", last_of("competent_share"), "share",
            "Share of practitioners competent in every zone of their role in the last week.")
      .higher()
      .theme(Theme::kGrowth)
      .headline();
  t.summary("final_competent_share_by_zone/{zone}", last_of("competent_share_by_zone/{zone}"),
            "share",
            "Share of the practitioners whose role needs zone {zone} competent there in the last "
            "week.")
      .higher()
      .theme(Theme::kGrowth);
  t.summary("final_mean_skill", kComputed, "skill (0-1)", "Mean skill over zones in the last week.")
      .higher()
      .theme(Theme::kGrowth);
}
}  // namespace

const MetricTable& Basics::declared() {
  static const MetricTable table = [] {
    MetricTable t("basics", "The organisation week by week.", Theme::kPopulation);
    declare_series(t);
    declare_summaries(t);
    return t;
  }();
  return table;
}

Basics::Basics(const Scenario& scenario)
    : competence_threshold_(scenario.knowledge.competence_threshold),
      zones_(scenario.population.zones.size()) {}

Basics::RowSums Basics::sum_rows(const World& world) const {
  const Practitioners& people = world.people;
  struct Part {
    std::int64_t covered = 0, mentors = 0, burned_out = 0, competent = 0;
    double exhaustion = 0;
    std::array<double, 8> skill{};                          // zones are 1-8
    std::array<std::int64_t, 8> needing{}, competent_in{};  // by zone: role needs it; and competent
  };
  // Z zones at compile time (core/zone_count.hpp), and the sums in locals: through the Part in
  // memory (which the byte-wide flags may alias) every row waited on the last one's stores.
  const auto sum_block = [&]<int Z>(Block b) {
    Part p;
    std::array<double, Z> skill{};
    std::array<std::int64_t, Z> needing{}, competent_in{};
    for (auto r = static_cast<Row>(b.first); r < b.last; ++r) {
      p.covered += people.learner_ties[r] > 0;
      if (people.has(r, flag::kCanMentor)) {
        ++p.mentors;
        p.burned_out += people.has(r, flag::kBurnedOut);
        p.exhaustion += people.exhaustion[r];
      }
      const float* s = people.skill_row(r);
      const unsigned role = world.role_zones(r);
      bool all_competent = true;  // in the role's zones
      for (int z = 0; z < Z; ++z) {
        skill[z] += s[z];
        const bool needed = (role >> z) & 1u;
        const bool competent = s[z] >= competence_threshold_;
        needing[z] += needed;
        competent_in[z] += needed && competent;
        all_competent = all_competent && (!needed || competent);
      }
      p.competent += all_competent;
    }
    std::copy(skill.begin(), skill.end(), p.skill.begin());
    std::copy(needing.begin(), needing.end(), p.needing.begin());
    std::copy(competent_in.begin(), competent_in.end(), p.competent_in.begin());
    return p;
  };
  const std::vector<Part> parts = parts_by_block<Part>(people.size(), [&](Block b) {
    return with_zone_count(zones_, [&]<std::size_t Z> {
      return sum_block.template operator()<static_cast<int>(Z)>(b);
    });
  });
  RowSums total;
  total.skill.assign(zones_, 0.0);
  total.needing.assign(zones_, 0);
  total.competent_in.assign(zones_, 0);
  for (const Part& p : parts) {
    total.covered += p.covered;
    total.mentors += p.mentors;
    total.burned_out_mentors += p.burned_out;
    total.competent += p.competent;
    total.mentor_exhaustion += p.exhaustion;
    for (std::size_t z = 0; z < zones_; ++z) {
      total.skill[z] += p.skill[z];
      total.needing[z] += p.needing[z];
      total.competent_in[z] += p.competent_in[z];
    }
  }
  return total;
}

// Practitioners some programme marks as holding more relationships than its nominal capacity.
std::size_t Basics::over_capacity(const World& world) {
  if (world.models().empty()) return 0;
  over_capacity_.assign(world.people.size(), 0);
  for (const auto& model : world.models()) model->mark_over_capacity(world, over_capacity_);
  return static_cast<std::size_t>(std::count(over_capacity_.begin(), over_capacity_.end(), 1));
}

void Basics::record(const World& world, Values& week) {
  const WeekCounters& c = world.counters;
  const auto n = static_cast<double>(world.people.size());
  const RowSums rows = sum_rows(world);
  const auto share = [](double part, double whole) { return whole > 0 ? part / whole : 0.0; };
  const auto count = [](std::int64_t x) { return static_cast<double>(x); };
  const auto departures = [&](DepartureReason r) {
    return count(c.departures[static_cast<std::size_t>(r)]);
  };
  const auto ended = [&](EndReason r) { return count(c.ties_ended[static_cast<std::size_t>(r)]); };
  std::size_t waiting = 0;
  for (const auto& model : world.models()) waiting += model->waiting_count();

  week.set("active_practitioners", n);
  week.set("joins", count(c.joins));
  week.set("departures",
           count(std::accumulate(c.departures.begin(), c.departures.end(), std::int64_t{0})));
  week.set("departures_turnover", departures(DepartureReason::kTurnover));
  week.set("departures_burnout", departures(DepartureReason::kBurnout));
  week.set("departures_shock", departures(DepartureReason::kShock));
  week.set("participation", share(count(rows.covered), n));
  week.set("waiting_list", static_cast<double>(waiting));
  week.set("wait_weeks_mean", c.matches > 0 ? c.match_wait_weeks_total / count(c.matches)
                                            : std::numeric_limits<double>::quiet_NaN());
  week.set("matches", count(c.matches));
  // Every active tie is listed once under its learner in the index rebuilt for the recording.
  week.set("active_ties", static_cast<double>(world.by_learner.rows.size()));
  week.set("mentors", count(rows.mentors));
  week.set("mentors_over_capacity", static_cast<double>(over_capacity(world)));
  week.set("burned_out_mentor_share", share(count(rows.burned_out_mentors), count(rows.mentors)));
  week.set("mean_mentor_exhaustion", share(rows.mentor_exhaustion, count(rows.mentors)));
  week.set("sessions_scheduled", count(c.sessions_scheduled));
  week.set("sessions_held", count(c.sessions_held));
  week.set("competent_share", share(count(rows.competent), n));
  week.set("ties_ended_completed", ended(EndReason::kCompleted));
  week.set("ties_ended_mentor_left", ended(EndReason::kMentorLeft));
  week.set("ties_ended_mentee_left", ended(EndReason::kMenteeLeft));
  week.set("ties_ended_burnout", ended(EndReason::kBurnout));
  week.set("ties_ended_dissolved", ended(EndReason::kDissolved));
  for (std::size_t z = 0; z < zones_; ++z) {
    week.set("mean_skill/{zone}", z, share(rows.skill[z], n));
    week.set("competent_share_by_zone/{zone}", z,
             rows.needing[z] > 0 ? count(rows.competent_in[z]) / count(rows.needing[z])
                                 : std::numeric_limits<double>::quiet_NaN());
  }

  matches_total_ += c.matches;
  wait_total_ += c.match_wait_weeks_total;
}

void Basics::summarize(const SeriesView& series, Values& summary) const {
  summary.set("mean_wait_weeks", matches_total_ > 0
                                     ? wait_total_ / static_cast<double>(matches_total_)
                                     : std::numeric_limits<double>::quiet_NaN());
  summary.set("matches_total", static_cast<double>(matches_total_));
  double final_skill = 0;
  for (std::size_t z = 0; z < zones_; ++z) {
    const std::vector<double>& skill = series("mean_skill/{zone}", z);
    final_skill += skill.empty() ? 0.0 : skill.back();
  }
  summary.set("final_mean_skill",
              final_skill / static_cast<double>(std::max<std::size_t>(1, zones_)));
}

}  // namespace mentorsim::metrics
