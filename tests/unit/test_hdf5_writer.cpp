// The HDF5 writer: layout read back with the C API, and the never-a-half-written-file guarantee.
#include <hdf5.h>

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
  r.seed = 0xFFFF'FFFF'FFFF'FFF0ULL + replicate;  // above 2^63: must survive as unsigned
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
  RunResult big = test_run("r0000", 0, 5000);  // longer than one chunk
  RunResult empty = test_run("r0001", 1, 0);   // zero weeks: empty, unchunked datasets
  empty.zones.clear();
  write_hdf5(out, test_info(), {big, empty}, false);
  CHECK(dir.entries() == std::vector<std::string>{"results.h5"});  // no temporary left

  const Handle file = h5::open_read(out);
  CHECK(string_attr(file.get(), "format") == "mentorsim-run");
  CHECK(int_attr<int>(file.get(), "format_version", H5T_NATIVE_INT, 4, H5T_SGN_2) == 1);
  CHECK(string_attr(file.get(), "version") == "0.1.0");
  CHECK(string_attr(file.get(), "git_commit") == "abc123def456");
  CHECK(string_attr(file.get(), "created_utc") == "2024-05-01T12:00:00Z");
  CHECK(string_attr(file.get(), "command_line") == "mentorsim run x.toml --out y.h5");
  CHECK(int_attr<int>(file.get(), "threads", H5T_NATIVE_INT, 4, H5T_SGN_2) == 4);

  const Handle run = h5::open_group(file.get(), "/runs/r0000");
  CHECK(string_attr(run.get(), "scenario_name") == big.scenario_name);
  CHECK(string_attr(run.get(), "scenario_source") == big.scenario_source);
  CHECK(string_attr(run.get(), "resolved_scenario") == big.resolved_scenario_toml);
  CHECK(int_attr<std::uint64_t>(run.get(), "seed", H5T_NATIVE_UINT64, 8, H5T_SGN_NONE) == big.seed);
  CHECK(int_attr<std::uint64_t>(run.get(), "replicate", H5T_NATIVE_UINT64, 8, H5T_SGN_NONE) == 0);
  CHECK(int_attr<std::int64_t>(run.get(), "weeks", H5T_NATIVE_INT64, 8, H5T_SGN_2) == 5000);
  CHECK(h5::read_string_array_attr(run.get(), "/runs/r0000", "zones") == big.zones);

  for (const auto& s : big.weekly)
    CHECK(h5::read_doubles(file.get(), "/runs/r0000/weekly/" + s.name) == s.values);
  {  // "mean_skill/technical" made a group "mean_skill" holding a dataset "technical"
    const Handle group = h5::open_group(file.get(), "/runs/r0000/weekly/mean_skill");
    const Handle dset = open_dataset(group.get(), "technical");
    CHECK(string_attr(dset.get(), "units") == "skill");
    CHECK(string_attr(dset.get(), "doc") == "Mean skill, technical zone");
    const Handle type(H5Dget_type(dset.get()), H5Tclose, "H5Dget_type");
    CHECK(H5Tequal(type.get(), H5T_IEEE_F64LE) > 0);
    const Handle dcpl(H5Dget_create_plist(dset.get()), H5Pclose, "H5Dget_create_plist");
    CHECK(H5Pget_layout(dcpl.get()) == H5D_CHUNKED);
    hsize_t chunk = 0;
    CHECK(H5Pget_chunk(dcpl.get(), 1, &chunk) == 1);
    CHECK(chunk == 4096);
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
  {  // summary values are scalars
    const Handle dset = open_dataset(file.get(), "/runs/r0000/summary/participation");
    const Handle space(H5Dget_space(dset.get()), H5Sclose, "H5Dget_space");
    CHECK(H5Sget_simple_extent_type(space.get()) == H5S_SCALAR);
    CHECK(string_attr(dset.get(), "units") == "share");
    CHECK(h5::read_doubles(file.get(), "/runs/r0000/summary/participation") ==
          std::vector<double>{0.75});
    CHECK(h5::read_doubles(file.get(), "/runs/r0001/summary/participation") ==
          std::vector<double>{1.75});
    CHECK(h5::read_doubles(file.get(), "/runs/r0000/summary/retention/first_year") ==
          std::vector<double>{0.5});
  }
  {  // the empty run
    const Handle run1 = h5::open_group(file.get(), "/runs/r0001");
    CHECK(h5::read_string_array_attr(run1.get(), "/runs/r0001", "zones").empty());
    CHECK(h5::read_doubles(file.get(), "/runs/r0001/weekly/mean_skill/social").empty());
    const Handle dset = open_dataset(file.get(), "/runs/r0001/weekly/active_practitioners");
    const Handle dcpl(H5Dget_create_plist(dset.get()), H5Pclose, "H5Dget_create_plist");
    CHECK(H5Pget_layout(dcpl.get()) != H5D_CHUNKED);
  }
}

TEST_CASE("short series use one chunk of their own length", "[output][hdf5]") {
  testing::TempDir dir("h5test");
  const fs::path out = dir.path / "short.h5";
  write_hdf5(out, test_info(), {test_run("r0000", 0, 7)}, false);
  const Handle file = h5::open_read(out);
  const Handle dset = open_dataset(file.get(), "/runs/r0000/weekly/active_practitioners");
  const Handle dcpl(H5Dget_create_plist(dset.get()), H5Pclose, "H5Dget_create_plist");
  hsize_t chunk = 0;
  CHECK(H5Pget_chunk(dcpl.get(), 1, &chunk) == 1);
  CHECK(chunk == 7);
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
                    Catch::Contains("/runs/r0000/weekly/active_practitioners/extra"));
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
