#pragma once
// The output reference, generated from the metric declarations (metrics/catalogue.hpp):
// `mentorsim metrics --format md` is docs/outputs.md, which a test keeps current; `--format json`
// the same for scripts.
#include <string>

namespace mentorsim::metrics {

std::string reference_markdown();
std::string reference_json();

}  // namespace mentorsim::metrics
