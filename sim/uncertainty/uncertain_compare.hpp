#pragma once
// `mentorsim compare ARMS... --uncertain FILE.toml` (docs/sensitivity.md, "Ranking robustness"):
// every compared scenario runs under each of K parameter sets drawn from the file's ranges, with
// common random numbers (the same seed and replicate indices in every arm and every draw), so a
// difference between arms within a draw is the arms' alone and a change across draws is the
// parameters'. Every draw's scenarios are loaded and checked before anything runs.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "output/comparison.hpp"
#include "output/twins.hpp"
#include "scenario/scenario.hpp"
#include "uncertainty/robustness.hpp"
#include "uncertainty/uncertain_spec.hpp"

namespace mentorsim::uncertainty {

// The compared scenarios as `compare` loaded them.
struct ComparedArms {
  std::vector<std::string> paths;      // scenario files, baseline first
  std::vector<std::string> labels;     // unique arm labels
  std::vector<std::string> overrides;  // --set, applied before each draw's values
  std::vector<Scenario> nominal;       // loaded at their own values (seed and replicates aligned)
};

struct UncertaintyResult {
  UncertainSpec spec;
  Draws draws;
  std::vector<std::string> labels;
  std::uint64_t seed = 0, replicates = 0;
  std::vector<MetricDraws> metrics;          // in the selection's order
  std::vector<MetricRobustness> robustness;  // one per metric
};

class UncertainComparison {
 public:
  // Draws the parameter sets and loads every arm under every draw; throws InputError listing the
  // problems, at the uncertainty file's axis values where a value is at fault. A
  // programme.kind:<kind>.<key> axis changes only the arms that have a programme of that kind (an
  // error when none has). `replicates`: runs per arm and draw.
  UncertainComparison(UncertainSpec spec, const ComparedArms& arms, std::uint64_t replicates);

  std::uint64_t replicates() const { return replicates_; }
  std::uint64_t total_weeks() const;  // simulated weeks of every run, for progress

  // Runs every draw (one after another, each arm's replicates in parallel) and assesses the
  // metrics of `nominal`, the plain comparison as selected for display: their order, and the
  // difference at the scenarios' own values. `tick` is called after every simulated week.
  UncertaintyResult run(const Twins& twins, const Comparison& nominal,
                        const std::function<void()>& tick) const;

 private:
  UncertainSpec spec_;
  Draws draws_;
  std::vector<std::string> labels_;
  std::vector<std::vector<Scenario>> scenarios_;  // [draw][arm]
  std::uint64_t replicates_ = 0;
};

}  // namespace mentorsim::uncertainty
