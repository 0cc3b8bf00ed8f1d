// `mentorsim sweep SWEEP.toml --out DIR`: run every point × replicate of a sweep, on this machine's
// cores, on MPI ranks (under mpirun), or one slice of it (--shard I/N for job arrays); resume a
// killed sweep by running the same command again. Layout and guarantees: docs/sweeps.md.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "sweep/index_writer.hpp"
#include "sweep/mpi_session.hpp"
#include "sweep/part_writer.hpp"
#include "sweep/sweep_directory.hpp"
#include "sweep/sweep_plan.hpp"
#include "sweep/sweep_runner.hpp"

namespace po = boost::program_options;

namespace mentorsim::cli {

namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

extern "C" void on_stop_signal(int signal) {
  g_signal = signal;
  g_stop = true;
}

// "I/N" with 0 <= I < N.
std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    const auto i = std::stoull(text.substr(0, slash), &used);
    if (used != slash) return std::nullopt;
    const std::string rest = text.substr(slash + 1);
    const auto n = std::stoull(rest, &used);
    if (used != rest.size() || n == 0 || i >= n) return std::nullopt;
    return std::pair{i, n};
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace

int cmd_sweep(const std::vector<std::string>& args, const std::string& command_line) {
  std::string sweep_path, out, shard_text;
  int threads = 0;
  double checkpoint_seconds = 30;
  po::options_description options("mentorsim sweep SWEEP.toml --out DIR [options]");
  options.add_options()("help,h", "show this help")(
      "out,o", po::value(&out), "output directory (created; a second run resumes it)")(
      "threads,t", po::value(&threads), "worker threads of this process (default: every core)")(
      "shard", po::value(&shard_text),
      "run only slice I of N (0 <= I < N), for job arrays; `mentorsim merge DIR` at the end")(
      "checkpoint", po::value(&checkpoint_seconds),
      "seconds between commits of finished runs to disk (default 30): at most that much work "
      "is redone after a kill")("quiet,q", "no progress line");
  po::options_description hidden;
  hidden.add_options()("sweep", po::value(&sweep_path));
  po::positional_options_description positional;
  positional.add("sweep", 1);
  po::variables_map vm;
  if (!parse_arguments("sweep", args, options, hidden, positional, vm)) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << options
              << "\nUnder `mpirun -n N mentorsim sweep ...` the ranks share the runs (each writes "
                 "its own parts).\nProgress and errors go to stderr. Exit status: 0 every run "
                 "done, 1 some run failed or\nthe sweep was stopped (run the same command to "
                 "resume), 2 bad input.\n";
    return kExitOk;
  }
  if (sweep_path.empty() || out.empty()) {
    fmt::print(stderr, "mentorsim sweep: needs SWEEP.toml and --out DIR\n{}",
               fmt::streamed(options));
    return kExitBadInput;
  }
  if (threads < 0) {
    fmt::print(stderr, "mentorsim sweep: --threads must be 0 (every core) or more\n");
    return kExitBadInput;
  }
  if (!(checkpoint_seconds > 0)) {
    fmt::print(stderr, "mentorsim sweep: --checkpoint must be a positive number of seconds\n");
    return kExitBadInput;
  }
  std::pair<std::uint64_t, std::uint64_t> shard{0, 1};
  if (vm.count("shard")) {
    const auto parsed = parse_shard(shard_text);
    if (!parsed) {
      fmt::print(stderr,
                 "mentorsim sweep: --shard takes I/N with 0 <= I < N (e.g. 3/10), not '{}'\n",
                 shard_text);
      return kExitBadInput;
    }
    shard = *parsed;
  }

  std::unique_ptr<sweep::MpiSession> session;
  try {
    session = sweep::MpiSession::start(nullptr, nullptr);
  } catch (const RunError& e) {
    fmt::print(stderr, "mentorsim sweep: {}\n", e.what());
    return kExitFailure;
  }
  const int rank = session->rank();
  const bool talk = rank == 0;
  if (session->size() > 1 && vm.count("shard")) {
    if (talk) fmt::print(stderr, "mentorsim sweep: --shard is for job arrays without MPI\n");
    return kExitBadInput;
  }
  try {
    const sweep::SweepPlan plan(sweep::load_sweep_file(sweep_path));
    const auto thread_limit = limit_threads(threads);
    // Rank 0 prepares DIR and finds what is done; every rank gets the same list of runs to do.
    int status = kExitOk;
    std::vector<std::uint64_t> todo;
    std::string problem;
    if (rank == 0) {
      try {
        sweep::prepare_directory(out, plan);
        todo = sweep::runs_to_do(plan.run_count(), sweep::committed_runs(out, plan), shard.first,
                                 shard.second);
      } catch (const InputError& e) {
        status = report_input_error(e, out);
      }
    }
    session->broadcast(status, todo);
    if (status != kExitOk) return status;
    const std::uint64_t slice = (plan.run_count() + shard.second - 1 - shard.first) / shard.second;
    if (talk)
      fmt::print(stderr, "sweep {}: {} points x {} replicates = {} runs{}; {} done, {} to run{}\n",
                 plan.spec().config.name, plan.points().size(), plan.replicates(), plan.run_count(),
                 shard.second > 1
                     ? fmt::format(" (shard {}/{}: {})", shard.first, shard.second, slice)
                     : "",
                 slice - todo.size(), todo.size(),
                 session->size() > 1 ? fmt::format(" on {} ranks", session->size()) : "");

    const std::string prefix = session->size() > 1 ? fmt::format("rank{:03}", rank)
                               : shard.second > 1
                                   ? fmt::format("shard{:04}of{:04}", shard.first, shard.second)
                                   : std::string("local");
    const InvocationInfo info{MENTORSIM_VERSION, git_commit(), utc_now_iso8601(), command_line,
                              active_threads()};
    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGINT, on_stop_signal);
    sweep::SweepOutcome outcome;
    {
      sweep::PartWriter writer(
          out, prefix, info, plan,
          std::chrono::milliseconds(static_cast<long long>(checkpoint_seconds * 1000)));
      const auto source = session->shared_source(todo);
      // Under MPI each rank counts only its own runs: rank 0 reports its share, without an ETA.
      SweepProgress progress(
          session->size() > 1 ? 0 : todo.size(), talk && !vm.count("quiet"),
          session->size() > 1
              ? fmt::format("rank 0 of {} (sharing {} runs): ", session->size(), todo.size())
              : "");
      outcome = sweep::run_sweep(plan, *source, writer, active_threads(), g_stop,
                                 [&](std::uint64_t, bool ok) { progress.tick(ok); });
      session->finish(*source);
      writer.commit();
    }
    const std::uint64_t failed = session->sum_over_ranks(outcome.failed);
    const bool stopped = session->max_over_ranks(outcome.interrupted ? 1 : 0) > 0;
    session->barrier();  // every rank's parts are committed
    if (stopped) {
      if (talk)
        fmt::print(stderr,
                   "mentorsim sweep: stopped{}; finished runs are kept in {}: run the same "
                   "command to resume\n",
                   g_signal ? fmt::format(" by signal {}", g_signal.load()) : "", out);
      return kExitFailure;
    }
    if (shard.second > 1) {
      if (talk)
        fmt::print(stderr,
                   "shard {}/{} done; when every shard is, `mentorsim merge {}` builds the "
                   "index\n",
                   shard.first, shard.second, out);
      return failed ? kExitFailure : kExitOk;
    }
    if (rank == 0) {
      const auto index = sweep::write_index(out, info);
      fmt::print(
          stderr, "index {}: {} of {} runs{}\n", sweep::index_path(out).string(), index.runs_done,
          index.runs_total,
          failed ? fmt::format(" ({} failed: run the same command to retry them)", failed) : "");
    }
    return failed ? kExitFailure : kExitOk;
  } catch (const InputError& e) {
    return talk ? report_input_error(e, sweep_path) : kExitBadInput;
  } catch (const RunError& e) {
    fmt::print(stderr, "mentorsim sweep: {}{}\n",
               session->size() > 1 ? fmt::format("rank {}: ", rank) : "", e.what());
    if (session->size() > 1) session->abort(kExitFailure);  // the other ranks would wait forever
    return kExitFailure;
  }
}

}  // namespace mentorsim::cli
