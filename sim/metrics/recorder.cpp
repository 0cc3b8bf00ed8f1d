#include "metrics/recorder.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "core/canonical_nan.hpp"
#include "core/error.hpp"

namespace mentorsim {

using metrics::Instance;
using metrics::Reduce;

Recorder::Recorder(const Scenario& scenario) {
  const metrics::ExpansionLists lists = metrics::expansion_lists(scenario);
  for (const metrics::MetricGroupEntry& entry : metrics::metric_groups()) {
    if (!entry.make) continue;  // computed from two runs, by compare (catalogue.hpp)
    Group g;
    g.group = entry.make(scenario);
    g.series = metrics::expand(g.group->table().series(), lists);
    g.summaries = metrics::expand(g.group->table().summaries(), lists);
    g.first_series = series_info_.size();
    g.series_slots = metrics::OutputSlots(g.series, g.first_series);
    g.summary_slots = metrics::OutputSlots(g.summaries, 0);  // the group's own summary vectors
    series_info_.insert(series_info_.end(), g.series.begin(), g.series.end());
    groups_.push_back(std::move(g));
  }
  all_series_ = metrics::OutputSlots(series_info_, 0);
  values_.resize(series_info_.size());
  week_.resize(series_info_.size());
  filled_.resize(series_info_.size());
}

const std::vector<double>& Recorder::series(const std::string& name) const {
  for (std::size_t i = 0; i < series_info_.size(); ++i)
    if (series_info_[i].name == name) return values_[i];
  throw std::out_of_range("no series " + name);
}

void Recorder::record(const World& world) {
  std::fill(filled_.begin(), filled_.end(), 0);
  // Each group reads the world and writes only its own state and its own slots.
  tbb::parallel_for(std::size_t{0}, groups_.size(), [&](std::size_t i) {
    metrics::Values week(groups_[i].series_slots, week_.data(), filled_.data());
    groups_[i].group->record(world, week);
  });
  for (std::size_t s = 0; s < week_.size(); ++s) {
    if (!filled_[s])
      throw RunError(
          fmt::format("week {}: series '{}' was not recorded", world.week(), series_info_[s].name));
    values_[s].push_back(canonical(week_[s]));
  }
}

namespace {

// A declared reduction of one series (an empty series reduces to 0).
double reduce(Reduce how, const std::vector<double>& v) {
  if (v.empty()) return 0.0;
  switch (how) {
    case Reduce::kMean:
      return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    case Reduce::kLast:
      return v.back();
    case Reduce::kPeak:
      return *std::max_element(v.begin(), v.end());
    case Reduce::kMin:
      return *std::min_element(v.begin(), v.end());
    case Reduce::kTotal:
      return std::accumulate(v.begin(), v.end(), 0.0);
    case Reduce::kComputed:
      break;
  }
  throw std::logic_error("reduce: a computed summary");
}

}  // namespace

void Recorder::continue_under(const Scenario& next) {
  for (Group& g : groups_) g.group->continue_under(next);
}

RunResult Recorder::result(const Scenario& scenario, std::uint64_t replicate) const {
  RunResult out;
  out.run_id = fmt::format("r{:04}", replicate);
  out.scenario_name = scenario.meta.name;
  out.scenario_source = scenario.source;
  out.resolved_scenario_toml = scenario.resolved_toml;
  out.seed = static_cast<std::uint64_t>(scenario.meta.seed);
  out.replicate = replicate;
  out.weeks = values_.empty() ? 0 : static_cast<std::int64_t>(values_.front().size());
  out.zones = scenario.population.zones;
  for (std::size_t s = 0; s < series_info_.size(); ++s) {
    const Instance& i = series_info_[s];
    out.weekly.push_back({i.name, i.units, i.doc, values_[s]});
  }
  const metrics::SeriesView view(all_series_, values_);
  for (const Group& g : groups_) {
    std::vector<double> values(g.summaries.size());
    std::vector<std::uint8_t> filled(g.summaries.size());
    metrics::Values summary(g.summary_slots, values.data(), filled.data());
    for (std::size_t k = 0; k < g.summaries.size(); ++k) {
      const Instance& i = g.summaries[k];
      if (i.decl->reduce == Reduce::kComputed) continue;
      values[k] = reduce(i.decl->reduce, view(i.decl->of, i.element));
      filled[k] = 1;
    }
    g.group->summarize(view, summary);
    for (std::size_t k = 0; k < g.summaries.size(); ++k) {
      if (!filled[k])
        throw RunError(fmt::format("summary '{}' was not computed", g.summaries[k].name));
      const Instance& i = g.summaries[k];
      out.summary.push_back({i.name, canonical(values[k]), i.units, i.doc});
    }
  }
  return out;
}

}  // namespace mentorsim
