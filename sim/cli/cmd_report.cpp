// `mentorsim report RESULTS --out DIR`: a self-contained HTML report of a run, compare or sweep
// output. The figures and tables are drawn by the analysis package (analysis/mentorsim_analysis,
// report.py) with Debian's Python, matplotlib and h5py; this command finds that interpreter and
// package and hands over to it, so `mentorsim report` and
// `python3 -m mentorsim_analysis.report` are the same program.
//
// The package is found from where this executable is, never from a path fixed at build time: an
// installed mentorsim uses the package installed beside it, a build tree's uses its own source
// tree (docs/analysis.md, "The report").
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "cli/commands.hpp"

namespace mentorsim::cli {

namespace {
namespace fs = std::filesystem;

// The directory of the running executable (symbolic links resolved), or empty if unknown.
fs::path executable_dir() {
  std::error_code ec;
  const fs::path self = fs::canonical("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

// Where the analysis package may be, in order:
// - $MENTORSIM_ANALYSIS_DIR;
// - installed: <prefix>/share/mentorsim/analysis beside <prefix>/bin (MENTORSIM_ANALYSIS_FROM_BIN
// is
//   that path relative to the binary's directory, from the install layout);
// - a build tree: <build>/analysis, the link CMake makes to the source tree's analysis/.
std::vector<fs::path> analysis_candidates() {
  if (const char* dir = std::getenv("MENTORSIM_ANALYSIS_DIR"); dir && *dir) return {fs::path(dir)};
  const fs::path bin = executable_dir();
  if (bin.empty()) return {};
  return {(bin / MENTORSIM_ANALYSIS_FROM_BIN).lexically_normal(), bin / "analysis"};
}

bool holds_package(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "mentorsim_analysis" / "report.py", ec);
}

}  // namespace

int cmd_report(const std::vector<std::string>& args) {
  const char* python_setting = std::getenv("MENTORSIM_PYTHON");
  const std::string python =
      python_setting && *python_setting ? python_setting : MENTORSIM_BUILD_PYTHON;
  const std::vector<fs::path> candidates = analysis_candidates();
  fs::path analysis;
  for (const fs::path& dir : candidates)
    if (holds_package(dir)) {
      analysis = dir;
      break;
    }
  if (analysis.empty()) {
    std::string looked;
    for (const fs::path& dir : candidates) looked += (looked.empty() ? "" : ", ") + dir.string();
    fmt::print(
        stderr,
        "mentorsim report: cannot find the analysis package mentorsim_analysis (looked in "
        "{}); install mentorsim with `cmake --install`, or set MENTORSIM_ANALYSIS_DIR to "
        "the directory that holds mentorsim_analysis/\n",
        looked.empty() ? std::string("no place: the executable's directory is unknown") : looked);
    return kExitFailure;
  }
  const char* old_path = std::getenv("PYTHONPATH");
  // First on the path, so another installed copy of the package does not replace this one.
  const std::string path =
      old_path && *old_path ? analysis.string() + ":" + old_path : analysis.string();
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
