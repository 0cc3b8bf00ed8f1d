#include "cli/state_continuation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"

namespace mentorsim::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void bad(const fs::path& file, std::string message) {
  throw InputError(Diagnostic{file.string(), 0, 0, std::move(message)});
}

// A continuation may change programme settings and lengthen the run; everything else (the
// population, the mechanisms, the seed, the replicates) is the saved run's.
void check_override_keys(const fs::path& file, const std::vector<std::string>& overrides) {
  for (const std::string& o : overrides) {
    const std::string key = o.substr(0, o.find('='));
    if (key.rfind("programme.", 0) == 0 || key == "scenario.weeks") continue;
    bad(file, fmt::format("--set {}: a continuation changes programme settings "
                          "(programme.NAME.KEY) and scenario.weeks only; the rest is the saved "
                          "run's",
                          key));
  }
}

// What a programme can no longer change at the saved week: a start or an end already past.
void check_programmes(const fs::path& file, const Scenario& base, const Scenario& next, Week week) {
  if (next.meta.weeks <= week)
    bad(file, fmt::format("scenario.weeks = {}: the continuation starts at week {}, so it needs "
                          "more weeks than that",
                          next.meta.weeks, week));
  for (std::size_t i = 0; i < base.programmes.size(); ++i) {
    const ProgrammeCommon& was = base.programmes[i].common;
    const ProgrammeCommon& now = next.programmes[i].common;
    if (was.start_week != now.start_week && std::min(was.start_week, now.start_week) < week)
      bad(file, fmt::format("programme '{}': start_week {} -> {}: a start before week {} (where "
                            "the state was saved) cannot move",
                            was.name, was.start_week, now.start_week, week));
    const auto ended_by = [&](std::int64_t end) { return end >= 0 && end <= week; };
    if (was.end_week != now.end_week && (ended_by(was.end_week) || ended_by(now.end_week)))
      bad(file, fmt::format("programme '{}': end_week {} -> {}: an end at or before week {} "
                            "(where the state was saved) cannot move",
                            was.name, was.end_week, now.end_week, week));
    if (was.expand_week != now.expand_week &&
        std::min(was.expand_week < 0 ? week : was.expand_week,
                 now.expand_week < 0 ? week : now.expand_week) < week)
      bad(file, fmt::format("programme '{}': expand_week {} -> {}: an expansion before week {} "
                            "cannot move",
                            was.name, was.expand_week, now.expand_week, week));
  }
}

}  // namespace

fs::path default_state_file(const std::string& out, const std::string& scenario_path, Week week) {
  const fs::path from = out.empty() ? fs::path(scenario_path).filename() : fs::path(out);
  return from.parent_path() / fmt::format("{}.week{}.state.h5", from.stem().string(), week);
}

void StateSaver::observe(std::uint64_t replicate, Week week, const Simulation& run) {
  if (week + 1 == week_) snapshots_[replicate] = snapshot_state(run.world(), replicate, week_);
}

std::unique_ptr<Continuation> load_continuation(const fs::path& file,
                                                const std::vector<std::string>& overrides) {
  check_override_keys(file, overrides);
  auto c = std::make_unique<Continuation>();
  c->saved = read_state_file(file);
  const std::string source = fmt::format("{} (its scenario)", file.string());
  c->base = params::load_scenario_text(c->saved.scenario_toml, source, {});
  // The relationships running at week 0 were taken over then, under the saved settings; the
  // continuation's settings apply from the saved week on, so they are not read again.
  std::vector<std::string> next_overrides = overrides;
  if (c->base.relationships) next_overrides.emplace_back("population.relationships=\"\"");
  c->next = params::load_scenario_text(c->saved.scenario_toml, source, next_overrides);
  if (c->base.relationships) {
    c->next.population.relationships = c->base.population.relationships;
    c->next.relationships = c->base.relationships;
    c->next.resolved_toml = params::resolved_toml(c->next);
  }
  if (c->base.meta.seed != c->saved.seed ||
      c->base.meta.replicates != static_cast<std::int64_t>(c->saved.replicates))
    bad(file, "its seed or replicate count does not match its scenario's");
  check_programmes(file, c->base, c->next, c->saved.week);
  return c;
}

std::vector<RunResult> run_continuation(const Continuation& c, const std::function<void()>& on_week,
                                        const WeekObserver& observe) {
  const SavedState& saved = c.saved;
  return run_replicates_from(
      c.base, c.next, saved.replicates, saved.week,
      [&](std::uint64_t replicate, const Simulation& run) {
        const StateSnapshot now = snapshot_state(run.world(), replicate, saved.week);
        if (now.digest == saved.digests[replicate]) return;
        const std::string where = first_difference(now, read_saved_snapshot(saved, replicate, now));
        bad(saved.file,
            fmt::format("replicate {}: re-simulated to week {}, the state differs from the saved "
                        "one (first in {}). The file was written by mentorsim {} (commit {}); a "
                        "state continues only under the model that wrote it, with the same input "
                        "files (roster, relationships)",
                        replicate, saved.week, where.empty() ? "the digest" : where, saved.version,
                        saved.git_commit));
      },
      on_week, observe);
}

}  // namespace mentorsim::cli
