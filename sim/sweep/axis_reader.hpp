#pragma once
// Reads the [[axis]] entries of a sweep file (sweep_spec.cpp reads the rest): each axis's key and
// either its listed `values` or its range, every problem reported at file:line:col.
#include <toml++/toml.h>

#include <string>
#include <vector>

#include "input/reporter.hpp"
#include "input/section_reader.hpp"
#include "sweep/spec_sections.hpp"
#include "sweep/sweep_spec.hpp"

namespace mentorsim::sweep {

class AxisReader {
 public:
  // `reader` is the one reading the rest of the file: it knows which keys already failed.
  // `sampled`: ranges are sampled (Latin hypercube, Morris, Sobol'), so they take no `steps`.
  // `allow_relative`: the file is an uncertainty file, whose axes may be factors (`relative`).
  AxisReader(params::Reporter& reporter, params::SectionReader& reader, bool sampled,
             bool allow_relative = false)
      : reporter_(reporter), reader_(reader), sampled_(sampled), allow_relative_(allow_relative) {}

  // The axes of `root`'s [[axis]] array, in order; an entry with a problem is left out. A grid
  // range's values are not built yet (a range of 10 million steps costs seconds and gigabytes):
  // build_grid_values does that, once the whole file is known to be valid.
  std::vector<Axis> read(const toml::table& root);
  // The values of the grid ranges `read` returned, each problem reported (`root` must be alive).
  void build_grid_values(std::vector<Axis>& axes);

 private:
  bool read_axis(const toml::table& entry, const std::string& prefix, Axis& axis);
  bool no_range_keys(const toml::table& entry, const std::string& prefix);
  bool read_values(const toml::node& node, const std::string& prefix, Axis& axis);
  bool read_range(const toml::table& entry, const std::string& prefix, const AxisConfig& c,
                  Axis& axis);
  bool read_grid_steps(const toml::table& entry, const std::string& prefix, Axis& axis);
  // Grid sweeps: whether the axes read so far times `size` values stay within kMaxSweepPoints
  // (reported at `entry` when not), checked before a range's values are built.
  bool fits_grid(const toml::table& entry, const std::string& prefix, std::size_t size);
  bool build_range_values(const toml::table& entry, const std::string& prefix, Position from,
                          Axis& axis);
  struct Pending {  // a grid range whose values are still to build
    std::size_t axis;
    const toml::table* entry;
    std::string prefix;
  };
  std::vector<Pending> pending_;
  bool read_distribution(const toml::table& entry, const std::string& prefix, const AxisConfig& c,
                         Axis& axis);

  params::Reporter& reporter_;
  params::SectionReader& reader_;
  bool sampled_;
  bool allow_relative_;
  std::size_t grid_points_ = 1;  // product of the grid axes' sizes so far
};

}  // namespace mentorsim::sweep
