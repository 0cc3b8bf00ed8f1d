#pragma once
// Checked wrappers over the HDF5 C API, shared by the run and comparison writer (hdf5_writer),
// and the sweep's part files and index (sweep/). Every call is checked: a failure throws RunError
// with what was being done and the most specific message on HDF5's error stack.
//
// Defined in: hdf5_util.cpp (errors, types, attributes, groups, files), hdf5_datasets.cpp (writing
// datasets), hdf5_runs.cpp (a run's group and the provenance) and hdf5_read.cpp (reading).
#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/metric_table.hpp"
#include "metrics/run_result.hpp"
#include "output/invocation.hpp"

namespace mentorsim::h5 {

[[noreturn]] void fail(std::string_view what);
hid_t check_id(hid_t id, std::string_view what);
void check_ok(herr_t status, std::string_view what);

// Owns one hid_t and closes it with the matching H5?close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle(hid_t id, Closer closer, std::string_view what)
      : id_(check_id(id, what)), closer_(closer) {}
  Handle(Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      if (id_ >= 0) closer_(id_);
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  // A failure here is while unwinding from another error, which is the one worth reporting.
  ~Handle() {
    if (id_ >= 0) closer_(id_);
  }
  hid_t get() const { return id_; }
  // Closes now and reports a failure: closing the file is where buffered data is written.
  void close(std::string_view what) {
    if (id_ >= 0) check_ok(closer_(std::exchange(id_, H5I_INVALID_HID)), what);
  }

 private:
  hid_t id_;
  Closer closer_;
};

// Stops HDF5 from closing what is still open when the process exits. Mentorsim closes every file
// itself and checks the close; a file whose close failed (a full disk) stays open in the library,
// and HDF5's exit handler then crashed on it (exit 139 after the right message). Call first thing
// in main, before any other HDF5 call.
void skip_library_cleanup_at_exit();

// Switches off HDF5's printing of its error stack to stderr for the lifetime of the object.
class QuietHdf5Errors {
 public:
  QuietHdf5Errors();
  QuietHdf5Errors(const QuietHdf5Errors&) = delete;
  QuietHdf5Errors& operator=(const QuietHdf5Errors&) = delete;
  ~QuietHdf5Errors();

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// ---- writing ------------------------------------------------------------------------------------

// Every double written goes through this: the one NaN Mentorsim writes is the positive quiet NaN of
// std::numeric_limits<double>. x86 makes NaNs with the sign bit set (0/0, inf - inf), and which
// operand's NaN survives an operation depends on the order of operations, so writing NaNs as they
// come would let the thread count change a file's bytes. Returns `values` when none of the `n` is a
// NaN, else `scratch`'s data: a copy with every NaN replaced by the canonical one.
const double* canonical_nans(const double* values, std::size_t n, std::vector<double>& scratch);

// Variable-length UTF-8 strings: h5py reads them as `str`, and an empty string is allowed.
Handle string_type();
Handle scalar_space();
Handle vector_space(hsize_t n);

// `where` is the path of `obj`, for messages.
void string_attr(hid_t obj, const std::string& where, const char* name, const std::string& value);
void string_array_attr(hid_t obj, const std::string& where, const char* name,
                       const std::vector<std::string>& values);
void u64_attr(hid_t obj, const std::string& where, const char* name, std::uint64_t value);
void i64_attr(hid_t obj, const std::string& where, const char* name, std::int64_t value);
void i32_attr(hid_t obj, const std::string& where, const char* name, int value);
void double_attr(hid_t obj, const std::string& where, const char* name, double value);

Handle create_group(hid_t parent, const std::string& name, hid_t lcpl, const std::string& path);

// A float64 dataset of `n` values (a scalar if `scalar`), with `units` and `doc` attributes and,
// for a declared metric (`decl`, metrics/metric_table.hpp), its `better`, `aggregate`, `theme` and
// `headline` (its place in compare's headline table, from 1; 0 for others); a vector is chunked
// and compressed.
void write_doubles(hid_t group, const std::string& group_path, const std::string& name,
                   const double* values, hsize_t n, bool scalar, const std::string& units,
                   const std::string& doc, hid_t lcpl, const metrics::MetricDecl* decl = nullptr);
// A float64 array of the given dimensions (row-major) with a declared metric's attributes as
// write_doubles gives them, each dimension attached to its dimension scale (`scales`, one per
// dimension), compressed in chunks of whole rows up to 1 MiB.
void write_metric_array(hid_t group, const std::string& group_path, const std::string& name,
                        const std::vector<hsize_t>& dims, const std::vector<double>& values,
                        const std::string& units, const std::string& doc,
                        const metrics::MetricDecl* decl, const std::vector<hid_t>& scales,
                        hid_t lcpl);

// Plain 1-D columns (no units or doc), chunked and compressed when long.
void write_column(hid_t group, const std::string& group_path, const std::string& name,
                  const std::vector<double>& values, hid_t lcpl);
void write_column(hid_t group, const std::string& group_path, const std::string& name,
                  const std::vector<std::uint64_t>& values, hid_t lcpl);
void write_column(hid_t group, const std::string& group_path, const std::string& name,
                  const std::vector<std::string>& values, hid_t lcpl);
void write_column(hid_t group, const std::string& group_path, const std::string& name,
                  const std::vector<std::int64_t>& values, hid_t lcpl);

// Makes the 1-D dataset `name` of `group` the dimension scale `dimension` (HDF5's dimension scales,
// which netCDF-4, xarray and HDFView read as coordinates) and returns it open, for attaching.
Handle make_dimension_scale(hid_t group, const std::string& group_path, const std::string& name,
                            const std::string& dimension);

// The group `weekly` of a run's group: one dataset per series.
void write_weekly(hid_t run_group, const std::string& run_path, const RunResult& run, hid_t lcpl);

// A rows × cols float64 matrix, row-major, compressed in chunks of one row.
void write_matrix(hid_t group, const std::string& group_path, const std::string& name, hsize_t rows,
                  hsize_t cols, const std::vector<double>& values, hid_t lcpl);

// A float64 array of the given dimensions, row-major, compressed in chunks of one slice along the
// first dimension.
void write_array(hid_t group, const std::string& group_path, const std::string& name,
                 const std::vector<hsize_t>& dims, const std::vector<double>& values, hid_t lcpl);

// A 1-D column of `n` values given by at(i), written a block of rows at a time, so a long column
// never sits whole in memory.
void write_u64_blocks(hid_t group, const std::string& group_path, const std::string& name,
                      std::size_t n, const std::function<std::uint64_t(std::size_t)>& at,
                      hid_t lcpl);
void write_string_blocks(hid_t group, const std::string& group_path, const std::string& name,
                         std::size_t n, const std::function<std::string(std::size_t)>& at,
                         hid_t lcpl);

// The runs of one scenario (replicates in order, every run with the same series and summaries) as
// arrays in `group` (format version 2, docs/output-format.md): the dimension scales `replicate`
// [runs] and `week` [weeks], `run_id` [runs], `weekly/<series>` [runs x weeks] and
// `summary/<name>` [runs], and the scenario's attributes. RunError if the runs do not line up.
void write_arm(hid_t group, const std::string& path, const std::vector<RunResult>& runs,
               hid_t lcpl);

// One run as the group `runs_path/<run_id>` (docs/output-format.md): its attributes, `summary`,
// and, when `with_weekly`, `weekly`.
void write_run(hid_t runs_group, const std::string& runs_path, const RunResult& run, hid_t lcpl,
               bool with_weekly = true);

// The root attributes every Mentorsim file carries.
void write_provenance(hid_t root, const InvocationInfo& info, const char* format, int version);

// A link creation property list that creates intermediate groups ("mean_skill/technical").
Handle intermediate_groups_lcpl();

// Creates `file_name` exclusively (an error if anything, a link included, is there: it is a
// temporary's fresh name), calls write_body(root, lcpl) and closes the file, checking every step.
template <typename Body>
void write_file(const std::filesystem::path& file_name, Body&& write_body);

// fsync `file_name`, so that after a crash a rename onto it leaves the old file or the new one.
void sync_file(const std::filesystem::path& file_name);
// Makes a rename in `dir` durable. Best effort: the file is already in place.
void sync_directory(const std::filesystem::path& dir);

// ---- reading ------------------------------------------------------------------------------------

// Opens an existing file read-only.
Handle open_read(const std::filesystem::path& file_name);
Handle open_group(hid_t parent, const std::string& path);
bool has_link(hid_t parent, const std::string& name);
bool has_attr(hid_t obj, const char* name);
std::string read_string_attr(hid_t obj, const std::string& where, const char* name);
std::vector<std::string> read_string_array_attr(hid_t obj, const std::string& where,
                                                const char* name);
std::uint64_t read_u64_attr(hid_t obj, const std::string& where, const char* name);
std::int64_t read_i64_attr(hid_t obj, const std::string& where, const char* name);
// The names of a group's members, in name order.
std::vector<std::string> member_names(hid_t group, const std::string& where);
// A float64 dataset (scalar or 1-D) as a vector.
std::vector<double> read_doubles(hid_t parent, const std::string& path);
std::vector<std::string> read_strings(hid_t parent, const std::string& path);
std::vector<std::uint64_t> read_u64s(hid_t parent, const std::string& path);
std::vector<std::int64_t> read_i64s(hid_t parent, const std::string& path);
// A 2-D float64 dataset: (rows, cols, row-major values).
struct Matrix {
  hsize_t rows = 0;
  hsize_t cols = 0;
  std::vector<double> values;
};
Matrix read_matrix(hid_t parent, const std::string& path);
// One row of a 2-D float64 dataset.
std::vector<double> read_matrix_row(hid_t parent, const std::string& path, hsize_t row);

// ---- template definitions -----------------------------------------------------------------------

template <typename Body>
void write_file(const std::filesystem::path& file_name, Body&& write_body) {
  const Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "H5Pcreate(file access)");
  // SEMI: closing the file fails if an object in it is still open, rather than leaving the file
  // open (and unflushed) behind a successful-looking H5Fclose.
  check_ok(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), "H5Pset_fclose_degree");
  Handle file(H5Fcreate(file_name.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, fapl.get()), H5Fclose,
              "creating " + file_name.string());
  {
    const Handle lcpl = intermediate_groups_lcpl();
    write_body(file.get(), lcpl.get());
  }
  file.close("closing " + file_name.string());
}

}  // namespace mentorsim::h5
