#pragma once
// Pieces shared by the sub-commands.
#include <memory>
#include <string>

#include <tbb/global_control.h>

#include "core/error.hpp"

namespace mentorsim::cli {

// Prints every diagnostic, one per line, and a count; returns kExitBadInput.
int report_input_error(const InputError& error, const std::string& what);

// Limits oneTBB to `threads` workers (0: every core). Keep the object alive while running.
std::unique_ptr<tbb::global_control> limit_threads(int threads);
int active_threads();

std::string utc_now_iso8601();

}  // namespace mentorsim::cli
