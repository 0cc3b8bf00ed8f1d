// `mentorsim sweep SWEEP.toml --out DIR`: run every point × replicate of a sweep, on this machine's
// cores, on MPI ranks (under mpirun), or one slice of it (--shard I/N for job arrays); resume a
// killed sweep by running the same command again. Layout and guarantees: docs/sweeps.md.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <boost/program_options.hpp>
#include <csignal>

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

constexpr const char* kHelpTail =
    "\nUnder `mpirun -n N mentorsim sweep ...` the ranks share the runs (each writes its own "
    "parts).\nProgress and errors go to stderr. Exit status: 0 every run done, 1 some run failed "
    "or\nthe sweep was stopped (run the same command to resume), 2 bad input.\n";

// Slice I of N of the sweep's runs (--shard I/N); the whole sweep is slice 0 of 1.
struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
};

struct SweepOptions {
  std::string sweep_path, out;
  int threads = 0;
  double checkpoint_seconds = 30;
  bool sharded = false;  // --shard given
  Shard shard;
  bool quiet = false;
};

// "I/N" with 0 <= I < N.
std::optional<Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    const auto i = std::stoull(text.substr(0, slash), &used);
    if (used != slash) return std::nullopt;
    const std::string rest = text.substr(slash + 1);
    const auto n = std::stoull(rest, &used);
    if (used != rest.size() || n == 0 || i >= n) return std::nullopt;
    return Shard{i, n};
  } catch (...) {
    return std::nullopt;
  }
}

// Checks the values given; the exit status on bad input, after saying why on stderr.
std::optional<int> check_options(SweepOptions& o, const std::string& shard_text,
                                 const po::options_description& options) {
  if (o.sweep_path.empty() || o.out.empty()) {
    fmt::print(stderr, "mentorsim sweep: needs SWEEP.toml and --out DIR\n{}",
               fmt::streamed(options));
    return kExitBadInput;
  }
  if (o.threads < 0) {
    fmt::print(stderr, "mentorsim sweep: --threads must be 0 (every core) or more\n");
    return kExitBadInput;
  }
  if (!(o.checkpoint_seconds > 0)) {
    fmt::print(stderr, "mentorsim sweep: --checkpoint must be a positive number of seconds\n");
    return kExitBadInput;
  }
  if (o.sharded) {
    const auto parsed = parse_shard(shard_text);
    if (!parsed) {
      fmt::print(stderr,
                 "mentorsim sweep: --shard takes I/N with 0 <= I < N (e.g. 3/10), not '{}'\n",
                 shard_text);
      return kExitBadInput;
    }
    o.shard = *parsed;
  }
  return std::nullopt;
}

// Parses and checks the command line into `o`; the exit status when the command is done.
std::optional<int> read_options(const std::vector<std::string>& args, SweepOptions& o) {
  std::string shard_text;
  po::options_description options("mentorsim sweep SWEEP.toml --out DIR [options]");
  options.add_options()("help,h", "show this help")(
      "out,o", po::value(&o.out), "output directory (created; a second run resumes it)")(
      "threads,t", po::value(&o.threads), "worker threads of this process (default: every core)")(
      "shard", po::value(&shard_text),
      "run only slice I of N (0 <= I < N), for job arrays; `mentorsim merge DIR` at the end")(
      "checkpoint", po::value(&o.checkpoint_seconds),
      "seconds between commits of finished runs to disk (default 30): at most that much work "
      "is redone after a kill")("quiet,q", "no progress line");
  po::variables_map vm;
  if (const auto done = parse_command_line(
          "sweep", args, options, {"sweep", po::value(&o.sweep_path), 1}, {"", kHelpTail}, vm))
    return done;
  o.sharded = vm.count("shard") > 0;
  o.quiet = vm.count("quiet") > 0;
  return check_options(o, shard_text, options);
}

// Rank 0 prepares DIR and finds what is done; every rank gets the same list of runs to do. The
// exit status when DIR cannot be used.
std::optional<int> share_runs_to_do(sweep::MpiSession& session, const sweep::SweepPlan& plan,
                                    const SweepOptions& o, std::vector<std::uint64_t>& todo) {
  int status = kExitOk;
  if (session.rank() == 0) {
    try {
      sweep::prepare_directory(o.out, plan);
      todo = sweep::runs_to_do(plan.run_count(), sweep::committed_runs(o.out, plan), o.shard.index,
                               o.shard.count);
    } catch (const InputError& e) {
      status = report_input_error(e, o.out);
    }
  }
  session.broadcast(status, todo);
  if (status != kExitOk) return status;
  return std::nullopt;
}

// "sweep NAME: P points x R replicates = N runs; D done, T to run", said by rank 0.
void announce(const sweep::MpiSession& session, const sweep::SweepPlan& plan, const Shard& shard,
              std::size_t todo) {
  const std::uint64_t slice = (plan.run_count() + shard.count - 1 - shard.index) / shard.count;
  fmt::print(
      stderr, "sweep {}: {} points x {} replicates = {} runs{}; {} done, {} to run{}\n",
      plan.spec().config.name, plan.points().size(), plan.replicates(), plan.run_count(),
      shard.count > 1 ? fmt::format(" (shard {}/{}: {})", shard.index, shard.count, slice) : "",
      slice - todo, todo, session.size() > 1 ? fmt::format(" on {} ranks", session.size()) : "");
}

// The prefix of this process's part files: one per rank, per shard, or `local`.
std::string part_prefix(const sweep::MpiSession& session, const Shard& shard) {
  if (session.size() > 1) return fmt::format("rank{:03}", session.rank());
  if (shard.count > 1) return fmt::format("shard{:04}of{:04}", shard.index, shard.count);
  return "local";
}

// Runs this process's share of `todo` until done or stopped by a signal, committing its parts.
sweep::SweepOutcome run_share(sweep::MpiSession& session, const sweep::SweepPlan& plan,
                              const SweepOptions& o, const InvocationInfo& info,
                              const std::vector<std::uint64_t>& todo) {
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGINT, on_stop_signal);
  sweep::PartWriter writer(
      o.out, part_prefix(session, o.shard), info, plan,
      std::chrono::milliseconds(static_cast<long long>(o.checkpoint_seconds * 1000)));
  const auto source = session.shared_source(todo);
  // Under MPI each rank counts only its own runs: rank 0 reports its share, without an ETA.
  const bool mpi = session.size() > 1;
  SweepProgress progress(
      mpi ? 0 : todo.size(), session.rank() == 0 && !o.quiet,
      mpi ? fmt::format("rank 0 of {} (sharing {} runs): ", session.size(), todo.size()) : "");
  const auto outcome = sweep::run_sweep(plan, *source, writer, active_threads(), g_stop,
                                        [&](std::uint64_t, bool ok) { progress.tick(ok); });
  session.finish(*source);
  writer.commit();
  return outcome;
}

// Once every rank's runs are committed: says how the sweep ended, and builds the index when the
// whole sweep (not one shard of it) ran here.
int finish(sweep::MpiSession& session, const SweepOptions& o, const InvocationInfo& info,
           const sweep::SweepOutcome& outcome) {
  const bool talk = session.rank() == 0;
  const std::uint64_t failed = session.sum_over_ranks(outcome.failed);
  const bool stopped = session.max_over_ranks(outcome.interrupted ? 1 : 0) > 0;
  session.barrier();  // every rank's parts are committed
  if (stopped) {
    if (talk)
      fmt::print(stderr,
                 "mentorsim sweep: stopped{}; finished runs are kept in {}: run the same "
                 "command to resume\n",
                 g_signal ? fmt::format(" by signal {}", g_signal.load()) : "", o.out);
    return kExitFailure;
  }
  if (o.shard.count > 1) {
    if (talk)
      fmt::print(stderr,
                 "shard {}/{} done; when every shard is, `mentorsim merge {}` builds the "
                 "index\n",
                 o.shard.index, o.shard.count, o.out);
    return failed ? kExitFailure : kExitOk;
  }
  if (talk) {
    const auto index = sweep::write_index(o.out, info);
    fmt::print(
        stderr, "index {}: {} of {} runs{}\n", sweep::index_path(o.out).string(), index.runs_done,
        index.runs_total,
        failed ? fmt::format(" ({} failed: run the same command to retry them)", failed) : "");
  }
  return failed ? kExitFailure : kExitOk;
}

// The sweep on this process, once the session has started.
int run_in_session(sweep::MpiSession& session, const SweepOptions& o,
                   const std::string& command_line) {
  const sweep::SweepPlan plan(sweep::load_sweep_file(o.sweep_path));
  const auto thread_limit = limit_threads(o.threads);
  std::vector<std::uint64_t> todo;
  if (const auto status = share_runs_to_do(session, plan, o, todo)) return *status;
  if (session.rank() == 0) announce(session, plan, o.shard, todo.size());
  const InvocationInfo info = invocation_info(utc_now_iso8601(), command_line);
  const sweep::SweepOutcome outcome = run_share(session, plan, o, info, todo);
  return finish(session, o, info, outcome);
}

}  // namespace

int cmd_sweep(const std::vector<std::string>& args, const std::string& command_line) {
  SweepOptions o;
  if (const auto done = read_options(args, o)) return *done;
  std::unique_ptr<sweep::MpiSession> session;
  try {
    session = sweep::MpiSession::start(nullptr, nullptr);
  } catch (const RunError& e) {
    fmt::print(stderr, "mentorsim sweep: {}\n", e.what());
    return kExitFailure;
  }
  const bool talk = session->rank() == 0;
  if (session->size() > 1 && o.sharded) {
    if (talk) fmt::print(stderr, "mentorsim sweep: --shard is for job arrays without MPI\n");
    return kExitBadInput;
  }
  try {
    return run_in_session(*session, o, command_line);
  } catch (const InputError& e) {
    return talk ? report_input_error(e, o.sweep_path) : kExitBadInput;
  } catch (const RunError& e) {
    fmt::print(stderr, "mentorsim sweep: {}{}\n",
               session->size() > 1 ? fmt::format("rank {}: ", session->rank()) : "", e.what());
    if (session->size() > 1) session->abort(kExitFailure);  // the other ranks would wait forever
    return kExitFailure;
  }
}

}  // namespace mentorsim::cli
