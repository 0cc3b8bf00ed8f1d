// Checked HDF5 helpers (see hdf5_util.hpp).
#include "output/hdf5_util.hpp"

#include "metrics/catalogue.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <system_error>

#include <fmt/format.h>

#include "core/error.hpp"

namespace mentorsim::h5 {
namespace fs = std::filesystem;

namespace {

constexpr hsize_t kChunkLength = 4096;  // values per chunk: 32 KiB of float64
constexpr unsigned kGzipLevel = 4;  // good ratio on smooth series at a fraction of level 9's cost

// The innermost (most specific) description on HDF5's error stack; clears the stack.
std::string hdf5_error_detail() {
  std::string detail;
  auto innermost = [](unsigned n, const H5E_error2_t* err, void* out) -> herr_t {
    if (n == 0 && err->desc != nullptr) *static_cast<std::string*>(out) = err->desc;
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &detail);
  H5Eclear2(H5E_DEFAULT);
  return detail;
}

void write_attr(hid_t obj, const std::string& where, const char* name, hid_t file_type,
                hid_t mem_type, hid_t space, const void* data) {
  Handle attr(H5Acreate2(obj, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              fmt::format("creating attribute {}@{}", where, name));
  if (data != nullptr)
    check_ok(H5Awrite(attr.get(), mem_type, data), fmt::format("writing {}@{}", where, name));
}

template <typename T>
void scalar_attr(hid_t obj, const std::string& where, const char* name, T value, hid_t file_type,
                 hid_t mem_type) {
  write_attr(obj, where, name, file_type, mem_type, scalar_space().get(), &value);
}

// A dataset creation list: chunked and compressed for a 1-D dataset of `n` > 0 elements.
Handle compressed_dcpl(hsize_t n, const std::string& path) {
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate(dataset create)");
  if (n > 0) {  // chunk dimensions must be > 0, so an empty dataset stays contiguous
    const hsize_t chunk = std::min(n, kChunkLength);
    check_ok(H5Pset_chunk(dcpl.get(), 1, &chunk), "H5Pset_chunk for " + path);
    check_ok(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle for " + path);
    check_ok(H5Pset_deflate(dcpl.get(), kGzipLevel), "H5Pset_deflate for " + path);
  }
  return dcpl;
}

template <typename T>
void write_vector(hid_t group, const std::string& group_path, const std::string& name,
                  hid_t file_type, hid_t mem_type, const T* data, hsize_t n, hid_t lcpl) {
  const std::string path = group_path + "/" + name;
  const Handle dcpl = compressed_dcpl(n, path);
  const Handle dset(H5Dcreate2(group, name.c_str(), file_type, vector_space(n).get(), lcpl,
                               dcpl.get(), H5P_DEFAULT),
                    H5Dclose, "creating dataset " + path);
  if (n > 0)
    check_ok(H5Dwrite(dset.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
             "writing dataset " + path);
}

// Creates a chunked, compressed 1-D dataset of `n` elements and fills it block by block:
// fill(begin, count, write) calls write(buffer) with `count` elements from `begin` as `mem_type`.
template <typename Fill>
void write_blocks(hid_t group, const std::string& group_path, const std::string& name,
                  hid_t file_type, hid_t mem_type, std::size_t n, Fill&& fill, hid_t lcpl) {
  const std::string path = group_path + "/" + name;
  const Handle dcpl = compressed_dcpl(n, path);
  const Handle file_space = vector_space(n);
  const Handle dset(
      H5Dcreate2(group, name.c_str(), file_type, file_space.get(), lcpl, dcpl.get(), H5P_DEFAULT),
      H5Dclose, "creating dataset " + path);
  for (std::size_t begin = 0; begin < n; begin += kChunkLength) {
    const hsize_t start = begin, count = std::min<hsize_t>(kChunkLength, n - begin);
    check_ok(
        H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
        "selecting rows of " + path);
    const Handle memory = vector_space(count);
    fill(begin, static_cast<std::size_t>(count), [&](const void* buffer) {
      check_ok(H5Dwrite(dset.get(), mem_type, memory.get(), file_space.get(), H5P_DEFAULT, buffer),
               "writing dataset " + path);
    });
  }
}

Handle open_attr(hid_t obj, const std::string& where, const char* name) {
  return Handle(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose,
                fmt::format("opening attribute {}@{}", where, name));
}

template <typename T>
T read_scalar_attr(hid_t obj, const std::string& where, const char* name, hid_t mem_type) {
  const Handle attr = open_attr(obj, where, name);
  T value{};
  check_ok(H5Aread(attr.get(), mem_type, &value), fmt::format("reading {}@{}", where, name));
  return value;
}

// Reads `n` variable-length strings with `read(type, buffer)` and frees HDF5's copies.
template <typename Read>
std::vector<std::string> read_vlen_strings(hid_t space, hsize_t n, Read&& read,
                                           const std::string& what) {
  const Handle type = string_type();
  std::vector<char*> raw(n, nullptr);
  if (n > 0) check_ok(read(type.get(), raw.data()), "reading " + what);
  std::vector<std::string> out;
  out.reserve(n);
  for (char* s : raw) out.emplace_back(s ? s : "");
  if (n > 0) H5Dvlen_reclaim(type.get(), space, H5P_DEFAULT, raw.data());
  return out;
}

}  // namespace

void fail(std::string_view what) {
  const std::string detail = hdf5_error_detail();
  if (detail.empty()) throw RunError(fmt::format("{} failed", what));
  throw RunError(fmt::format("{} failed: {}", what, detail));
}

hid_t check_id(hid_t id, std::string_view what) {
  if (id < 0) fail(what);
  return id;
}

void check_ok(herr_t status, std::string_view what) {
  if (status < 0) fail(what);
}

QuietHdf5Errors::QuietHdf5Errors() {
  H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietHdf5Errors::~QuietHdf5Errors() {
  H5Eset_auto2(H5E_DEFAULT, func_, data_);
}

Handle string_type() {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy");
  check_ok(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size");
  check_ok(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset");
  return type;
}

Handle scalar_space() {
  return Handle(H5Screate(H5S_SCALAR), H5Sclose, "H5Screate");
}

Handle vector_space(hsize_t n) {
  return Handle(H5Screate_simple(1, &n, nullptr), H5Sclose, "H5Screate_simple");
}

void string_attr(hid_t obj, const std::string& where, const char* name, const std::string& value) {
  const Handle type = string_type();
  const char* text = value.c_str();
  write_attr(obj, where, name, type.get(), type.get(), scalar_space().get(), &text);
}

void string_array_attr(hid_t obj, const std::string& where, const char* name,
                       const std::vector<std::string>& values) {
  const Handle type = string_type();
  std::vector<const char*> texts;
  for (const auto& v : values) texts.push_back(v.c_str());
  // An empty array is created but not written: there is nothing to transfer.
  write_attr(obj, where, name, type.get(), type.get(), vector_space(texts.size()).get(),
             texts.empty() ? nullptr : texts.data());
}

void u64_attr(hid_t obj, const std::string& where, const char* name, std::uint64_t value) {
  scalar_attr(obj, where, name, value, H5T_STD_U64LE, H5T_NATIVE_UINT64);
}

void i64_attr(hid_t obj, const std::string& where, const char* name, std::int64_t value) {
  scalar_attr(obj, where, name, value, H5T_STD_I64LE, H5T_NATIVE_INT64);
}

void i32_attr(hid_t obj, const std::string& where, const char* name, int value) {
  scalar_attr(obj, where, name, value, H5T_STD_I32LE, H5T_NATIVE_INT);
}

Handle create_group(hid_t parent, const std::string& name, hid_t lcpl, const std::string& path) {
  return Handle(H5Gcreate2(parent, name.c_str(), lcpl, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                "creating group " + path);
}

const double* canonical_nans(const double* values, std::size_t n, std::vector<double>& scratch) {
  if (std::none_of(values, values + n, [](double v) { return std::isnan(v); })) return values;
  scratch.assign(values, values + n);
  for (double& v : scratch)
    if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
  return scratch.data();
}

void write_doubles(hid_t group, const std::string& group_path, const std::string& name,
                   const double* values, hsize_t n, bool scalar, const std::string& units,
                   const std::string& doc, hid_t lcpl, const metrics::MetricDecl* decl) {
  const std::string path = group_path + "/" + name;
  std::vector<double> scratch;
  const double* canonical = canonical_nans(values, scalar ? 1 : n, scratch);
  const Handle space = scalar ? scalar_space() : vector_space(n);
  const Handle dcpl = scalar ? Handle(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate")
                             : compressed_dcpl(n, path);
  // lcpl creates the intermediate groups of a name such as "mean_skill/technical".
  const Handle dset(
      H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(), lcpl, dcpl.get(), H5P_DEFAULT),
      H5Dclose, "creating dataset " + path);
  if (scalar || n > 0)
    check_ok(H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, canonical),
             "writing dataset " + path);
  string_attr(dset.get(), path, "units", units);
  string_attr(dset.get(), path, "doc", doc);
  if (!decl) return;
  string_attr(dset.get(), path, "better", std::string(metrics::better_name(decl->better)));
  string_attr(dset.get(), path, "aggregate", std::string(metrics::aggregate_name(decl->aggregate)));
  string_attr(dset.get(), path, "theme", std::string(metrics::theme_name(decl->theme)));
  i32_attr(dset.get(), path, "headline", metrics::headline_rank(*decl));
}

void write_column(hid_t group, const std::string& group_path, const std::string& name,
                  const std::vector<double>& values, hid_t lcpl) {
  std::vector<double> scratch;
  write_vector(group, group_path, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
               canonical_nans(values.data(), values.size(), scratch), values.size(), lcpl);
}

void write_column(hid_t group, const std::string& group_path, const std::string& name,
                  const std::vector<std::uint64_t>& values, hid_t lcpl) {
  write_vector(group, group_path, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, values.data(),
               values.size(), lcpl);
}

void write_column(hid_t group, const std::string& group_path, const std::string& name,
                  const std::vector<std::string>& values, hid_t lcpl) {
  std::vector<const char*> texts;
  texts.reserve(values.size());
  for (const auto& v : values) texts.push_back(v.c_str());
  const Handle type = string_type();
  write_vector(group, group_path, name, type.get(), type.get(), texts.data(), texts.size(), lcpl);
}

void write_matrix(hid_t group, const std::string& group_path, const std::string& name, hsize_t rows,
                  hsize_t cols, const std::vector<double>& values, hid_t lcpl) {
  const std::string path = group_path + "/" + name;
  const hsize_t dims[2] = {rows, cols};
  const Handle space(H5Screate_simple(2, dims, nullptr), H5Sclose, "H5Screate_simple");
  const Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate(dataset create)");
  if (rows > 0 && cols > 0) {
    const hsize_t chunk[2] = {1, cols};  // one row a chunk: a reader can take one row
    check_ok(H5Pset_chunk(dcpl.get(), 2, chunk), "H5Pset_chunk for " + path);
    check_ok(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle for " + path);
    check_ok(H5Pset_deflate(dcpl.get(), kGzipLevel), "H5Pset_deflate for " + path);
  }
  const Handle dset(
      H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(), lcpl, dcpl.get(), H5P_DEFAULT),
      H5Dclose, "creating dataset " + path);
  std::vector<double> scratch;
  if (!values.empty())
    check_ok(H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                      canonical_nans(values.data(), values.size(), scratch)),
             "writing dataset " + path);
}

void write_weekly(hid_t run_group, const std::string& run_path, const RunResult& run, hid_t lcpl) {
  const Handle weekly = create_group(run_group, "weekly", lcpl, run_path + "/weekly");
  for (const auto& s : run.weekly)
    write_doubles(weekly.get(), run_path + "/weekly", s.name, s.values.data(), s.values.size(),
                  false, s.units, s.doc, lcpl, metrics::find_series(s.name));
}

void write_u64_blocks(hid_t group, const std::string& group_path, const std::string& name,
                      std::size_t n, const std::function<std::uint64_t(std::size_t)>& at,
                      hid_t lcpl) {
  std::vector<std::uint64_t> block;
  write_blocks(
      group, group_path, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, n,
      [&](std::size_t begin, std::size_t count, auto&& write) {
        block.resize(count);
        for (std::size_t i = 0; i < count; ++i) block[i] = at(begin + i);
        write(block.data());
      },
      lcpl);
}

void write_string_blocks(hid_t group, const std::string& group_path, const std::string& name,
                         std::size_t n, const std::function<std::string(std::size_t)>& at,
                         hid_t lcpl) {
  const Handle type = string_type();
  std::vector<std::string> block;
  std::vector<const char*> texts;
  write_blocks(
      group, group_path, name, type.get(), type.get(), n,
      [&](std::size_t begin, std::size_t count, auto&& write) {
        block.resize(count);
        texts.resize(count);
        for (std::size_t i = 0; i < count; ++i) {
          block[i] = at(begin + i);
          texts[i] = block[i].c_str();
        }
        write(texts.data());
      },
      lcpl);
}

void write_run(hid_t runs_group, const std::string& runs_path, const RunResult& run, hid_t lcpl,
               bool with_weekly) {
  const std::string path = runs_path + "/" + run.run_id;
  const Handle group = create_group(runs_group, run.run_id, lcpl, path);
  string_attr(group.get(), path, "scenario_name", run.scenario_name);
  string_attr(group.get(), path, "scenario_source", run.scenario_source);
  string_attr(group.get(), path, "resolved_scenario", run.resolved_scenario_toml);
  u64_attr(group.get(), path, "seed", run.seed);
  u64_attr(group.get(), path, "replicate", run.replicate);
  i64_attr(group.get(), path, "weeks", run.weeks);
  string_array_attr(group.get(), path, "zones", run.zones);

  if (with_weekly) write_weekly(group.get(), path, run, lcpl);
  const Handle summary = create_group(group.get(), "summary", lcpl, path + "/summary");
  for (const auto& v : run.summary)
    write_doubles(summary.get(), path + "/summary", v.name, &v.value, 1, true, v.units, v.doc, lcpl,
                  metrics::find_summary(v.name));
}

void write_provenance(hid_t root, const InvocationInfo& info, const char* format, int version) {
  string_attr(root, "/", "format", format);
  i32_attr(root, "/", "format_version", version);
  string_attr(root, "/", "version", info.version);
  string_attr(root, "/", "git_commit", info.git_commit);
  string_attr(root, "/", "created_utc", info.created_utc);
  string_attr(root, "/", "command_line", info.command_line);
  i32_attr(root, "/", "threads", info.threads);
  // The themes a metric's `theme` attribute names, in display order, with their questions.
  std::vector<std::string> themes, questions;
  for (const metrics::Theme theme : metrics::kThemes) {
    themes.emplace_back(metrics::theme_name(theme));
    questions.emplace_back(metrics::theme_question(theme));
  }
  string_array_attr(root, "/", "themes", themes);
  string_array_attr(root, "/", "theme_questions", questions);
}

Handle intermediate_groups_lcpl() {
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose, "H5Pcreate(link create)");
  check_ok(H5Pset_create_intermediate_group(lcpl.get(), 1), "H5Pset_create_intermediate_group");
  check_ok(H5Pset_char_encoding(lcpl.get(), H5T_CSET_UTF8), "H5Pset_char_encoding");
  return lcpl;
}

void sync_file(const fs::path& file_name) {
  const int fd = ::open(file_name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::error_code ec(errno, std::generic_category());
    if (fd >= 0) ::close(fd);
    throw RunError(fmt::format("syncing {} failed: {}", file_name.string(), ec.message()));
  }
  ::close(fd);
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// ---- reading ------------------------------------------------------------------------------------

Handle open_read(const fs::path& file_name) {
  return Handle(H5Fopen(file_name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                "opening " + file_name.string());
}

Handle open_group(hid_t parent, const std::string& path) {
  return Handle(H5Gopen2(parent, path.c_str(), H5P_DEFAULT), H5Gclose, "opening group " + path);
}

bool has_link(hid_t parent, const std::string& name) {
  const htri_t exists = H5Lexists(parent, name.c_str(), H5P_DEFAULT);
  if (exists < 0) fail("looking up " + name);
  return exists > 0;
}

bool has_attr(hid_t obj, const char* name) {
  const htri_t exists = H5Aexists(obj, name);
  if (exists < 0) fail(fmt::format("looking up attribute {}", name));
  return exists > 0;
}

std::string read_string_attr(hid_t obj, const std::string& where, const char* name) {
  const Handle attr = open_attr(obj, where, name);
  const Handle space(H5Aget_space(attr.get()), H5Sclose, "H5Aget_space");
  return read_vlen_strings(
             space.get(), 1,
             [&](hid_t type, char** buffer) { return H5Aread(attr.get(), type, buffer); },
             fmt::format("{}@{}", where, name))
      .front();
}

std::vector<std::string> read_string_array_attr(hid_t obj, const std::string& where,
                                                const char* name) {
  const Handle attr = open_attr(obj, where, name);
  const Handle space(H5Aget_space(attr.get()), H5Sclose, "H5Aget_space");
  const auto n = static_cast<hsize_t>(H5Sget_simple_extent_npoints(space.get()));
  return read_vlen_strings(
      space.get(), n, [&](hid_t type, char** buffer) { return H5Aread(attr.get(), type, buffer); },
      fmt::format("{}@{}", where, name));
}

std::uint64_t read_u64_attr(hid_t obj, const std::string& where, const char* name) {
  return read_scalar_attr<std::uint64_t>(obj, where, name, H5T_NATIVE_UINT64);
}

std::int64_t read_i64_attr(hid_t obj, const std::string& where, const char* name) {
  return read_scalar_attr<std::int64_t>(obj, where, name, H5T_NATIVE_INT64);
}

std::vector<std::string> member_names(hid_t group, const std::string& where) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  };
  check_ok(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names),
           "listing " + where);
  return names;
}

std::vector<double> read_doubles(hid_t parent, const std::string& path) {
  const Handle dset(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), H5Dclose,
                    "opening dataset " + path);
  const Handle space(H5Dget_space(dset.get()), H5Sclose, "H5Dget_space");
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  std::vector<double> values(n);
  if (n > 0)
    check_ok(H5Dread(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
             "reading dataset " + path);
  return values;
}

std::vector<std::uint64_t> read_u64s(hid_t parent, const std::string& path) {
  const Handle dset(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), H5Dclose,
                    "opening dataset " + path);
  const Handle space(H5Dget_space(dset.get()), H5Sclose, "H5Dget_space");
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  std::vector<std::uint64_t> values(n);
  if (n > 0)
    check_ok(H5Dread(dset.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
             "reading dataset " + path);
  return values;
}

std::vector<double> read_matrix_row(hid_t parent, const std::string& path, hsize_t row) {
  const Handle dset(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), H5Dclose,
                    "opening dataset " + path);
  const Handle space(H5Dget_space(dset.get()), H5Sclose, "H5Dget_space");
  hsize_t dims[2] = {0, 0};
  if (H5Sget_simple_extent_ndims(space.get()) != 2) throw RunError(path + " is not a matrix");
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  if (row >= dims[0]) throw RunError(fmt::format("{} has no row {}", path, row));
  std::vector<double> values(dims[1]);
  if (values.empty()) return values;
  const hsize_t start[2] = {row, 0}, count[2] = {1, dims[1]};
  check_ok(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
           "selecting a row of " + path);
  const Handle memory = vector_space(dims[1]);
  check_ok(
      H5Dread(dset.get(), H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT, values.data()),
      "reading a row of " + path);
  return values;
}

Matrix read_matrix(hid_t parent, const std::string& path) {
  const Handle dset(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), H5Dclose,
                    "opening dataset " + path);
  const Handle space(H5Dget_space(dset.get()), H5Sclose, "H5Dget_space");
  if (H5Sget_simple_extent_ndims(space.get()) != 2) throw RunError(path + " is not a matrix");
  hsize_t dims[2] = {0, 0};
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  Matrix m{dims[0], dims[1], std::vector<double>(dims[0] * dims[1])};
  if (!m.values.empty())
    check_ok(H5Dread(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.values.data()),
             "reading dataset " + path);
  return m;
}

std::vector<std::string> read_strings(hid_t parent, const std::string& path) {
  const Handle dset(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), H5Dclose,
                    "opening dataset " + path);
  const Handle space(H5Dget_space(dset.get()), H5Sclose, "H5Dget_space");
  const auto n = static_cast<hsize_t>(H5Sget_simple_extent_npoints(space.get()));
  return read_vlen_strings(
      space.get(), n,
      [&](hid_t type, char** buffer) {
        return H5Dread(dset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
      },
      "dataset " + path);
}

}  // namespace mentorsim::h5
