// Every double the HDF5 writers write goes out as the one canonical NaN when it is a NaN, whatever
// its sign bit or payload: x86 makes negative NaNs, and a file must not depend on which one arose.
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "output/hdf5_util.hpp"
#include "output/hdf5_writer.hpp"
#include "support/temp_dir.hpp"

using namespace mentorsim;

namespace {

constexpr std::uint64_t kCanonicalBits =
    std::bit_cast<std::uint64_t>(std::numeric_limits<double>::quiet_NaN());
const double kNegativeNaN = std::bit_cast<double>(std::uint64_t{0xFFF8'0000'0000'0000});
const double kPayloadNaN = std::bit_cast<double>(std::uint64_t{0x7FF8'0000'0000'0001});

std::uint64_t bits(double v) {
  return std::bit_cast<std::uint64_t>(v);
}

InvocationInfo test_info() {
  return {"0.1.0", "abc123def456", "2024-05-01T12:00:00Z", "mentorsim run x.toml --out y.h5", 1};
}

}  // namespace

TEST_CASE("the canonical NaN is positive and quiet", "[output][hdf5]") {
  CHECK(kCanonicalBits == 0x7FF8'0000'0000'0000);
  CHECK(std::isnan(kNegativeNaN));
  CHECK(bits(kNegativeNaN) != kCanonicalBits);
}

TEST_CASE("canonical_nans copies only when there is a NaN to replace", "[output][hdf5]") {
  std::vector<double> scratch;
  const std::vector<double> plain = {1.0, -0.0, std::numeric_limits<double>::infinity()};
  CHECK(h5::canonical_nans(plain.data(), plain.size(), scratch) == plain.data());
  CHECK(scratch.empty());

  const std::vector<double> mixed = {kNegativeNaN, -2.5, kPayloadNaN};
  const double* out = h5::canonical_nans(mixed.data(), mixed.size(), scratch);
  REQUIRE(out == scratch.data());
  CHECK(bits(out[0]) == kCanonicalBits);
  CHECK(bits(out[1]) == bits(-2.5));
  CHECK(bits(out[2]) == kCanonicalBits);
  CHECK(bits(mixed[0]) == bits(kNegativeNaN));  // the caller's values are left alone
}

TEST_CASE("a run's negative NaNs are written as the canonical NaN", "[output][hdf5]") {
  testing::TempDir dir("h5nan");
  const auto out = dir.path / "nan.h5";
  RunResult run;
  run.run_id = "r0000";
  run.weeks = 3;
  run.weekly = {{"participation", "share", "Share mentored", {0.25, kNegativeNaN, kPayloadNaN}}};
  run.summary = {{"mean_participation", kNegativeNaN, "share", "Mean share mentored"}};
  write_hdf5(out, test_info(), {run}, false);

  const h5::Handle file = h5::open_read(out);
  const auto weekly = h5::read_doubles(file.get(), "weekly/participation");
  REQUIRE(weekly.size() == 3);
  CHECK(bits(weekly[0]) == bits(0.25));
  CHECK(bits(weekly[1]) == kCanonicalBits);
  CHECK(bits(weekly[2]) == kCanonicalBits);
  const auto summary = h5::read_doubles(file.get(), "summary/mean_participation");
  REQUIRE(summary.size() == 1);
  CHECK(bits(summary[0]) == kCanonicalBits);
}

TEST_CASE("columns and matrices write the canonical NaN", "[output][hdf5]") {
  testing::TempDir dir("h5nan");
  const auto out = dir.path / "columns.h5";
  const std::vector<double> values = {kNegativeNaN, 1.5, kPayloadNaN, -0.0};
  h5::write_file(out, [&](hid_t root, hid_t lcpl) {
    h5::write_column(root, "", "column", values, lcpl);
    h5::write_matrix(root, "", "matrix", 2, 2, values, lcpl);
  });

  const h5::Handle file = h5::open_read(out);
  const auto column = h5::read_doubles(file.get(), "column");
  const auto matrix = h5::read_matrix(file.get(), "matrix").values;
  for (const auto* read : {&column, &matrix}) {
    REQUIRE(read->size() == 4);
    CHECK(bits((*read)[0]) == kCanonicalBits);
    CHECK(bits((*read)[1]) == bits(1.5));
    CHECK(bits((*read)[2]) == kCanonicalBits);
    CHECK(bits((*read)[3]) == bits(-0.0));
  }
}
