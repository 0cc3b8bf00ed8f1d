// `mentorsim report RESULTS --out DIR`: a self-contained HTML report of a run, compare or sweep
// output. The figures and tables are drawn by the analysis package (analysis/mentorsim_analysis,
// report.py) with Debian's Python, matplotlib and h5py; this command finds that interpreter and
// package and hands over to it, so `mentorsim report` and
// `python3 -m mentorsim_analysis.report` are the same program.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace mentorsim::cli {

namespace {

// Set at build time (sim/CMakeLists.txt); the environment may point elsewhere, e.g. after the
// source tree moved.
std::string setting(const char* variable, const char* built_in) {
  const char* value = std::getenv(variable);
  return value && *value ? value : built_in;
}

}  // namespace

int cmd_report(const std::vector<std::string>& args) {
  const std::string python = setting("MENTORSIM_PYTHON", MENTORSIM_BUILD_PYTHON);
  const std::string analysis = setting("MENTORSIM_ANALYSIS_DIR", MENTORSIM_BUILD_ANALYSIS_DIR);
  const char* old_path = std::getenv("PYTHONPATH");
  const std::string path = old_path && *old_path ? analysis + ":" + old_path : analysis;
  ::setenv("PYTHONPATH", path.c_str(), 1);
  std::vector<std::string> argv_text = {python, "-m", "mentorsim_analysis.report"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(python.c_str(), argv.data());
  fmt::print(stderr,
             "mentorsim report: cannot start {}: {} (set MENTORSIM_PYTHON to a Python 3 that "
             "has h5py, pandas and matplotlib)\n",
             python, std::strerror(errno));
  return kExitFailure;
}

}  // namespace mentorsim::cli
