#pragma once
// The human-readable renderings of a Comparison (used by format_comparison in comparison.cpp).
#include <string>

#include "output/comparison.hpp"

namespace mentorsim {

// One block per metric: a title line (name, units, doc), then one row per scenario with its mean
// and 95% CI and, for every scenario but the baseline, the paired difference, its 95% CI and "*"
// when that interval excludes 0. At most 100 columns.
std::string format_comparison_text(const Comparison& comparison);

// One GitHub-flavoured markdown table, one row per metric x scenario.
std::string format_comparison_markdown(const Comparison& comparison);

}  // namespace mentorsim
