#include "metrics/load_carriers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "core/blocks.hpp"

namespace mentorsim::metrics {

namespace {
constexpr std::array<LoadRole, kLoadRoles> kRoles = {LoadRole::kSeniorMentor,
                                                     LoadRole::kFacilitator, LoadRole::kPeerGuide,
                                                     LoadRole::kReverseJunior};
constexpr std::array<std::string_view, kLoadRoles> kRoleDocs = {
    "senior mentors (flagged senior)", "cohort facilitators",
    "peer guides (not senior; one-on-one, guide, pod or office-hours ties)",
    "reverse-mentoring juniors"};

std::uint8_t bit(LoadRole role) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(role));
}
std::string share_name(LoadRole role) {
  return fmt::format("burned_out_share/{}", load_role_name(role));
}
std::string peak_name(LoadRole role) {
  return fmt::format("peak_burned_out_share/{}", load_role_name(role));
}
double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
double sum(const std::vector<double>& values) {
  double total = 0;
  for (double v : values) total += v;
  return total;
}
}  // namespace

std::string_view load_role_name(LoadRole role) {
  switch (role) {
    case LoadRole::kSeniorMentor:
      return "senior_mentor";
    case LoadRole::kFacilitator:
      return "facilitator";
    case LoadRole::kPeerGuide:
      return "peer_guide";
    case LoadRole::kReverseJunior:
      return "reverse_junior";
  }
  return "senior_mentor";
}

std::uint8_t load_roles(const World& world, Row r) {
  const Practitioners& people = world.people;
  if (people.load_hours[r] <= 0) return 0;
  const bool senior = people.has(r, flag::kSenior);
  std::uint8_t roles = senior ? bit(LoadRole::kSeniorMentor) : 0;
  for (auto i = world.by_developer.begin(r); i < world.by_developer.end(r); ++i) {
    const auto kind = static_cast<TieKind>(world.ties.kind[world.by_developer.rows[i]]);
    if (kind == TieKind::kFacilitator)
      roles |= bit(LoadRole::kFacilitator);
    else if (senior)
      continue;
    else if (kind == TieKind::kReverse)
      roles |= bit(LoadRole::kReverseJunior);
    else
      roles |= bit(LoadRole::kPeerGuide);
  }
  return roles;
}

const MetricTable& LoadCarriers::declared() {
  static const MetricTable table = [] {
    MetricTable t("load_carriers",
                  "Who carries mentoring load: burnout over all of them, by role, juniors' "
                  "invisible labour, and the senior hours used against the budget.",
                  Theme::kBurnout);
    t.series("load_carriers", "practitioners",
             "Practitioners carrying mentoring load this week (load_hours > 0).");
    t.series("burned_out_load_carrier_share", "share",
             "Share of the practitioners carrying load who are burned out.")
        .lower();
    for (std::size_t k = 0; k < kLoadRoles; ++k)
      t.series(share_name(kRoles[k]), "share",
               fmt::format("Share of {} carrying load who are burned out.", kRoleDocs[k]))
          .lower();
    t.series("reverse_junior_hours", "hours/week",
             "Load hours juniors carry in reverse mentoring, invisible-labour weight included.")
        .lower();

    t.summary("peak_burned_out_load_carrier_share", peak_of("burned_out_load_carrier_share"),
              "share", "Largest share of load carriers burned out.")
        .lower()
        .headline();
    t.summary("mean_burned_out_load_carrier_share", mean_of("burned_out_load_carrier_share"),
              "share", "Share of load carriers burned out, averaged over weeks.")
        .lower();
    for (std::size_t k = 0; k < kLoadRoles; ++k)
      t.summary(peak_name(kRoles[k]), peak_of(share_name(kRoles[k])), "share",
                fmt::format("Largest share of {} burned out.", kRoleDocs[k]))
          .lower();
    t.summary("mean_reverse_junior_hours", mean_of("reverse_junior_hours"), "hours/week",
              "Juniors' reverse-mentoring load hours, averaged over weeks.")
        .lower();

    t.series("senior_hours_used", "hours/week",
             "Mentoring load the seniors carry this week (their load_hours summed).")
        .theme(Theme::kInput);
    t.series("senior_hours_budget", "hours/week",
             "Mentoring hours the seniors have this week (their available_hours summed).")
        .theme(Theme::kInput);

    // Not a headline (no direction: an input, not an outcome); compare's header states it.
    t.summary("mean_senior_hours_used", mean_of("senior_hours_used"), "hours/week",
              "Senior hours used per week, averaged over weeks.")
        .theme(Theme::kInput);
    t.summary("peak_senior_hours_used", peak_of("senior_hours_used"), "hours/week",
              "Largest weekly senior hours used.")
        .theme(Theme::kInput);
    t.summary("mean_senior_hours_budget", mean_of("senior_hours_budget"), "hours/week",
              "Senior hours available per week, averaged over weeks.")
        .theme(Theme::kInput);
    t.summary("senior_hours_used_share", kComputed, "share",
              "Senior hours used over senior hours available, run totals (NaN: no budget).")
        .theme(Theme::kInput);
    t.summary("effective_coverage_weeks_per_senior_hour", kComputed, "practitioner-weeks/hour",
              "Practitioner-weeks of effective coverage per senior hour used (NaN: none used).")
        .higher()
        .theme(Theme::kInput)
        .headline();
    t.summary("competence_per_100_senior_hours", kComputed, "practitioners/100 hours",
              "Practitioners reaching competence per 100 senior hours used (NaN: none used).")
        .higher()
        .theme(Theme::kInput)
        .headline();
    return t;
  }();
  return table;
}

void LoadCarriers::record(const World& world, Values& week) {
  const LoadCarriersWeek& w = compute(world);
  week.set("load_carriers", static_cast<double>(w.carriers));
  week.set("burned_out_load_carrier_share", share(w.burned_out, w.carriers));
  for (std::size_t k = 0; k < kLoadRoles; ++k)
    week.set(share_name(kRoles[k]), share(w.burned_out_by_role[k], w.by_role[k]));
  week.set("reverse_junior_hours", w.reverse_junior_hours);
  week.set("senior_hours_used", w.senior_hours_used);
  week.set("senior_hours_budget", w.senior_hours_budget);
}

void LoadCarriers::summarize(const SeriesView& series, Values& summary) const {
  const double used = sum(series("senior_hours_used"));
  const double budget = sum(series("senior_hours_budget"));
  const std::vector<double>& coverage = series("effective_coverage");
  const std::vector<double>& active = series("active_practitioners");
  double covered_weeks = 0;
  for (std::size_t w = 0; w < std::min(coverage.size(), active.size()); ++w)
    covered_weeks += coverage[w] * active[w];
  const double competent = sum(series("competence_reached"));
  summary.set("senior_hours_used_share", budget > 0 ? used / budget : kNaN);
  summary.set("effective_coverage_weeks_per_senior_hour", used > 0 ? covered_weeks / used : kNaN);
  summary.set("competence_per_100_senior_hours", used > 0 ? 100.0 * competent / used : kNaN);
}

const LoadCarriersWeek& LoadCarriers::compute(const World& world) {
  const Practitioners& people = world.people;
  const Ties& ties = world.ties;
  // The roles the active ties give their developers (load_roles, but in one pass over the tie
  // table in tie order rather than each carrier's ties through the index), and the juniors'
  // reverse hours, summed in tie order.
  roles_.assign(people.size(), 0);
  double reverse_junior_hours = 0;
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (!ties.active(t)) continue;
    const Row d = ties.developer[t];
    const auto kind = static_cast<TieKind>(ties.kind[t]);
    const bool senior = people.has(d, flag::kSenior);
    if (kind == TieKind::kFacilitator)
      roles_[d] |= bit(LoadRole::kFacilitator);
    else if (senior)
      continue;
    else if (kind == TieKind::kReverse) {
      roles_[d] |= bit(LoadRole::kReverseJunior);
      reverse_junior_hours += ties.weekly_load(t);
    } else {
      roles_[d] |= bit(LoadRole::kPeerGuide);
    }
  }
  blocks_.resize(block_count(people.size()));
  const std::uint8_t* const flags = people.flags.data();
  const float* const load = people.load_hours.data();
  const float* const available = people.available_hours.data();
  const std::uint8_t* const tie_roles = roles_.data();
  for_each_block(people.size(), [&](Block b) {
    // Accumulated in locals and stored once: the block's record is reached through a reference
    // the compiler cannot keep in registers across the loop.
    // Counted without a branch per row: who carries load is close to a coin toss, and the
    // branches mispredicted. Seniors' hours are summed in row order, as before.
    LoadCarriersWeek p;
    for (auto r = static_cast<Row>(b.first); r < b.last; ++r) {
      const bool senior = (flags[r] & flag::kSenior) != 0;
      if (senior) {  // few rows: predicted well
        p.senior_hours_used += load[r];
        p.senior_hours_budget += available[r];
      }
      const unsigned carrier = load[r] > 0 ? 1u : 0u;
      const unsigned roles =
          (tie_roles[r] | (senior ? bit(LoadRole::kSeniorMentor) : 0u)) * carrier;
      const unsigned burned_out = (flags[r] & flag::kBurnedOut) != 0 ? carrier : 0u;
      p.carriers += carrier;
      p.burned_out += burned_out;
      for (std::size_t k = 0; k < kLoadRoles; ++k) {
        const unsigned in_role = (roles & bit(kRoles[k])) != 0 ? 1u : 0u;
        p.by_role[k] += in_role;
        p.burned_out_by_role[k] += in_role & burned_out;
      }
    }
    blocks_[b.index] = p;
  });
  week_ = LoadCarriersWeek{};
  for (const LoadCarriersWeek& p : blocks_) {
    week_.carriers += p.carriers;
    week_.burned_out += p.burned_out;
    for (std::size_t k = 0; k < kLoadRoles; ++k) {
      week_.by_role[k] += p.by_role[k];
      week_.burned_out_by_role[k] += p.burned_out_by_role[k];
    }
    week_.senior_hours_used += p.senior_hours_used;
    week_.senior_hours_budget += p.senior_hours_budget;
  }
  week_.reverse_junior_hours = reverse_junior_hours;
  return week_;
}

}  // namespace mentorsim::metrics
