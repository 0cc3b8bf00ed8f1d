#include "metrics/shock_effects.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string window(std::int64_t k) {
  return fmt::format("{}w", k);
}

const std::vector<double>& series(const RunResult& run, const std::string& name) {
  const Series* s = run.find_series(name);
  if (!s)
    throw std::invalid_argument(
        fmt::format("run {} of {} has no series '{}'", run.run_id, run.scenario_name, name));
  return s->values;
}

// The weekly series the effects read, of one run.
struct Weekly {
  const std::vector<double>* effective_coverage;
  const std::vector<double>* participation;
  const std::vector<double>* active;
  const std::vector<double>* orphaned;
  std::vector<const std::vector<double>*> expert;  // by zone

  explicit Weekly(const RunResult& run)
      : effective_coverage(&series(run, "effective_coverage")),
        participation(&series(run, "participation")),
        active(&series(run, "active_practitioners")),
        orphaned(&series(run, "orphaned_learners")) {
    for (const std::string& zone : run.zones)
      expert.push_back(&series(run, "expert_knowledge/" + zone));
  }
  std::size_t weeks() const { return effective_coverage->size(); }
  double placed(std::size_t w) const { return std::round((*participation)[w] * (*active)[w]); }
  double knowledge(std::size_t w) const {
    double total = 0;
    for (const auto* zone : expert) total += (*zone)[w];
    return total;
  }
};

// `name` with `value`, and the units and doc of its declaration (a zone's name for {zone}).
SummaryValue declared_value(std::string name, double value) {
  for (const MetricDecl& d : shock_effect_table().summaries()) {
    if (!instance_of(d.name, name)) continue;
    std::string doc = d.doc;
    const std::size_t slash = name.rfind('/');
    if (const std::size_t at = doc.find("{zone}"); at != std::string::npos)
      doc.replace(at, 6, name.substr(slash + 1));
    return {std::move(name), value, d.units, std::move(doc)};
  }
  throw std::logic_error("shock effect '" + name + "' is not declared in shock_effects.cpp");
}

// 1 - kept / reference; 0 when neither arm holds any (nothing to lose), NaN when only the shock
// arm does.
double lost_share(double kept, double reference) {
  if (reference > 0) return 1.0 - kept / reference;
  return kept == 0 ? 0.0 : kNaN;
}

// First r >= 0 from which |gap| <= tolerance for kTwinHoldWeeks weeks, all inside the run.
double recovery_weeks(const Weekly& twin, const Weekly& shocked, std::size_t s, double tolerance) {
  const std::size_t weeks = std::min(twin.weeks(), shocked.weeks());
  const auto hold = static_cast<std::size_t>(kTwinHoldWeeks);
  std::size_t run = 0;  // weeks in a row within tolerance, ending at w
  for (std::size_t w = s; w < weeks; ++w) {
    const double gap = (*twin.effective_coverage)[w] - (*shocked.effective_coverage)[w];
    run = std::abs(gap) <= tolerance ? run + 1 : 0;
    if (run == hold) return static_cast<double>(w + 1 - hold - s);
  }
  return kNaN;
}
}  // namespace

const MetricTable& shock_effect_table() {
  static const MetricTable table = [] {
    MetricTable t("shock_effects",
                  "A shock against its twin, the same scenario without it (computed by "
                  "`mentorsim compare` from the paired runs).",
                  Theme::kResilience);
    const auto name = [](const std::string& what, std::int64_t k) {
      return fmt::format("shock{{shock}}/vs_twin/{}_{}", what, window(k));
    };
    // Headline: one window of each effect, chosen where it has settled (knowledge 52 weeks on,
    // places 13 weeks on) or where it happens (orphans at the shock), and the recovery.
    for (std::int64_t k : kShockWindows) {
      t.summary(name("knowledge_lost", k), kComputed, "share",
                fmt::format("Share of the twin's knowledge in the tier at risk (skills at or "
                            "above competence) missing {} weeks after the shock.",
                            k))
          .lower();
      if (k == 52) t.headline();
    }
    for (std::int64_t k : kShockWindows)
      t.summary(name("knowledge_lost", k) + "_by_zone/{zone}", kComputed, "share",
                fmt::format("knowledge_lost_{} in zone {{zone}}.", window(k)))
          .lower();
    for (std::int64_t k : kShockWindows) {
      t.summary(name("orphaned_learners", k), kComputed, "practitioners",
                fmt::format("Orphaned learners {} weeks after the shock, minus the twin's.", k))
          .lower();
      if (k == 0) t.headline();
    }
    t.summary("shock{shock}/vs_twin/orphan_weeks_52w", kComputed, "learner-weeks",
              "Orphaned learner-weeks in the 52 weeks from the shock, minus the twin's.")
        .lower()
        .headline();
    for (std::int64_t k : kShockWindows) {
      t.summary(name("served_learners_lost", k), kComputed, "practitioners",
                fmt::format("Practitioners holding a developmental place {} weeks after the "
                            "shock: the twin's minus the shock arm's.",
                            k))
          .lower();
      if (k == 13) t.headline();
    }
    for (std::int64_t k : kShockWindows)
      t.summary(name("effective_coverage_gap", k), kComputed, "share",
                fmt::format("Effective coverage {} weeks after the shock: the twin's minus the "
                            "shock arm's.",
                            k))
          .lower();
    t.summary("shock{shock}/vs_twin/recovery_weeks", kComputed, "weeks",
              "Weeks from the shock until effective coverage stays within metrics.twin_tolerance "
              "of the twin's for 4 weeks (NaN: not within the run).")
        .lower()
        .headline();
    t.summary("shock{shock}/vs_twin/recovered", kComputed, "share",
              "1 when the gap to the twin closed within the run (recovery_weeks defined), else 0.")
        .higher()
        .headline();  // recovery_weeks has no mean once a replicate never recovers
    return t;
  }();
  return table;
}

std::vector<SummaryValue> shock_effects(const RunResult& twin, const RunResult& shocked,
                                        std::size_t shock, std::int64_t shock_week,
                                        double tolerance) {
  const Weekly a(twin), b(shocked);
  const std::size_t weeks = std::min(a.weeks(), b.weeks());
  const auto s = static_cast<std::size_t>(std::max<std::int64_t>(0, shock_week));
  std::vector<SummaryValue> out;
  const auto add = [&](const std::string& what, double value) {
    out.push_back(declared_value(fmt::format("shock{}/vs_twin/{}", shock, what), value));
  };
  const auto at = [&](std::int64_t k, auto&& value) {
    const std::size_t w = s + static_cast<std::size_t>(k);
    return w < weeks ? value(w) : kNaN;
  };
  for (std::int64_t k : kShockWindows)
    add("knowledge_lost_" + window(k),
        at(k, [&](std::size_t w) { return lost_share(b.knowledge(w), a.knowledge(w)); }));
  for (std::int64_t k : kShockWindows)
    for (std::size_t z = 0; z < b.expert.size(); ++z)
      add(fmt::format("knowledge_lost_{}_by_zone/{}", window(k), shocked.zones[z]),
          at(k, [&](std::size_t w) { return lost_share((*b.expert[z])[w], (*a.expert[z])[w]); }));
  for (std::int64_t k : kShockWindows)
    add("orphaned_learners_" + window(k),
        at(k, [&](std::size_t w) { return (*b.orphaned)[w] - (*a.orphaned)[w]; }));
  double orphan_weeks = 0;
  for (std::size_t w = s; w < std::min(weeks, s + 52); ++w)
    orphan_weeks += (*b.orphaned)[w] - (*a.orphaned)[w];
  add("orphan_weeks_52w", s < weeks ? orphan_weeks : kNaN);
  for (std::int64_t k : kShockWindows)
    add("served_learners_lost_" + window(k),
        at(k, [&](std::size_t w) { return a.placed(w) - b.placed(w); }));
  for (std::int64_t k : kShockWindows)
    add("effective_coverage_gap_" + window(k), at(k, [&](std::size_t w) {
          return (*a.effective_coverage)[w] - (*b.effective_coverage)[w];
        }));
  const double recovery = recovery_weeks(a, b, s, tolerance);
  add("recovery_weeks", recovery);
  add("recovered", std::isnan(recovery) ? 0.0 : 1.0);
  return out;
}

}  // namespace mentorsim::metrics
