// `mentorsim merge DIR`: build DIR/index.h5 from the committed parts, e.g. after every shard of a
// job array has finished. Safe to run again at any time: the index holds nothing the parts do not.
#include <fmt/format.h>

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "sweep/index_writer.hpp"
#include "sweep/sweep_directory.hpp"

namespace po = boost::program_options;

namespace mentorsim::cli {

namespace {

constexpr const char* kHelpTail =
    "\nBuilds DIR/index.h5 (replacing an older one) from the parts every process of a sweep "
    "wrote.\nExit status: 0 with every run present, 1 with some missing, 2 bad input.\n";

// The index's counts, and what a user should know about the parts it was built from.
int report_index(const std::string& dir, const sweep::IndexOutcome& index) {
  fmt::print(stderr, "index {}: {} of {} runs", sweep::index_path(dir).string(), index.runs_done,
             index.runs_total);
  if (index.duplicates) fmt::print(stderr, "; {} found twice (the first kept)", index.duplicates);
  if (index.git_commits.size() > 1)
    fmt::print(stderr, "; WARNING: parts written by {} different builds", index.git_commits.size());
  fmt::print(stderr, "\n");
  if (index.runs_done < index.runs_total) {
    fmt::print(stderr,
               "{} runs are missing: run the sweep (or the shards that did not finish) again to "
               "complete them\n",
               index.runs_total - index.runs_done);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

int cmd_merge(const std::vector<std::string>& args, const std::string& command_line) {
  std::string dir;
  po::options_description options("mentorsim merge DIR");
  options.add_options()("help,h", "show this help");
  po::variables_map vm;
  if (const auto done = parse_command_line("merge", args, options, {"dir", po::value(&dir), 1},
                                           {"", kHelpTail}, vm))
    return *done;
  if (dir.empty()) {
    fmt::print(stderr, "mentorsim merge: missing DIR (a sweep's --out directory)\n");
    return kExitBadInput;
  }
  return report_errors("merge", dir, [&] {
    return report_index(dir,
                        sweep::write_index(dir, invocation_info(utc_now_iso8601(), command_line)));
  });
}

}  // namespace mentorsim::cli
