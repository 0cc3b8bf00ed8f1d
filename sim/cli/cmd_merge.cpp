// `mentorsim merge DIR`: build DIR/index.h5 from the committed parts, e.g. after every shard of a
// job array has finished. Safe to run again at any time: the index holds nothing the parts do not.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "sweep/index_writer.hpp"
#include "sweep/sweep_directory.hpp"

namespace po = boost::program_options;

namespace mentorsim::cli {

int cmd_merge(const std::vector<std::string>& args, const std::string& command_line) {
  std::string dir;
  po::options_description options("mentorsim merge DIR");
  options.add_options()("help,h", "show this help");
  po::options_description hidden;
  hidden.add_options()("dir", po::value(&dir));
  po::positional_options_description positional;
  positional.add("dir", 1);
  po::variables_map vm;
  if (!parse_arguments("merge", args, options, hidden, positional, vm)) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << options
              << "\nBuilds DIR/index.h5 (replacing an older one) from the parts every process of "
                 "a sweep wrote.\nExit status: 0 with every run present, 1 with some missing, 2 "
                 "bad input.\n";
    return kExitOk;
  }
  if (dir.empty()) {
    fmt::print(stderr, "mentorsim merge: missing DIR (a sweep's --out directory)\n");
    return kExitBadInput;
  }
  try {
    const InvocationInfo info{MENTORSIM_VERSION, git_commit(), utc_now_iso8601(), command_line,
                              active_threads()};
    const auto index = sweep::write_index(dir, info);
    fmt::print(stderr, "index {}: {} of {} runs", sweep::index_path(dir).string(), index.runs_done,
               index.runs_total);
    if (index.duplicates) fmt::print(stderr, "; {} found twice (the first kept)", index.duplicates);
    if (index.git_commits.size() > 1)
      fmt::print(stderr, "; WARNING: parts written by {} different builds",
                 index.git_commits.size());
    fmt::print(stderr, "\n");
    if (index.runs_done < index.runs_total) {
      fmt::print(stderr,
                 "{} runs are missing: run the sweep (or the shards that did not finish) again to "
                 "complete them\n",
                 index.runs_total - index.runs_done);
      return kExitFailure;
    }
    return kExitOk;
  } catch (const InputError& e) {
    return report_input_error(e, dir);
  } catch (const RunError& e) {
    fmt::print(stderr, "mentorsim merge: {}\n", e.what());
    return kExitFailure;
  }
}

}  // namespace mentorsim::cli
