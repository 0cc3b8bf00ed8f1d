// HDF5 writer (layout: docs/output-format.md). Every call into the HDF5 C API is checked; HDF5's
// automatic error printing is switched off while writing and the most specific message on its
// error stack goes into the RunError instead, prefixed with what was being done.
#include "output/hdf5_writer.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"

namespace mentorsim {
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

[[noreturn]] void fail(std::string_view what) {
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
  Handle& operator=(Handle&&) = delete;
  // A failure here is while unwinding from another error, which is the one worth reporting.
  ~Handle() {
    if (id_ >= 0) closer_(id_);
  }
  hid_t get() const { return id_; }
  // Closes now and reports a failure: closing the file is where buffered data is written.
  void close(std::string_view what) {
    check_ok(closer_(std::exchange(id_, H5I_INVALID_HID)), what);
  }

 private:
  hid_t id_;
  Closer closer_;
};

// Switches off HDF5's printing of its error stack to stderr for the lifetime of the object.
class QuietHdf5Errors {
 public:
  QuietHdf5Errors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  QuietHdf5Errors(const QuietHdf5Errors&) = delete;
  QuietHdf5Errors& operator=(const QuietHdf5Errors&) = delete;
  ~QuietHdf5Errors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// Variable-length UTF-8 strings: h5py reads them as `str`, and an empty string is allowed.
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

// `where` is the path of `obj`, for messages.
void write_attr(hid_t obj, const std::string& where, const char* name, hid_t file_type,
                hid_t mem_type, hid_t space, const void* data) {
  Handle attr(H5Acreate2(obj, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              fmt::format("creating attribute {}@{}", where, name));
  if (data != nullptr)
    check_ok(H5Awrite(attr.get(), mem_type, data), fmt::format("writing {}@{}", where, name));
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

template <typename T>
void scalar_attr(hid_t obj, const std::string& where, const char* name, T value, hid_t file_type,
                 hid_t mem_type) {
  write_attr(obj, where, name, file_type, mem_type, scalar_space().get(), &value);
}

Handle create_group(hid_t parent, const std::string& name, hid_t lcpl, const std::string& path) {
  return Handle(H5Gcreate2(parent, name.c_str(), lcpl, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                "creating group " + path);
}

// A float64 dataset of `n` values (a scalar if `scalar`), with `units` and `doc` attributes.
void write_doubles(hid_t group, const std::string& group_path, const std::string& name,
                   const double* values, hsize_t n, bool scalar, const std::string& units,
                   const std::string& doc, hid_t lcpl) {
  const std::string path = group_path + "/" + name;
  const Handle space = scalar ? scalar_space() : vector_space(n);
  const Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate(dataset create)");
  if (!scalar && n > 0) {  // chunk dimensions must be > 0, so an empty series stays contiguous
    const hsize_t chunk = std::min(n, kChunkLength);
    check_ok(H5Pset_chunk(dcpl.get(), 1, &chunk), "H5Pset_chunk for " + path);
    check_ok(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle for " + path);
    check_ok(H5Pset_deflate(dcpl.get(), kGzipLevel), "H5Pset_deflate for " + path);
  }
  // lcpl creates the intermediate groups of a name such as "mean_skill/technical".
  const Handle dset(
      H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(), lcpl, dcpl.get(), H5P_DEFAULT),
      H5Dclose, "creating dataset " + path);
  if (scalar || n > 0)
    check_ok(H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
             "writing dataset " + path);
  string_attr(dset.get(), path, "units", units);
  string_attr(dset.get(), path, "doc", doc);
}

// `runs_path` is the path of `runs_group`, e.g. "/runs" or "/scenarios/<label>/runs".
void write_run(hid_t runs_group, const std::string& runs_path, const RunResult& run, hid_t lcpl) {
  const std::string path = runs_path + "/" + run.run_id;
  const Handle group = create_group(runs_group, run.run_id, lcpl, path);
  string_attr(group.get(), path, "scenario_name", run.scenario_name);
  string_attr(group.get(), path, "scenario_source", run.scenario_source);
  string_attr(group.get(), path, "resolved_scenario", run.resolved_scenario_toml);
  scalar_attr(group.get(), path, "seed", run.seed, H5T_STD_U64LE, H5T_NATIVE_UINT64);
  scalar_attr(group.get(), path, "replicate", run.replicate, H5T_STD_U64LE, H5T_NATIVE_UINT64);
  scalar_attr(group.get(), path, "weeks", run.weeks, H5T_STD_I64LE, H5T_NATIVE_INT64);
  string_array_attr(group.get(), path, "zones", run.zones);

  const Handle weekly = create_group(group.get(), "weekly", lcpl, path + "/weekly");
  for (const auto& s : run.weekly)
    write_doubles(weekly.get(), path + "/weekly", s.name, s.values.data(), s.values.size(), false,
                  s.units, s.doc, lcpl);
  const Handle summary = create_group(group.get(), "summary", lcpl, path + "/summary");
  for (const auto& v : run.summary)
    write_doubles(summary.get(), path + "/summary", v.name, &v.value, 1, true, v.units, v.doc,
                  lcpl);
}

void write_provenance(hid_t root, const InvocationInfo& info, const char* format, int version) {
  string_attr(root, "/", "format", format);
  scalar_attr(root, "/", "format_version", version, H5T_STD_I32LE, H5T_NATIVE_INT);
  string_attr(root, "/", "version", info.version);
  string_attr(root, "/", "git_commit", info.git_commit);
  string_attr(root, "/", "created_utc", info.created_utc);
  string_attr(root, "/", "command_line", info.command_line);
  scalar_attr(root, "/", "threads", info.threads, H5T_STD_I32LE, H5T_NATIVE_INT);
}

// Creates `file_name`, calls write_body(root, lcpl) and closes the file, checking every step.
template <typename Body>
void write_file(const fs::path& file_name, Body&& write_body) {
  const Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "H5Pcreate(file access)");
  // SEMI: closing the file fails if an object in it is still open, rather than leaving the file
  // open (and unflushed) behind a successful-looking H5Fclose.
  check_ok(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), "H5Pset_fclose_degree");
  Handle file(H5Fcreate(file_name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()), H5Fclose,
              "creating " + file_name.string());
  {
    const Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose, "H5Pcreate(link create)");
    check_ok(H5Pset_create_intermediate_group(lcpl.get(), 1), "H5Pset_create_intermediate_group");
    check_ok(H5Pset_char_encoding(lcpl.get(), H5T_CSET_UTF8), "H5Pset_char_encoding");
    write_body(file.get(), lcpl.get());
  }
  file.close("closing " + file_name.string());
}

void write_runs(hid_t root, const InvocationInfo& info, const std::vector<RunResult>& runs,
                hid_t lcpl) {
  write_provenance(root, info, "mentorsim-run", kHdf5FormatVersion);
  const Handle runs_group = create_group(root, "runs", lcpl, "/runs");
  for (const auto& run : runs) write_run(runs_group.get(), "/runs", run, lcpl);
}

void write_scenarios(hid_t root, const InvocationInfo& info,
                     const std::vector<ScenarioGroup>& scenarios, hid_t lcpl) {
  write_provenance(root, info, "mentorsim-compare", kHdf5CompareFormatVersion);
  std::vector<std::string> labels;
  for (const auto& s : scenarios) labels.push_back(s.label);
  string_attr(root, "/", "baseline", labels.empty() ? std::string() : labels.front());
  string_array_attr(root, "/", "scenarios", labels);  // arm order: baseline first
  const Handle all = create_group(root, "scenarios", lcpl, "/scenarios");
  for (const auto& s : scenarios) {
    const std::string path = "/scenarios/" + s.label;
    const Handle group = create_group(all.get(), s.label, lcpl, path);
    string_attr(group.get(), path, "scenario_source", s.source);
    string_attr(group.get(), path, "resolved_scenario", s.resolved_scenario_toml);
    const Handle runs_group = create_group(group.get(), "runs", lcpl, path + "/runs");
    for (const auto& run : s.runs) write_run(runs_group.get(), path + "/runs", run, lcpl);
  }
}

// A name becomes an HDF5 link path: no empty component, and no "." or ".." (which HDF5 would
// resolve). Run ids are a single component.
bool valid_link_name(std::string_view name, bool allow_slash) {
  if (!allow_slash && name.find('/') != std::string_view::npos) return false;
  size_t begin = 0;
  while (true) {
    const size_t end = std::min(name.find('/', begin), name.size());
    const std::string_view part = name.substr(begin, end - begin);
    if (part.empty() || part == "." || part == "..") return false;
    if (end == name.size()) return true;
    begin = end + 1;
  }
}

// Names come from the simulator, not the user, so a bad one is a RunError. Exact duplicates are
// caught here; a clash such as "a" and "a/b" is left to HDF5.
void validate(const std::vector<RunResult>& runs) {
  std::set<std::string> ids;
  for (const auto& run : runs) {
    if (!valid_link_name(run.run_id, false) || !ids.insert(run.run_id).second)
      throw RunError(fmt::format("invalid or duplicate run id '{}'", run.run_id));
    std::set<std::string> names;
    for (const auto& s : run.weekly)
      if (!valid_link_name(s.name, true) || !names.insert(s.name).second)
        throw RunError(fmt::format("run {}: invalid or duplicate series '{}'", run.run_id, s.name));
    names.clear();
    for (const auto& v : run.summary)
      if (!valid_link_name(v.name, true) || !names.insert(v.name).second)
        throw RunError(
            fmt::format("run {}: invalid or duplicate summary '{}'", run.run_id, v.name));
  }
}

// fsync before the rename, so after a crash `out` is the old file or the complete new one.
void sync_file(const fs::path& file_name) {
  const int fd = ::open(file_name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::error_code ec(errno, std::generic_category());
    if (fd >= 0) ::close(fd);
    throw RunError(fmt::format("syncing {} failed: {}", file_name.string(), ec.message()));
  }
  ::close(fd);
}

// Makes the rename itself durable. Best effort: the file is already in place.
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

fs::path parent_dir(const fs::path& out) {
  return out.parent_path().empty() ? fs::path(".") : out.parent_path();
}

[[noreturn]] void bad_destination(const fs::path& out, std::string message) {
  throw InputError(Diagnostic{out.string(), 0, 0, std::move(message)});
}

// Writes the file under a temporary name next to `out` with write(temp), then renames it onto
// `out`; on any failure removes the temporary and leaves `out` untouched.
template <typename Write>
void write_atomically(const fs::path& out, bool force, Write&& write) {
  // Same directory as `out`, so the rename cannot cross file systems; the pid keeps two
  // concurrent invocations apart.
  const fs::path temp =
      parent_dir(out) / fmt::format(".{}.tmp-{}", out.filename().string(), ::getpid());
  const QuietHdf5Errors quiet;
  auto remove_temp = [&temp] {
    std::error_code ignored;
    fs::remove(temp, ignored);
  };
  try {
    write(temp);
    sync_file(temp);
    // A file that appeared at `out` during the run is not overwritten either.
    std::error_code ec;
    if (!force && fs::exists(fs::symlink_status(out, ec)))
      bad_destination(out, "exists; pass --force to overwrite");
    fs::rename(temp, out, ec);
    if (ec) throw RunError(fmt::format("renaming {} failed: {}", temp.string(), ec.message()));
  } catch (const RunError& e) {
    remove_temp();
    throw RunError(fmt::format("cannot write {}: {}", out.string(), e.what()));
  } catch (...) {
    remove_temp();
    throw;
  }
  sync_directory(parent_dir(out));
}

}  // namespace

void check_output_path(const fs::path& out, bool force) {
  if (out.empty() || !out.has_filename()) bad_destination(out, "not a file name");
  std::error_code ec;
  const fs::path parent = parent_dir(out);
  if (!fs::is_directory(parent, ec))
    bad_destination(out, fmt::format("directory {} does not exist", parent.string()));
  if (fs::is_directory(out, ec)) bad_destination(out, "is a directory");
  // Found now rather than after a long simulation: the temporary file is created in `parent`.
  if (::access(parent.c_str(), W_OK) != 0)
    bad_destination(out, fmt::format("directory {} is not writable", parent.string()));
  // symlink_status: a dangling symbolic link is still something that would be replaced.
  if (fs::exists(fs::symlink_status(out, ec)) && !force)
    bad_destination(out, "exists; pass --force to overwrite");
}

void write_hdf5(const fs::path& out, const InvocationInfo& info, const std::vector<RunResult>& runs,
                bool force) {
  check_output_path(out, force);
  validate(runs);
  write_atomically(out, force, [&](const fs::path& temp) {
    write_file(temp, [&](hid_t root, hid_t lcpl) { write_runs(root, info, runs, lcpl); });
  });
}

void write_comparison_hdf5(const fs::path& out, const InvocationInfo& info,
                           const std::vector<ScenarioGroup>& scenarios, bool force) {
  check_output_path(out, force);
  std::set<std::string> labels;
  for (const auto& s : scenarios) {
    if (!valid_link_name(s.label, false) || !labels.insert(s.label).second)
      throw RunError(fmt::format("invalid or duplicate scenario label '{}'", s.label));
    validate(s.runs);
  }
  write_atomically(out, force, [&](const fs::path& temp) {
    write_file(temp, [&](hid_t root, hid_t lcpl) { write_scenarios(root, info, scenarios, lcpl); });
  });
}

}  // namespace mentorsim
