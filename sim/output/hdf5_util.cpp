// Checked HDF5 helpers (see hdf5_util.hpp): errors, types and spaces, attributes, groups, and
// making a written file durable. Datasets are written in hdf5_datasets.cpp, a run's layout in
// hdf5_runs.cpp, and everything is read back in hdf5_read.cpp.
#include "output/hdf5_util.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <system_error>

#include <fmt/format.h>

#include "core/error.hpp"

namespace mentorsim::h5 {
namespace fs = std::filesystem;

namespace {

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

void double_attr(hid_t obj, const std::string& where, const char* name, double value) {
  scalar_attr(obj, where, name, value, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
}

void skip_library_cleanup_at_exit() {
  H5dont_atexit();
}

Handle create_group(hid_t parent, const std::string& name, hid_t lcpl, const std::string& path) {
  return Handle(H5Gcreate2(parent, name.c_str(), lcpl, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                "creating group " + path);
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

}  // namespace mentorsim::h5
