#pragma once
// One declaration per output. Each metric group (a file pair under sim/metrics/) declares its
// weekly series and its run summaries in one MetricTable: name, units, a one-line doc, which way
// is better, how replicates aggregate, the theme (question) it answers and whether compare shows
// it in the headline table. The group then fills its values by name (metrics/metric_group.hpp).
// From these tables come the recorder's series and summaries, the HDF5 attributes, compare's
// grouping and direction markers, --metrics, and docs/outputs.md (`mentorsim metrics --format md`).
//
// A name may be a template over one of the scenario's lists: "{zone}" (population.zones), "{group}"
// (population.group_names), "{programme}" (programme names) or "{shock}" (1, 2, ... per [[shock]]),
// e.g. "mean_skill/{zone}". Consecutive declarations over the same list are expanded together,
// element by element ("min_bus_factor/a", "final_bus_factor/a", "min_bus_factor/b", ...). Units
// may name "{currency}" ([cost] currency).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mentorsim::metrics {

// Which way a metric is better; kNeither where the answer depends on the question asked.
enum class Better : std::uint8_t { kNeither, kHigher, kLower };

// How a metric's values over replicates are summarised (run summaries, compare, sweep points):
// their mean with its 95% Student-t interval. The interval's lower end is clipped at 0 when no
// replicate is negative; for kShare (units "share") its upper end is also clipped at 1 when no
// replicate exceeds 1.
enum class Aggregate : std::uint8_t { kMean, kShare };

// The question a metric answers: compare groups its headline table by these, in this order.
enum class Theme : std::uint8_t {
  kReach,
  kBurnout,
  kResilience,
  kGrowth,
  kEquity,
  kCost,
  kSignsOfLife,
  kPopulation,
  kProgrammes,
  kInput,
};
inline constexpr Theme kThemes[] = {
    Theme::kReach,  Theme::kBurnout, Theme::kResilience,  Theme::kGrowth,     Theme::kInput,
    Theme::kEquity, Theme::kCost,    Theme::kSignsOfLife, Theme::kPopulation, Theme::kProgrammes};
std::string_view theme_name(Theme theme);      // "Reach"
std::string_view theme_question(Theme theme);  // "who gets mentoring, and how soon"
std::string_view better_name(Better better);   // "higher", "lower", "neither"
std::string_view aggregate_name(Aggregate aggregate);

// The scenario list a declaration is expanded over.
enum class Over : std::uint8_t { kOnce, kZone, kGroup, kProgramme, kShock };
std::string_view placeholder(Over over);  // "{zone}", ...; "" for kOnce

// What a summary is: a reduction of one of the group's series (of the same list element, for a
// template), or a value the group computes itself (MetricGroup::summarize).
enum class Reduce : std::uint8_t { kComputed, kMean, kLast, kPeak, kMin, kTotal };

struct MetricDecl {
  std::string name;   // may hold one placeholder
  std::string units;  // may hold "{currency}"
  std::string doc;    // may hold the name's placeholder
  Better better = Better::kNeither;
  Aggregate aggregate = Aggregate::kMean;
  Theme theme = Theme::kPopulation;
  bool headline = false;  // summaries: shown in compare's headline table
  Over over = Over::kOnce;
  Reduce reduce = Reduce::kComputed;  // summaries
  std::string of;                     // summaries: the series a reduction reads
};

// The reduction of a series, for MetricTable::summary.
struct Reduction {
  Reduce reduce = Reduce::kComputed;
  std::string of;
};
inline Reduction mean_of(std::string series) {
  return {Reduce::kMean, std::move(series)};
}
inline Reduction last_of(std::string series) {
  return {Reduce::kLast, std::move(series)};
}
inline Reduction peak_of(std::string series) {
  return {Reduce::kPeak, std::move(series)};
}
inline Reduction min_of(std::string series) {
  return {Reduce::kMin, std::move(series)};
}
inline Reduction total_of(std::string series) {
  return {Reduce::kTotal, std::move(series)};
}
inline const Reduction kComputed{};  // not constexpr: clang 14 cannot with libstdc++ 12 strings

// A metric group's declarations. Built once (a function-local static) with the chained calls:
//   table.series("participation", "share", "Share of ...").higher();
//   table.summary("mean_participation", mean_of("participation"), "share",
//   "...").higher().headline();
// Each modifier applies to the declaration just added.
class MetricTable {
 public:
  MetricTable(std::string group, std::string doc, Theme theme);

  MetricTable& series(std::string name, std::string units, std::string doc);
  MetricTable& summary(std::string name, Reduction reduction, std::string units, std::string doc);

  MetricTable& higher();    // higher is better
  MetricTable& lower();     // lower is better
  MetricTable& headline();  // a headline summary
  MetricTable& theme(Theme theme);

  const std::string& group() const { return group_; }
  const std::string& doc() const { return doc_; }
  const std::vector<MetricDecl>& series() const { return series_; }
  const std::vector<MetricDecl>& summaries() const { return summaries_; }

 private:
  MetricDecl make(std::string name, std::string units, std::string doc) const;
  MetricDecl& last();

  std::string group_, doc_;
  Theme theme_;
  std::vector<MetricDecl> series_, summaries_;
  bool last_is_summary_ = false;
};

// The lists a scenario expands templates over.
struct ExpansionLists {
  std::vector<std::string> zones, groups, programmes, shocks;
  std::string currency = "hours";
  const std::vector<std::string>& of(Over over) const;
};

// One instantiated output: declaration `decl` for list element `element` (0 for kOnce).
struct Instance {
  const MetricDecl* decl = nullptr;
  std::size_t element = 0;
  std::string name, units, doc;
};

// `decls` expanded over `lists` in output order (see the header comment).
std::vector<Instance> expand(const std::vector<MetricDecl>& decls, const ExpansionLists& lists);

// Whether `name` is an instance of the template `pattern`: equal outside its placeholders, and one
// or more characters other than '/' where each placeholder stands.
bool instance_of(std::string_view pattern, std::string_view name);

}  // namespace mentorsim::metrics
