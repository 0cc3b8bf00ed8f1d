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

  // The axes of `root`'s [[axis]] array, in order; an entry with a problem is left out.
  std::vector<Axis> read(const toml::table& root);

 private:
  bool read_axis(const toml::table& entry, const std::string& prefix, Axis& axis);
  bool no_range_keys(const toml::table& entry, const std::string& prefix);
  bool read_values(const toml::node& node, const std::string& prefix, Axis& axis);
  bool read_range(const toml::table& entry, const std::string& prefix, const AxisConfig& c,
                  Axis& axis);
  bool read_grid_steps(const toml::table& entry, const std::string& prefix, Axis& axis);
  bool read_distribution(const toml::table& entry, const std::string& prefix, const AxisConfig& c,
                         Axis& axis);

  params::Reporter& reporter_;
  params::SectionReader& reader_;
  bool sampled_;
  bool allow_relative_;
};

}  // namespace mentorsim::sweep
