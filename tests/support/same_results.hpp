#pragma once
// Helpers shared by the thread-invariance tests: run under a thread limit, compare two runs'
// outputs bit by bit, and both at once for a scenario.
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>

#include "engine/simulation.hpp"
#include "metrics/run_result.hpp"

namespace mentorsim::testing {

// Runs `f` with at most `threads` threads, and checks that TBB really offers that many.
template <typename F>
auto with_threads(int threads, F&& f) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  return arena.execute([&] {
    REQUIRE(tbb::this_task_arena::max_concurrency() == threads);
    return f();
  });
}

inline bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof(double)) == 0;
}

// Every weekly value and every summary value, compared bit by bit (NaN equals the same NaN).
// Returns the number of differing values; REQUIREs that the two results have the same shape.
inline std::size_t differences(const RunResult& a, const RunResult& b) {
  REQUIRE(a.weekly.size() == b.weekly.size());
  REQUIRE(a.summary.size() == b.summary.size());
  REQUIRE(a.weeks == b.weeks);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.weekly.size(); ++i) {
    REQUIRE(a.weekly[i].name == b.weekly[i].name);
    REQUIRE(a.weekly[i].values.size() == b.weekly[i].values.size());
    REQUIRE(a.weekly[i].values.size() == static_cast<std::size_t>(a.weeks));
    for (std::size_t w = 0; w < a.weekly[i].values.size(); ++w)
      if (!same_bits(a.weekly[i].values[w], b.weekly[i].values[w])) {
        if (differ == 0) UNSCOPED_INFO("first difference: " << a.weekly[i].name << " week " << w);
        ++differ;
      }
  }
  for (std::size_t i = 0; i < a.summary.size(); ++i) {
    REQUIRE(a.summary[i].name == b.summary[i].name);
    if (!same_bits(a.summary[i].value, b.summary[i].value)) {
      UNSCOPED_INFO("summary " << a.summary[i].name << ": " << a.summary[i].value << " vs "
                               << b.summary[i].value);
      ++differ;
    }
  }
  return differ;
}

// `without` and `with` run the same scenario, `with` with [[shock]] entries that change nothing:
// every weekly value and every summary of `without`, compared bit by bit with `with`'s of the same
// name. `with` may report more summaries, but only the shocks' own (`shock<i>/...`). Returns the
// number of differing values; REQUIREs the same series and summaries otherwise.
inline std::size_t differences_beside_shocks(const RunResult& without, const RunResult& with) {
  REQUIRE(without.weekly.size() == with.weekly.size());
  REQUIRE(without.weeks == with.weeks);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < without.weekly.size(); ++i) {
    REQUIRE(without.weekly[i].name == with.weekly[i].name);
    REQUIRE(without.weekly[i].values.size() == with.weekly[i].values.size());
    for (std::size_t w = 0; w < without.weekly[i].values.size(); ++w)
      if (!same_bits(without.weekly[i].values[w], with.weekly[i].values[w])) {
        if (differ == 0)
          UNSCOPED_INFO("first difference: " << with.weekly[i].name << " week " << w);
        ++differ;
      }
  }
  std::size_t matched = 0;
  for (const SummaryValue& s : with.summary) {
    const auto same = std::find_if(without.summary.begin(), without.summary.end(),
                                   [&](const SummaryValue& o) { return o.name == s.name; });
    if (same == without.summary.end()) {
      INFO("summary only with the shocks: " << s.name);
      REQUIRE(s.name.rfind("shock", 0) == 0);
      continue;
    }
    ++matched;
    if (!same_bits(same->value, s.value)) {
      UNSCOPED_INFO("summary " << s.name << ": " << same->value << " vs " << s.value);
      ++differ;
    }
  }
  REQUIRE(matched == without.summary.size());
  return differ;
}

// Runs `replicate` of `s` at 1 and at 2 threads, CHECKs that the two results are bit-identical,
// and returns the one-thread result.
inline RunResult same_at_one_and_two_threads(const Scenario& s, std::uint64_t replicate = 1) {
  const auto run = [&] { return Simulation(s, replicate).run(); };
  const RunResult one = with_threads(1, run);
  CHECK(differences(one, with_threads(2, run)) == 0);
  return one;
}

}  // namespace mentorsim::testing
