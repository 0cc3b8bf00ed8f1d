// The HDF5 writer: layout read back with the C API, and the never-a-half-written-file guarantee.
#include <hdf5.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "output/hdf5_writer.hpp"

namespace fs = std::filesystem;
using namespace mentorsim;

namespace {

// A fresh directory under the system temporary directory, removed with its contents at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("mentorsim-h5test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path)) names.push_back(e.path().filename());
    return names;
  }
};

// Closes an hid_t at the end of a test scope; REQUIREs that it is valid.
struct Id {
  hid_t id;
  herr_t (*closer)(hid_t);
  Id(hid_t i, herr_t (*c)(hid_t)) : id(i), closer(c) { REQUIRE(id >= 0); }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  ~Id() { closer(id); }
};

std::string string_attr(hid_t obj, const char* name) {
  const Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  const Id type(H5Aget_type(attr.id), H5Tclose);
  REQUIRE(H5Tget_class(type.id) == H5T_STRING);
  REQUIRE(H5Tis_variable_str(type.id) > 0);
  char* text = nullptr;
  REQUIRE(H5Aread(attr.id, type.id, &text) >= 0);
  std::string value = text != nullptr ? text : "";
  H5free_memory(text);
  return value;
}

// Reads an integer attribute, checking its stored size and signedness.
template <typename T>
T int_attr(hid_t obj, const char* name, hid_t mem_type, size_t bytes, H5T_sign_t sign) {
  const Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  const Id type(H5Aget_type(attr.id), H5Tclose);
  REQUIRE(H5Tget_class(type.id) == H5T_INTEGER);
  REQUIRE(H5Tget_size(type.id) == bytes);
  REQUIRE(H5Tget_sign(type.id) == sign);
  T value{};
  REQUIRE(H5Aread(attr.id, mem_type, &value) >= 0);
  return value;
}

std::vector<std::string> string_array_attr(hid_t obj, const char* name) {
  const Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  const Id type(H5Aget_type(attr.id), H5Tclose);
  const Id space(H5Aget_space(attr.id), H5Sclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space.id);
  REQUIRE(n >= 0);
  std::vector<char*> texts(static_cast<size_t>(n));
  if (n > 0) REQUIRE(H5Aread(attr.id, type.id, texts.data()) >= 0);
  std::vector<std::string> values;
  for (char* t : texts) {
    values.emplace_back(t);
    H5free_memory(t);
  }
  return values;
}

std::vector<double> read_doubles(hid_t file, const std::string& path) {
  const Id dset(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
  const Id space(H5Dget_space(dset.id), H5Sclose);
  std::vector<double> values(static_cast<size_t>(H5Sget_simple_extent_npoints(space.id)));
  if (!values.empty())
    REQUIRE(H5Dread(dset.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
  return values;
}

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
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
  r.summary = {{"coverage", 0.75 + static_cast<double>(replicate), "share", "Share mentored"},
               {"retention/first_year", 0.5, "share", "Nested summary name"}};
  return r;
}

}  // namespace

TEST_CASE("write_hdf5 writes the documented layout", "[output][hdf5]") {
  TempDir dir;
  const fs::path out = dir.path / "results.h5";
  RunResult big = test_run("r0000", 0, 5000);  // longer than one chunk
  RunResult empty = test_run("r0001", 1, 0);   // zero weeks: empty, unchunked datasets
  empty.zones.clear();
  write_hdf5(out, test_info(), {big, empty}, false);
  CHECK(dir.entries() == std::vector<std::string>{"results.h5"});  // no temporary left

  const Id file(H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  CHECK(string_attr(file.id, "format") == "mentorsim-run");
  CHECK(int_attr<int>(file.id, "format_version", H5T_NATIVE_INT, 4, H5T_SGN_2) == 1);
  CHECK(string_attr(file.id, "version") == "0.1.0");
  CHECK(string_attr(file.id, "git_commit") == "abc123def456");
  CHECK(string_attr(file.id, "created_utc") == "2024-05-01T12:00:00Z");
  CHECK(string_attr(file.id, "command_line") == "mentorsim run x.toml --out y.h5");
  CHECK(int_attr<int>(file.id, "threads", H5T_NATIVE_INT, 4, H5T_SGN_2) == 4);

  const Id run(H5Gopen2(file.id, "/runs/r0000", H5P_DEFAULT), H5Gclose);
  CHECK(string_attr(run.id, "scenario_name") == big.scenario_name);
  CHECK(string_attr(run.id, "scenario_source") == big.scenario_source);
  CHECK(string_attr(run.id, "resolved_scenario") == big.resolved_scenario_toml);
  CHECK(int_attr<std::uint64_t>(run.id, "seed", H5T_NATIVE_UINT64, 8, H5T_SGN_NONE) == big.seed);
  CHECK(int_attr<std::uint64_t>(run.id, "replicate", H5T_NATIVE_UINT64, 8, H5T_SGN_NONE) == 0);
  CHECK(int_attr<std::int64_t>(run.id, "weeks", H5T_NATIVE_INT64, 8, H5T_SGN_2) == 5000);
  CHECK(string_array_attr(run.id, "zones") == big.zones);

  for (const auto& s : big.weekly)
    CHECK(read_doubles(file.id, "/runs/r0000/weekly/" + s.name) == s.values);
  {  // "mean_skill/technical" made a group "mean_skill" holding a dataset "technical"
    const Id group(H5Gopen2(file.id, "/runs/r0000/weekly/mean_skill", H5P_DEFAULT), H5Gclose);
    const Id dset(H5Dopen2(group.id, "technical", H5P_DEFAULT), H5Dclose);
    CHECK(string_attr(dset.id, "units") == "skill");
    CHECK(string_attr(dset.id, "doc") == "Mean skill, technical zone");
    const Id type(H5Dget_type(dset.id), H5Tclose);
    CHECK(H5Tequal(type.id, H5T_IEEE_F64LE) > 0);
    const Id dcpl(H5Dget_create_plist(dset.id), H5Pclose);
    CHECK(H5Pget_layout(dcpl.id) == H5D_CHUNKED);
    hsize_t chunk = 0;
    CHECK(H5Pget_chunk(dcpl.id, 1, &chunk) == 1);
    CHECK(chunk == 4096);
    REQUIRE(H5Pget_nfilters(dcpl.id) == 2);
    unsigned flags = 0;
    size_t n_values = 1;
    unsigned level = 0;
    CHECK(H5Pget_filter2(dcpl.id, 0, &flags, &n_values, &level, 0, nullptr, nullptr) ==
          H5Z_FILTER_SHUFFLE);
    n_values = 1;
    CHECK(H5Pget_filter2(dcpl.id, 1, &flags, &n_values, &level, 0, nullptr, nullptr) ==
          H5Z_FILTER_DEFLATE);
    CHECK(level == 4);
  }
  {  // summary values are scalars
    const Id dset(H5Dopen2(file.id, "/runs/r0000/summary/coverage", H5P_DEFAULT), H5Dclose);
    const Id space(H5Dget_space(dset.id), H5Sclose);
    CHECK(H5Sget_simple_extent_type(space.id) == H5S_SCALAR);
    CHECK(string_attr(dset.id, "units") == "share");
    CHECK(read_doubles(file.id, "/runs/r0000/summary/coverage") == std::vector<double>{0.75});
    CHECK(read_doubles(file.id, "/runs/r0001/summary/coverage") == std::vector<double>{1.75});
    CHECK(read_doubles(file.id, "/runs/r0000/summary/retention/first_year") ==
          std::vector<double>{0.5});
  }
  {  // the empty run
    const Id run1(H5Gopen2(file.id, "/runs/r0001", H5P_DEFAULT), H5Gclose);
    CHECK(string_array_attr(run1.id, "zones").empty());
    CHECK(read_doubles(file.id, "/runs/r0001/weekly/mean_skill/social").empty());
    const Id dset(H5Dopen2(file.id, "/runs/r0001/weekly/active_practitioners", H5P_DEFAULT),
                  H5Dclose);
    const Id dcpl(H5Dget_create_plist(dset.id), H5Pclose);
    CHECK(H5Pget_layout(dcpl.id) != H5D_CHUNKED);
  }
}

TEST_CASE("short series use one chunk of their own length", "[output][hdf5]") {
  TempDir dir;
  const fs::path out = dir.path / "short.h5";
  write_hdf5(out, test_info(), {test_run("r0000", 0, 7)}, false);
  const Id file(H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  const Id dset(H5Dopen2(file.id, "/runs/r0000/weekly/active_practitioners", H5P_DEFAULT),
                H5Dclose);
  const Id dcpl(H5Dget_create_plist(dset.id), H5Pclose);
  hsize_t chunk = 0;
  CHECK(H5Pget_chunk(dcpl.id, 1, &chunk) == 1);
  CHECK(chunk == 7);
}

TEST_CASE("an existing file is not overwritten without force", "[output][hdf5]") {
  TempDir dir;
  const fs::path out = dir.path / "results.h5";
  write_bytes(out, "precious bytes");
  try {
    check_output_path(out, false);
    FAIL("check_output_path accepted an existing file");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].file == out.string());
    CHECK(e.diagnostics()[0].message == "exists; pass --force to overwrite");
  }
  CHECK_THROWS_AS(write_hdf5(out, test_info(), {test_run("r0000", 0, 3)}, false), InputError);
  CHECK(file_bytes(out) == "precious bytes");
  CHECK(dir.entries() == std::vector<std::string>{"results.h5"});

  SECTION("force overwrites it") {
    CHECK_NOTHROW(check_output_path(out, true));
    write_hdf5(out, test_info(), {test_run("r0000", 0, 3)}, true);
    CHECK(H5Fis_hdf5(out.c_str()) > 0);
    const Id file(H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    CHECK(string_attr(file.id, "format") == "mentorsim-run");
    CHECK(dir.entries() == std::vector<std::string>{"results.h5"});
  }
}

TEST_CASE("bad destinations are input errors", "[output][hdf5]") {
  TempDir dir;
  const fs::path missing = dir.path / "no-such-dir" / "results.h5";
  CHECK_THROWS_WITH(check_output_path(missing, true), Catch::Contains("does not exist"));
  CHECK_THROWS_AS(write_hdf5(missing, test_info(), {test_run("r0000", 0, 3)}, true), InputError);
  CHECK_THROWS_WITH(check_output_path(dir.path, true), Catch::Contains("is a directory"));
  CHECK_THROWS_AS(check_output_path(dir.path / "", true), InputError);
  CHECK(dir.entries().empty());
}

TEST_CASE("a failure while writing leaves neither the output nor a temporary", "[output][hdf5]") {
  TempDir dir;
  const fs::path out = dir.path / "results.h5";
  RunResult clash = test_run("r0000", 0, 3);
  // "active_practitioners" is a dataset, so it cannot also be a group: HDF5 fails mid-file.
  clash.weekly.push_back({"active_practitioners/extra", "people", "clash", {1, 2, 3}});
  CHECK_THROWS_WITH(write_hdf5(out, test_info(), {clash}, false),
                    Catch::Contains("/runs/r0000/weekly/active_practitioners/extra"));
  CHECK(dir.entries().empty());

  SECTION("and an existing file stays as it was, even with force") {
    write_bytes(out, "old results");
    CHECK_THROWS_AS(write_hdf5(out, test_info(), {clash}, true), RunError);
    CHECK(file_bytes(out) == "old results");
    CHECK(dir.entries() == std::vector<std::string>{"results.h5"});
  }
}

TEST_CASE("names that are not HDF5 link names are rejected before writing", "[output][hdf5]") {
  TempDir dir;
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
