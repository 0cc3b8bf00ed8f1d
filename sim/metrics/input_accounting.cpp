#include "metrics/input_accounting.hpp"

#include <algorithm>
#include <limits>

#include "core/blocks.hpp"

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double sum(const std::vector<double>& values) {
  double total = 0;
  for (double v : values) total += v;
  return total;
}
}  // namespace

const MetricTable& InputAccounting::declared() {
  static const MetricTable table = [] {
    MetricTable t("input_accounting",
                  "Senior-mentor hours used against the budget, and what each hour bought.",
                  Theme::kInput);
    t.series("senior_hours_used", "hours/week",
             "Mentoring load the seniors carry this week (their load_hours summed).");
    t.series("senior_hours_budget", "hours/week",
             "Mentoring hours the seniors have this week (their available_hours summed).");

    // Not a headline (no direction: an input, not an outcome); compare's header states it.
    t.summary("mean_senior_hours_used", mean_of("senior_hours_used"), "hours/week",
              "Senior hours used per week, averaged over weeks.");
    t.summary("peak_senior_hours_used", peak_of("senior_hours_used"), "hours/week",
              "Largest weekly senior hours used.");
    t.summary("mean_senior_hours_budget", mean_of("senior_hours_budget"), "hours/week",
              "Senior hours available per week, averaged over weeks.");
    t.summary("senior_hours_used_share", kComputed, "share",
              "Senior hours used over senior hours available, run totals (NaN: no budget).");
    t.summary("effective_coverage_weeks_per_senior_hour", kComputed, "practitioner-weeks/hour",
              "Practitioner-weeks of effective coverage per senior hour used (NaN: none used).")
        .higher()
        .headline();
    t.summary("competence_per_100_senior_hours", kComputed, "practitioners/100 hours",
              "Practitioners reaching competence per 100 senior hours used (NaN: none used).")
        .higher()
        .headline();
    return t;
  }();
  return table;
}

SeniorHours InputAccounting::compute(const World& world) {
  const Practitioners& people = world.people;
  const std::vector<SeniorHours> parts = parts_by_block<SeniorHours>(people.size(), [&](Block b) {
    SeniorHours p;
    for (auto r = static_cast<Row>(b.first); r < b.last; ++r) {
      if (!people.has(r, flag::kSenior)) continue;
      p.used += people.load_hours[r];
      p.budget += people.available_hours[r];
    }
    return p;
  });
  SeniorHours total;
  for (const SeniorHours& p : parts) {
    total.used += p.used;
    total.budget += p.budget;
  }
  return total;
}

void InputAccounting::record(const World& world, Values& week) {
  const SeniorHours h = compute(world);
  week.set("senior_hours_used", h.used);
  week.set("senior_hours_budget", h.budget);
}

void InputAccounting::summarize(const SeriesView& series, Values& summary) const {
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

}  // namespace mentorsim::metrics
