// Sweep output: parts, resuming, shards and the index. The runs here go through the library, the
// way `mentorsim sweep` runs them; tests/python/test_sweep_cli.py kills and restarts the binary.
#include <hdf5.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "engine/simulation.hpp"
#include "output/hdf5_util.hpp"
#include "output/summary_format.hpp"
#include "support/temp_dir.hpp"
#include "sweep/index_writer.hpp"
#include "sweep/part_writer.hpp"
#include "sweep/point_summaries.hpp"
#include "sweep/sweep_directory.hpp"
#include "sweep/sweep_runner.hpp"

namespace fs = std::filesystem;
using namespace mentorsim;
using namespace mentorsim::sweep;

namespace {

const char* kSweep = R"([sweep]
replicates = 2
[base.scenario]
weeks = 10
seed = 3
[base.population]
initial_size = 60
[base.joining]
arrivals_per_week = 1.0
[[base.programme]]
kind = "one_on_one"
[[axis]]
key = "programme.one_on_one.capacity"
values = [1, 2, 3]
)";

const InvocationInfo kInfo{"test", "abc123", "2026-12-03T00:00:00Z", "mentorsim sweep test", 1};
constexpr auto kLongCheckpoint = std::chrono::milliseconds(3600 * 1000);

SweepPlan plan_in(const testing::TempDir& dir, const std::string& text = kSweep) {
  return SweepPlan(load_sweep_file(dir.write("sweep.toml", text)));
}

// Runs `todo` into `out` under `prefix`, as one process of `mentorsim sweep` would.
SweepOutcome run_into(const fs::path& out, const SweepPlan& plan, std::vector<std::uint64_t> todo,
                      const std::string& prefix) {
  prepare_directory(out, plan);
  PartWriter writer(out, prefix, kInfo, plan, kLongCheckpoint);
  ListSource source(std::move(todo));
  const std::atomic<bool> stop{false};
  auto outcome = run_sweep(plan, source, writer, 2, stop);
  writer.commit();
  return outcome;
}

std::vector<std::uint64_t> all_runs(const SweepPlan& plan) {
  return runs_to_do(plan.run_count(), {});
}

// The numeric columns of an index file, as (path, values).
std::vector<std::pair<std::string, std::vector<double>>> numeric_columns(const fs::path& index) {
  const h5::Handle f = h5::open_read(index);
  std::vector<std::pair<std::string, std::vector<double>>> out;
  for (const auto& name : h5::read_string_array_attr(f.get(), "/", "metrics"))
    out.emplace_back("runs/summary/" + name, h5::read_doubles(f.get(), "runs/summary/" + name));
  for (const char* p : {"runs/run_index", "runs/point", "runs/replicate", "points/runs_done"}) {
    std::vector<double> v;
    for (const auto x : h5::read_u64s(f.get(), p)) v.push_back(static_cast<double>(x));
    out.emplace_back(p, v);
  }
  return out;
}

bool same(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

void check_same_index(const fs::path& a, const fs::path& b) {
  const auto x = numeric_columns(a), y = numeric_columns(b);
  REQUIRE(x.size() == y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    INFO(x[i].first);
    REQUIRE(x[i].first == y[i].first);
    REQUIRE(x[i].second.size() == y[i].second.size());
    for (std::size_t k = 0; k < x[i].second.size(); ++k)
      CHECK(same(x[i].second[k], y[i].second[k]));
  }
  const h5::Handle fa = h5::open_read(a), fb = h5::open_read(b);
  CHECK(h5::read_strings(fa.get(), "runs/run_id") == h5::read_strings(fb.get(), "runs/run_id"));
  CHECK(h5::read_strings(fa.get(), "points/resolved_scenario") ==
        h5::read_strings(fb.get(), "points/resolved_scenario"));
}

}  // namespace

TEST_CASE("a sweep run is the same run `mentorsim run` makes of its point", "[sweep]") {
  testing::TempDir dir("sweep");
  const SweepPlan plan = plan_in(dir);
  const fs::path out = dir.path / "out";
  const auto outcome = run_into(out, plan, all_runs(plan), "local");
  CHECK(outcome.done == 6);
  CHECK(outcome.failed == 0);
  write_index(out, kInfo);
  const h5::Handle f = h5::open_read(index_path(out));
  const auto ids = h5::read_strings(f.get(), "runs/run_id");
  REQUIRE(ids.size() == 6);
  // Run 5: point 2 (capacity 3), replicate 1.
  const Scenario s = plan.scenario_of(2);
  Simulation direct(s, 1);
  const RunResult expected = direct.run();
  for (const auto& v : expected.summary) {
    INFO(v.name);
    const auto column = h5::read_doubles(f.get(), "runs/summary/" + v.name);
    CHECK(same(column[5], v.value));
  }
  const auto weekly = h5::read_doubles(f.get(), "weekly/" + ids[5] + "/waiting_list");
  CHECK(weekly == expected.find_series("waiting_list")->values);
  // Per-point summaries are the run command's: mean and interval over the point's replicates.
  Simulation other(s, 0);
  const RunResult first = other.run();
  const auto points = read_point_summaries(out);
  for (const auto& m : points.metrics) {
    if (m.name != "mean_participation") continue;
    double v0 = 0, v1 = 0;
    for (const auto& v : first.summary)
      if (v.name == m.name) v0 = v.value;
    for (const auto& v : expected.summary)
      if (v.name == m.name) v1 = v.value;
    const MeanInterval want = metric_interval({v0, v1}, aggregate_of(m.name));
    CHECK(m.mean[2] == want.mean);
    CHECK(m.ci_low[2] == want.low);
    CHECK(m.ci_high[2] == want.high);
  }
  CHECK(points.runs_of_point == std::vector<std::uint64_t>{2, 2, 2});
  CHECK(points.axis_values.at(0) == std::vector<std::string>{"1", "2", "3"});
}

TEST_CASE("shards write disjoint slices that merge into the single sweep's index", "[sweep]") {
  testing::TempDir dir("sweep");
  const SweepPlan plan = plan_in(dir);
  const fs::path whole = dir.path / "whole", sharded = dir.path / "sharded";
  run_into(whole, plan, all_runs(plan), "local");
  write_index(whole, kInfo);
  const auto zero = runs_to_do(plan.run_count(), {}, 0, 2);
  const auto one = runs_to_do(plan.run_count(), {}, 1, 2);
  CHECK(zero == std::vector<std::uint64_t>{0, 2, 4});
  CHECK(one == std::vector<std::uint64_t>{1, 3, 5});
  run_into(sharded, plan, one, "shard0001of0002");  // finishing order does not matter
  auto partial = write_index(sharded, kInfo);
  CHECK(partial.runs_done == 3);
  {
    const h5::Handle f = h5::open_read(index_path(sharded));
    CHECK(h5::read_u64s(f.get(), "missing_runs") == std::vector<std::uint64_t>{0, 2, 4});
  }
  run_into(sharded, plan, zero, "shard0000of0002");
  const auto merged = write_index(sharded, kInfo);
  CHECK(merged.runs_done == 6);
  CHECK(merged.duplicates == 0);
  check_same_index(index_path(whole), index_path(sharded));
}

TEST_CASE("resuming: committed runs are kept, an unfinished part is redone", "[sweep]") {
  testing::TempDir dir("sweep");
  const SweepPlan plan = plan_in(dir);
  const fs::path out = dir.path / "out", reference = dir.path / "reference";
  run_into(reference, plan, all_runs(plan), "local");
  write_index(reference, kInfo);

  run_into(out, plan, {0, 1, 2}, "local");  // a first session that did three runs
  // A killed session's open part: a temporary that never became a part.
  const fs::path stale = parts_dir(out) / ".local-000007.h5.tmp";
  std::ofstream(stale) << "half-written";
  auto done = committed_runs(out, plan);
  CHECK(done == std::vector<bool>{true, true, true, false, false, false});
  const auto todo = runs_to_do(plan.run_count(), done);
  CHECK(todo == std::vector<std::uint64_t>{3, 4, 5});
  {
    PartWriter writer(out, "local", kInfo, plan, kLongCheckpoint);
    CHECK_FALSE(fs::exists(stale));  // the prefix's leftovers go when it is taken again
    // A second writer under the same prefix is refused while the first holds it.
    CHECK_THROWS_AS(PartWriter(out, "local", kInfo, plan, kLongCheckpoint), InputError);
    ListSource source(todo);
    const std::atomic<bool> stop{false};
    run_sweep(plan, source, writer, 2, stop);
  }  // the destructor commits
  const auto index = write_index(out, kInfo);
  CHECK(index.runs_done == 6);
  check_same_index(index_path(reference), index_path(out));
  // Parts are numbered on: the resumed session never wrote over the first one's part.
  std::vector<std::string> parts;
  for (const auto& p : scan_parts(out)) parts.push_back(p.file.filename().string());
  CHECK(parts == std::vector<std::string>{"local-000000.h5", "local-000008.h5"});
}

TEST_CASE("a stopped sweep commits what finished and abandons the rest", "[sweep]") {
  testing::TempDir dir("sweep");
  const SweepPlan plan = plan_in(dir);
  const fs::path out = dir.path / "out";
  prepare_directory(out, plan);
  const std::atomic<bool> stop{true};
  {
    PartWriter writer(out, "local", kInfo, plan, kLongCheckpoint);
    ListSource source(all_runs(plan));
    const auto outcome = run_sweep(plan, source, writer, 2, stop);
    CHECK(outcome.interrupted);
    CHECK(outcome.done == 0);
  }
  CHECK(committed_runs(out, plan) == std::vector<bool>(6, false));
}

TEST_CASE("a directory of another sweep, or of anything else, is refused untouched", "[sweep]") {
  testing::TempDir dir("sweep");
  const SweepPlan plan = plan_in(dir);
  const fs::path out = dir.path / "out";
  run_into(out, plan, {0}, "local");
  std::string other = kSweep;
  other.replace(other.find("values = [1, 2, 3]"), 18, "values = [1, 2]");
  testing::TempDir elsewhere("sweep");
  const SweepPlan different = plan_in(elsewhere, other);
  CHECK_THROWS_AS(prepare_directory(out, different), InputError);
  CHECK(committed_runs(out, plan).at(0));  // still there
  const fs::path unrelated = dir.path / "unrelated";
  fs::create_directories(unrelated);
  std::ofstream(unrelated / "notes.txt") << "mine";
  CHECK_THROWS_AS(prepare_directory(unrelated, plan), InputError);
  CHECK(fs::exists(unrelated / "notes.txt"));
  CHECK_FALSE(fs::exists(unrelated / "parts"));
}

TEST_CASE("summaries-only sweeps write no weekly series", "[sweep]") {
  testing::TempDir dir("sweep");
  std::string text = kSweep;
  text.replace(text.find("replicates = 2"), 14, "replicates = 2\nweekly = false");
  const SweepPlan plan = plan_in(dir, text);
  const fs::path out = dir.path / "out";
  run_into(out, plan, all_runs(plan), "local");
  write_index(out, kInfo);
  const h5::Handle f = h5::open_read(index_path(out));
  CHECK_FALSE(h5::has_link(f.get(), "weekly"));
  CHECK(h5::read_doubles(f.get(), "runs/summary/mean_participation").size() == 6);
  const h5::Handle part = h5::open_read(scan_parts(out).at(0).file);
  CHECK(h5::member_names(h5::open_group(part.get(), "runs").get(), "/runs").empty());
}
