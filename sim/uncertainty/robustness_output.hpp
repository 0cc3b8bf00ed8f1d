#pragma once
// The results of `compare --uncertain` as tables (text, markdown, CSV, JSON) and as the group
// /uncertainty of the comparison's HDF5 file (layout: docs/output-format.md).
#include <hdf5.h>

#include <string>
#include <string_view>

#include "uncertainty/uncertain_compare.hpp"

namespace mentorsim::uncertainty {

// "text" and "markdown": per metric, which arm ranks best how often, and per arm against the
// baseline the difference at the scenarios' own values, its share of draws in the better
// direction, its median and 5-95% range across draws, the verdict and the top driver. "csv": one
// row per (metric, arm); "json": everything, with the draws. InputError for another format.
std::string format_robustness(const UncertaintyResult& result, std::string_view format);

// An axis's range as the report shows it: "0.05 to 0.1, uniform", "x0.5 to x1.5, uniform" (a
// relative axis: factors), "1 to 4, log-uniform", "one of 0, 104".
std::string range_text(const sweep::Axis& axis);

// Writes /uncertainty under `root` (an open file being written; lcpl creates intermediate
// groups).
void write_uncertainty_group(hid_t root, hid_t lcpl, const UncertaintyResult& result);

}  // namespace mentorsim::uncertainty
