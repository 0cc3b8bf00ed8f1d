// Writing datasets (see hdf5_util.hpp): float64 vectors with their metadata, plain columns,
// matrices and columns written a block at a time. Every double goes out through canonical_nans.
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

#include <hdf5_hl.h>

#include "core/canonical_nan.hpp"
#include "metrics/catalogue.hpp"
#include "output/hdf5_util.hpp"

namespace mentorsim::h5 {

namespace {

constexpr hsize_t kChunkLength = 4096;    // values per chunk: 32 KiB of float64
constexpr hsize_t kChunkBytes = 1 << 20;  // the largest chunk of an array of runs
constexpr unsigned kGzipLevel = 4;  // good ratio on smooth series at a fraction of level 9's cost

// A dataset creation list: chunked as `chunk` (one extent per dimension) and compressed. Chunk
// extents must be > 0, so with a 0 among them (an empty dataset) it stays contiguous.
Handle compressed_dcpl(const std::vector<hsize_t>& chunk, const std::string& path) {
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate(dataset create)");
  if (std::find(chunk.begin(), chunk.end(), hsize_t{0}) == chunk.end()) {
    check_ok(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()),
             "H5Pset_chunk for " + path);
    check_ok(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle for " + path);
    check_ok(H5Pset_deflate(dcpl.get(), kGzipLevel), "H5Pset_deflate for " + path);
  }
  return dcpl;
}

// A 1-D dataset of `n` elements: chunks of kChunkLength, or one chunk of its own length.
Handle compressed_dcpl(hsize_t n, const std::string& path) {
  return compressed_dcpl(std::vector<hsize_t>{std::min(n, kChunkLength)}, path);
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

// A float64 array of `dims` (row-major) in chunks of `chunk_rows` slices along the first dimension,
// compressed, with `values` written through canonical_nans. Returned open for attributes.
Handle write_double_array(hid_t group, const std::string& path, const std::string& name,
                          const std::vector<hsize_t>& dims, hsize_t chunk_rows,
                          const std::vector<double>& values, hid_t lcpl) {
  const Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                     H5Sclose, "H5Screate_simple");
  std::vector<hsize_t> chunk = dims;
  if (!chunk.empty()) chunk[0] = std::min(chunk[0], chunk_rows);
  const Handle dcpl = compressed_dcpl(chunk, path);
  Handle dset(
      H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(), lcpl, dcpl.get(), H5P_DEFAULT),
      H5Dclose, "creating dataset " + path);
  std::vector<double> scratch;
  if (!values.empty())
    check_ok(H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                      canonical_nans(values.data(), values.size(), scratch)),
             "writing dataset " + path);
  return dset;
}

// The attributes of a declared output: units and doc, and from its declaration which way is better,
// how replicates aggregate, its theme and its place in the headline table.
void metric_attributes(hid_t dset, const std::string& path, const std::string& units,
                       const std::string& doc, const metrics::MetricDecl* decl) {
  string_attr(dset, path, "units", units);
  string_attr(dset, path, "doc", doc);
  if (!decl) return;
  string_attr(dset, path, "better", std::string(metrics::better_name(decl->better)));
  string_attr(dset, path, "aggregate", std::string(metrics::aggregate_name(decl->aggregate)));
  string_attr(dset, path, "theme", std::string(metrics::theme_name(decl->theme)));
  i32_attr(dset, path, "headline", metrics::headline_rank(*decl));
}

}  // namespace

const double* canonical_nans(const double* values, std::size_t n, std::vector<double>& scratch) {
  if (std::none_of(values, values + n, [](double v) { return std::isnan(v); })) return values;
  scratch.assign(values, values + n);
  for (double& v : scratch) v = canonical(v);
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
  metric_attributes(dset.get(), path, units, doc, decl);
}

void write_metric_array(hid_t group, const std::string& group_path, const std::string& name,
                        const std::vector<hsize_t>& dims, const std::vector<double>& values,
                        const std::string& units, const std::string& doc,
                        const metrics::MetricDecl* decl, const std::vector<hid_t>& scales,
                        hid_t lcpl) {
  const std::string path = group_path + "/" + name;
  // Whole rows, as many as fit in 1 MiB: a reader takes every replicate of a series in a chunk or
  // two, and a long run's row still fits one.
  hsize_t row = 1;
  for (std::size_t d = 1; d < dims.size(); ++d) row *= std::max<hsize_t>(dims[d], 1);
  const hsize_t rows = std::max<hsize_t>(kChunkBytes / sizeof(double) / row, 1);
  const Handle dset = write_double_array(group, path, name, dims, rows, values, lcpl);
  metric_attributes(dset.get(), path, units, doc, decl);
  for (std::size_t d = 0; d < scales.size() && d < dims.size(); ++d)
    check_ok(H5DSattach_scale(dset.get(), scales[d], static_cast<unsigned>(d)),
             "attaching a dimension scale to " + path);
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
                  const std::vector<std::int64_t>& values, hid_t lcpl) {
  write_vector(group, group_path, name, H5T_STD_I64LE, H5T_NATIVE_INT64, values.data(),
               values.size(), lcpl);
}

Handle make_dimension_scale(hid_t group, const std::string& group_path, const std::string& name,
                            const std::string& dimension) {
  const std::string path = group_path + "/" + name;
  Handle dset(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose, "opening dataset " + path);
  check_ok(H5DSset_scale(dset.get(), dimension.c_str()), "making " + path + " a dimension scale");
  return dset;
}

void write_column(hid_t group, const std::string& group_path, const std::string& name,
                  const std::vector<std::string>& values, hid_t lcpl) {
  std::vector<const char*> texts;
  texts.reserve(values.size());
  for (const auto& v : values) texts.push_back(v.c_str());
  const Handle type = string_type();
  write_vector(group, group_path, name, type.get(), type.get(), texts.data(), texts.size(), lcpl);
}

void write_array(hid_t group, const std::string& group_path, const std::string& name,
                 const std::vector<hsize_t>& dims, const std::vector<double>& values, hid_t lcpl) {
  // One slice along the first dimension a chunk: a reader can take one row.
  write_double_array(group, group_path + "/" + name, name, dims, 1, values, lcpl);
}

void write_matrix(hid_t group, const std::string& group_path, const std::string& name, hsize_t rows,
                  hsize_t cols, const std::vector<double>& values, hid_t lcpl) {
  write_array(group, group_path, name, {rows, cols}, values, lcpl);
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

}  // namespace mentorsim::h5
