#pragma once
// What a run of a scenario will cost, estimated from its configuration before anything runs:
// `mentorsim check` prints it, and the scenario loader refuses a scenario whose population would
// pass kMaxPopulation (docs/scenarios.md, "What a run costs").
//
// The population follows the expected balance of joining and departure: with A newcomers a week
// (Poisson arrivals plus scheduled intakes spread over their interval) and a weekly departure
// probability p from the base hazard, N_w = N* + (N_0 - N*) (1 - p)^w with N* = A / p (N_0 + A w
// without departures). Burnout and mentoring change departures a little; shocks are ignored.
#include <cstdint>

#include "scenario/scenario.hpp"

namespace mentorsim {

// The most practitioners a run may hold at once: about 20 GB at kBytesPerPractitioner.
inline constexpr double kMaxPopulation = 1e8;
// Measured: peak memory grows by 150-200 bytes per practitioner (one-on-one and ecosystem
// benchmarks, 100,000 against 1,000,000 people); a run also needs about 20 MB whatever its size.
inline constexpr double kBytesPerPractitioner = 200;
inline constexpr double kBaseBytes = 20e6;

// `run` says, before it starts, that more practitioner-weeks than this will take a while.
inline constexpr double kLongRunPractitionerWeeks = 1e9;

struct RunEstimate {
  double peak_population = 0;     // practitioners present at once, at most
  double practitioner_weeks = 0;  // sum over weeks of those present: the work of one replicate
  double memory_bytes = 0;        // of one run
};

RunEstimate estimate_run(const Scenario& scenario);

// 2,101 / 535,144 / 25.7 million / 1.1 billion: a count as the estimates print it.
std::string amount_text(double x);

// "about 2,170 practitioners at most, 0.56 million practitioner-weeks per replicate, about 20 MB
// per run".
std::string describe_estimate(const RunEstimate& estimate);

}  // namespace mentorsim
