// The HDF5 writer: layout (format version 2: each arm's runs as arrays with dimension scales) read
// back with the C API, and the never-a-half-written-file guarantee.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "output/hdf5_util.hpp"
#include "output/hdf5_writer.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace fs = std::filesystem;
using namespace mentorsim;
using h5::Handle;
using mentorsim::testing::file_text;

namespace {

// The writer's own checks of the stored types: h5::read_string_attr and read_u64_attr convert to
// the type asked for, these look at the type in the file first.

// A variable-length string attribute.
std::string string_attr(hid_t obj, const char* name) {
  const Handle attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, name);
  const Handle type(H5Aget_type(attr.get()), H5Tclose, "H5Aget_type");
  REQUIRE(H5Tget_class(type.get()) == H5T_STRING);
  REQUIRE(H5Tis_variable_str(type.get()) > 0);
  char* text = nullptr;
  REQUIRE(H5Aread(attr.get(), type.get(), &text) >= 0);
  std::string value = text != nullptr ? text : "";
  H5free_memory(text);
  return value;
}

// An integer attribute, checking its stored size and signedness.
template <typename T>
T int_attr(hid_t obj, const char* name, hid_t mem_type, size_t bytes, H5T_sign_t sign) {
  const Handle attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, name);
  const Handle type(H5Aget_type(attr.get()), H5Tclose, "H5Aget_type");
  REQUIRE(H5Tget_class(type.get()) == H5T_INTEGER);
  REQUIRE(H5Tget_size(type.get()) == bytes);
  REQUIRE(H5Tget_sign(type.get()) == sign);
  T value{};
  REQUIRE(H5Aread(attr.get(), mem_type, &value) >= 0);
  return value;
}

Handle open_dataset(hid_t parent, const std::string& path) {
  return Handle(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), H5Dclose, path);
}

InvocationInfo test_info() {
  return {"0.1.0", "abc123def456", "2024-05-01T12:00:00Z", "mentorsim run x.toml --out y.h5", 4};
}

RunResult test_run(const std::string& id, std::uint64_t replicate, std::int64_t weeks) {
  RunResult r;
  r.run_id = id;
  r.scenario_name = "baseline \"quoted\" é";
  r.scenario_source = "scenarios/models/one_on_one.toml";
  r.resolved_scenario_toml = "[scenario]\nname = \"baseline\"\nweeks = " + std::to_string(weeks);
  r.seed = 0xFFFF'FFFF'FFFF'FFF0ULL;  // above 2^63: must survive as unsigned
  r.replicate = replicate;
  r.weeks = weeks;
  r.zones = {"technical", "social"};
  std::vector<double> ramp(static_cast<size_t>(weeks));
  for (size_t w = 0; w < ramp.size(); ++w) ramp[w] = 0.5 * static_cast<double>(w);
  r.weekly = {{"active_practitioners", "people", "Practitioners active at week end", ramp},
              {"mean_skill/technical", "skill", "Mean skill, technical zone", ramp},
              {"mean_skill/social", "skill", "Mean skill, social zone", ramp}};
  r.summary = {{"participation", 0.75 + static_cast<double>(replicate), "share", "Share mentored"},
               {"retention/first_year", 0.5, "share", "Nested summary name"}};
  return r;
}

}  // namespace

TEST_CASE("write_hdf5 writes the documented layout", "[output][hdf5]") {
  testing::TempDir dir("h5test");
  const fs::path out = dir.path / "results.h5";
  const RunResult first = test_run("r0000", 0, 5000);  // longer than a 4096-value chunk was
  const RunResult second = test_run("r0001", 1, 5000);
  write_hdf5(out, test_info(), {first, second}, false);
  CHECK(dir.entries() == std::vector<std::string>{"results.h5"});  // no temporary left

  const Handle file = h5::open_read(out);
  CHECK(string_attr(file.get(), "format") == "mentorsim-run");
  CHECK(int_attr<int>(file.get(), "format_version", H5T_NATIVE_INT, 4, H5T_SGN_2) == 2);
  CHECK(string_attr(file.get(), "version") == "0.1.0");
  CHECK(string_attr(file.get(), "git_commit") == "abc123def456");
  CHECK(string_attr(file.get(), "created_utc") == "2024-05-01T12:00:00Z");
  CHECK(string_attr(file.get(), "command_line") == "mentorsim run x.toml --out y.h5");
  CHECK(int_attr<int>(file.get(), "threads", H5T_NATIVE_INT, 4, H5T_SGN_2) == 4);
  // How the numbers were made.
  CHECK_FALSE(string_attr(file.get(), "host").empty());
  CHECK_FALSE(string_attr(file.get(), "compiler").empty());
  CHECK_FALSE(string_attr(file.get(), "build_type").empty());
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  CHECK(string_attr(file.get(), "hdf5_version") ==
        std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release));
  CHECK(string_attr(file.get(), "rng").find("Philox4x64-10") != std::string::npos);

  // The arm's attributes, once: every replicate shares the scenario.
  CHECK(string_attr(file.get(), "scenario_name") == first.scenario_name);
  CHECK(string_attr(file.get(), "scenario_source") == first.scenario_source);
  CHECK(string_attr(file.get(), "resolved_scenario") == first.resolved_scenario_toml);
  CHECK(int_attr<std::uint64_t>(file.get(), "seed", H5T_NATIVE_UINT64, 8, H5T_SGN_NONE) ==
        first.seed);
  CHECK(int_attr<std::int64_t>(file.get(), "weeks", H5T_NATIVE_INT64, 8, H5T_SGN_2) == 5000);
  CHECK(h5::read_string_array_attr(file.get(), "/", "zones") == first.zones);

  // Dimension scales and the run ids, one per row.
  CHECK(h5::read_u64s(file.get(), "/replicate") == std::vector<std::uint64_t>{0, 1});
  CHECK(h5::read_strings(file.get(), "/run_id") == std::vector<std::string>{"r0000", "r0001"});
  const std::vector<double> weeks = h5::read_doubles(file.get(), "/week");
  REQUIRE(weeks.size() == 5000);
  CHECK((weeks.front() == 0 && weeks.back() == 4999));
  const Handle replicate = open_dataset(file.get(), "/replicate");
  const Handle week = open_dataset(file.get(), "/week");
  CHECK(H5DSis_scale(replicate.get()) > 0);
  CHECK(H5DSis_scale(week.get()) > 0);

  for (const auto& s : first.weekly) {
    const h5::Matrix m = h5::read_matrix(file.get(), "/weekly/" + s.name);
    REQUIRE((m.rows == 2 && m.cols == 5000));
    CHECK(std::vector<double>(m.values.begin(), m.values.begin() + 5000) == s.values);
    CHECK(std::vector<double>(m.values.begin() + 5000, m.values.end()) == second.weekly[0].values);
  }
  {  // "mean_skill/technical" made a group "mean_skill" holding an array "technical"
    const Handle group = h5::open_group(file.get(), "/weekly/mean_skill");
    const Handle dset = open_dataset(group.get(), "technical");
    CHECK(string_attr(dset.get(), "units") == "skill");
    CHECK(string_attr(dset.get(), "doc") == "Mean skill, technical zone");
    CHECK(H5DSis_attached(dset.get(), replicate.get(), 0) > 0);
    CHECK(H5DSis_attached(dset.get(), week.get(), 1) > 0);
    const Handle type(H5Dget_type(dset.get()), H5Tclose, "H5Dget_type");
    CHECK(H5Tequal(type.get(), H5T_IEEE_F64LE) > 0);
    const Handle dcpl(H5Dget_create_plist(dset.get()), H5Pclose, "H5Dget_create_plist");
    CHECK(H5Pget_layout(dcpl.get()) == H5D_CHUNKED);
    hsize_t chunk[2] = {0, 0};
    CHECK(H5Pget_chunk(dcpl.get(), 2, chunk) == 2);
    CHECK((chunk[0] == 2 && chunk[1] == 5000));  // both rows fit 1 MiB
    REQUIRE(H5Pget_nfilters(dcpl.get()) == 2);
    unsigned flags = 0;
    size_t n_values = 1;
    unsigned level = 0;
    CHECK(H5Pget_filter2(dcpl.get(), 0, &flags, &n_values, &level, 0, nullptr, nullptr) ==
          H5Z_FILTER_SHUFFLE);
    n_values = 1;
    CHECK(H5Pget_filter2(dcpl.get(), 1, &flags, &n_values, &level, 0, nullptr, nullptr) ==
          H5Z_FILTER_DEFLATE);
    CHECK(level == 4);
  }
  {  // summary values: one per run, dimension replicate
    const Handle dset = open_dataset(file.get(), "/summary/participation");
    CHECK(string_attr(dset.get(), "units") == "share");
    CHECK(H5DSis_attached(dset.get(), replicate.get(), 0) > 0);
    CHECK(h5::read_doubles(file.get(), "/summary/participation") ==
          std::vector<double>{0.75, 1.75});
    CHECK(h5::read_doubles(file.get(), "/summary/retention/first_year") ==
          std::vector<double>{0.5, 0.5});
  }
}

TEST_CASE("an arm of zero weeks stores empty arrays", "[output][hdf5]") {
  testing::TempDir dir("h5test");
  const fs::path out = dir.path / "empty.h5";
  RunResult empty = test_run("r0000", 0, 0);
  empty.zones.clear();
  write_hdf5(out, test_info(), {empty}, false);
  const Handle file = h5::open_read(out);
  CHECK(h5::read_string_array_attr(file.get(), "/", "zones").empty());
  CHECK(h5::read_doubles(file.get(), "/week").empty());
  const h5::Matrix m = h5::read_matrix(file.get(), "/weekly/mean_skill/social");
  CHECK((m.rows == 1 && m.cols == 0));
  const Handle dset = open_dataset(file.get(), "/weekly/active_practitioners");
  const Handle dcpl(H5Dget_create_plist(dset.get()), H5Pclose, "H5Dget_create_plist");
  CHECK(H5Pget_layout(dcpl.get()) != H5D_CHUNKED);
}

TEST_CASE("short series use one chunk of their own length", "[output][hdf5]") {
  testing::TempDir dir("h5test");
  const fs::path out = dir.path / "short.h5";
  write_hdf5(out, test_info(), {test_run("r0000", 0, 7)}, false);
  const Handle file = h5::open_read(out);
  const Handle dset = open_dataset(file.get(), "/weekly/active_practitioners");
  const Handle dcpl(H5Dget_create_plist(dset.get()), H5Pclose, "H5Dget_create_plist");
  hsize_t chunk[2] = {0, 0};
  CHECK(H5Pget_chunk(dcpl.get(), 2, chunk) == 2);
  CHECK((chunk[0] == 1 && chunk[1] == 7));
}

TEST_CASE("runs that cannot be rows of one array are refused before anything is written",
          "[output][hdf5]") {
  testing::TempDir dir("h5test");
  const fs::path out = dir.path / "results.h5";
  CHECK_THROWS_WITH(
      write_hdf5(out, test_info(), {test_run("r0000", 0, 5), test_run("r0001", 1, 6)}, false),
      Catch::Contains("run r0001 differs from run r0000 in its scenario"));
  RunResult fewer = test_run("r0001", 1, 5);
  fewer.weekly.pop_back();
  CHECK_THROWS_WITH(write_hdf5(out, test_info(), {test_run("r0000", 0, 5), fewer}, false),
                    Catch::Contains("in its outputs"));
  CHECK(dir.entries().empty());
}

TEST_CASE("an existing file is not overwritten without force", "[output][hdf5]") {
  testing::TempDir dir("h5test");
  const fs::path out = dir.path / "results.h5";
  dir.write("results.h5", "precious bytes");
  try {
    check_output_path(out, false);
    FAIL("check_output_path accepted an existing file");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].file == out.string());
    CHECK(e.diagnostics()[0].message == "exists; pass --force to overwrite");
  }
  CHECK_THROWS_AS(write_hdf5(out, test_info(), {test_run("r0000", 0, 3)}, false), InputError);
  CHECK(file_text(out) == "precious bytes");
  CHECK(dir.entries() == std::vector<std::string>{"results.h5"});

  SECTION("force overwrites it") {
    CHECK_NOTHROW(check_output_path(out, true));
    write_hdf5(out, test_info(), {test_run("r0000", 0, 3)}, true);
    CHECK(H5Fis_hdf5(out.c_str()) > 0);
    const Handle file = h5::open_read(out);
    CHECK(string_attr(file.get(), "format") == "mentorsim-run");
    CHECK(dir.entries() == std::vector<std::string>{"results.h5"});
  }
}

TEST_CASE("bad destinations are input errors", "[output][hdf5]") {
  testing::TempDir dir("h5test");
  const fs::path missing = dir.path / "no-such-dir" / "results.h5";
  CHECK_THROWS_WITH(check_output_path(missing, true), Catch::Contains("does not exist"));
  CHECK_THROWS_AS(write_hdf5(missing, test_info(), {test_run("r0000", 0, 3)}, true), InputError);
  CHECK_THROWS_WITH(check_output_path(dir.path, true), Catch::Contains("is a directory"));
  CHECK_THROWS_AS(check_output_path(dir.path / "", true), InputError);
  CHECK(dir.entries().empty());
}

TEST_CASE("a failure while writing leaves neither the output nor a temporary", "[output][hdf5]") {
  testing::TempDir dir("h5test");
  const fs::path out = dir.path / "results.h5";
  RunResult clash = test_run("r0000", 0, 3);
  // "active_practitioners" is a dataset, so it cannot also be a group: HDF5 fails mid-file.
  clash.weekly.push_back({"active_practitioners/extra", "people", "clash", {1, 2, 3}});
  CHECK_THROWS_WITH(write_hdf5(out, test_info(), {clash}, false),
                    Catch::Contains("/weekly/active_practitioners/extra"));
  CHECK(dir.entries().empty());

  SECTION("and an existing file stays as it was, even with force") {
    dir.write("results.h5", "old results");
    CHECK_THROWS_AS(write_hdf5(out, test_info(), {clash}, true), RunError);
    CHECK(file_text(out) == "old results");
    CHECK(dir.entries() == std::vector<std::string>{"results.h5"});
  }
}

TEST_CASE("names that are not HDF5 link names are rejected before writing", "[output][hdf5]") {
  testing::TempDir dir("h5test");
  const fs::path out = dir.path / "results.h5";
  RunResult bad_id = test_run("r/0", 0, 2);
  CHECK_THROWS_AS(write_hdf5(out, test_info(), {bad_id}, false), RunError);
  RunResult bad_series = test_run("r0000", 0, 2);
  bad_series.weekly[0].name = "mean_skill//x";
  CHECK_THROWS_AS(write_hdf5(out, test_info(), {bad_series}, false), RunError);
  RunResult duplicate = test_run("r0000", 0, 2);
  duplicate.summary.push_back(duplicate.summary[0]);
  CHECK_THROWS_AS(write_hdf5(out, test_info(), {duplicate}, false), RunError);
  CHECK_THROWS_AS(write_hdf5(out, test_info(), {test_run("r0", 0, 1), test_run("r0", 1, 1)}, false),
                  RunError);
  CHECK(dir.entries().empty());
}
