// Reading HDF5 files back (see hdf5_util.hpp): the sweep's index is built from its parts, and
// `mentorsim summarize` reads the index.
#include <fmt/format.h>

#include <array>

#include "core/error.hpp"
#include "output/hdf5_util.hpp"

namespace mentorsim::h5 {
namespace fs = std::filesystem;

namespace {

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

// A dataset opened for reading, with its dataspace.
struct OpenDataset {
  Handle dset;
  Handle space;
  OpenDataset(hid_t parent, const std::string& path)
      : dset(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), H5Dclose, "opening dataset " + path),
        space(H5Dget_space(dset.get()), H5Sclose, "H5Dget_space") {}
  hsize_t points() const { return static_cast<hsize_t>(H5Sget_simple_extent_npoints(space.get())); }
};

// A whole scalar or 1-D dataset as a vector of T, read as `mem_type`.
template <typename T>
std::vector<T> read_vector(hid_t parent, const std::string& path, hid_t mem_type) {
  const OpenDataset d(parent, path);
  std::vector<T> values(static_cast<std::size_t>(d.points()));
  if (!values.empty())
    check_ok(H5Dread(d.dset.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
             "reading dataset " + path);
  return values;
}

// The (rows, cols) of a 2-D dataset; RunError for any other rank.
std::array<hsize_t, 2> matrix_dims(const OpenDataset& d, const std::string& path) {
  if (H5Sget_simple_extent_ndims(d.space.get()) != 2) throw RunError(path + " is not a matrix");
  std::array<hsize_t, 2> dims = {0, 0};
  H5Sget_simple_extent_dims(d.space.get(), dims.data(), nullptr);
  return dims;
}

}  // namespace

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
  return read_vector<double>(parent, path, H5T_NATIVE_DOUBLE);
}

std::vector<std::uint64_t> read_u64s(hid_t parent, const std::string& path) {
  return read_vector<std::uint64_t>(parent, path, H5T_NATIVE_UINT64);
}

std::vector<std::int64_t> read_i64s(hid_t parent, const std::string& path) {
  return read_vector<std::int64_t>(parent, path, H5T_NATIVE_INT64);
}

std::vector<double> read_matrix_row(hid_t parent, const std::string& path, hsize_t row) {
  const OpenDataset d(parent, path);
  const auto dims = matrix_dims(d, path);
  if (row >= dims[0]) throw RunError(fmt::format("{} has no row {}", path, row));
  std::vector<double> values(dims[1]);
  if (values.empty()) return values;
  const hsize_t start[2] = {row, 0}, count[2] = {1, dims[1]};
  check_ok(H5Sselect_hyperslab(d.space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
           "selecting a row of " + path);
  const Handle memory = vector_space(dims[1]);
  check_ok(H5Dread(d.dset.get(), H5T_NATIVE_DOUBLE, memory.get(), d.space.get(), H5P_DEFAULT,
                   values.data()),
           "reading a row of " + path);
  return values;
}

Matrix read_matrix(hid_t parent, const std::string& path) {
  const OpenDataset d(parent, path);
  const auto dims = matrix_dims(d, path);
  Matrix m{dims[0], dims[1], std::vector<double>(dims[0] * dims[1])};
  if (!m.values.empty())
    check_ok(
        H5Dread(d.dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.values.data()),
        "reading dataset " + path);
  return m;
}

std::vector<std::string> read_strings(hid_t parent, const std::string& path) {
  const OpenDataset d(parent, path);
  return read_vlen_strings(
      d.space.get(), d.points(),
      [&](hid_t type, char** buffer) {
        return H5Dread(d.dset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
      },
      "dataset " + path);
}

}  // namespace mentorsim::h5
