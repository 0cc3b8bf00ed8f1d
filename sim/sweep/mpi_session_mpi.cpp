// MPI sessions (compiled when CMake finds MPI). Runs are handed out dynamically: rank 0 keeps the
// counter; its own workers take from it directly, and a dispatcher thread on rank 0 answers the
// other ranks' requests, one run per request. Only one thread of a process calls MPI at a time
// (MPI_THREAD_SERIALIZED): on rank 0 the dispatcher while workers run, elsewhere whichever worker
// holds the process's MPI lock.
// The C API only: the deprecated C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "sweep/mpi_session.hpp"

namespace mentorsim::sweep {

std::unique_ptr<MpiSession> make_local_session();

namespace {

constexpr int kTagRequest = 1;
constexpr int kTagReply = 2;
constexpr int kTagDone = 3;
constexpr std::uint64_t kNoMoreRuns = std::numeric_limits<std::uint64_t>::max();

// Rank 0: the list and its counter, and the dispatcher serving the other ranks.
class DispatchingSource : public RunSource {
 public:
  DispatchingSource(std::vector<std::uint64_t> todo, int ranks)
      : todo_(std::move(todo)), others_(ranks - 1), dispatcher_([this] { serve(); }) {}
  ~DispatchingSource() override {
    if (dispatcher_.joinable()) dispatcher_.join();
  }
  std::optional<std::uint64_t> next() override {
    const std::size_t i = next_.fetch_add(1);
    if (i >= todo_.size()) return std::nullopt;
    return todo_[i];
  }
  void wait_for_others() {
    if (dispatcher_.joinable()) dispatcher_.join();
  }

 private:
  void serve() {
    int finished = 0;
    while (finished < others_) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
      if (!flag) {  // polling with a pause: a blocking receive would spin a whole core
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      std::uint64_t message = 0;
      MPI_Recv(&message, 1, MPI_UINT64_T, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      if (status.MPI_TAG == kTagDone) {
        ++finished;
        continue;
      }
      const auto run = next();
      std::uint64_t reply = run ? *run : kNoMoreRuns;
      MPI_Send(&reply, 1, MPI_UINT64_T, status.MPI_SOURCE, kTagReply, MPI_COMM_WORLD);
    }
  }

  std::vector<std::uint64_t> todo_;
  std::atomic<std::size_t> next_{0};
  int others_;
  std::thread dispatcher_;
};

// Ranks other than 0: ask rank 0 for each run.
class RequestingSource : public RunSource {
 public:
  std::optional<std::uint64_t> next() override {
    std::lock_guard lock(mutex_);
    if (exhausted_) return std::nullopt;
    std::uint64_t request = 0, reply = 0;
    MPI_Send(&request, 1, MPI_UINT64_T, 0, kTagRequest, MPI_COMM_WORLD);
    MPI_Recv(&reply, 1, MPI_UINT64_T, 0, kTagReply, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (reply == kNoMoreRuns) {
      exhausted_ = true;
      return std::nullopt;
    }
    return reply;
  }
  void done() {
    std::lock_guard lock(mutex_);
    std::uint64_t message = 0;
    MPI_Send(&message, 1, MPI_UINT64_T, 0, kTagDone, MPI_COMM_WORLD);
  }

 private:
  std::mutex mutex_;
  bool exhausted_ = false;
};

class MpiWorld : public MpiSession {
 public:
  MpiWorld() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiWorld() override { MPI_Finalize(); }
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void broadcast(int& status, std::vector<std::uint64_t>& values) override {
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::uint64_t n = values.size();
    MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    values.resize(n);
    constexpr std::uint64_t kChunk = 1u << 28;  // MPI counts are ints
    for (std::uint64_t begin = 0; begin < n; begin += kChunk)
      MPI_Bcast(values.data() + begin, static_cast<int>(std::min(kChunk, n - begin)), MPI_UINT64_T,
                0, MPI_COMM_WORLD);
  }
  void barrier() override { MPI_Barrier(MPI_COMM_WORLD); }
  std::uint64_t max_over_ranks(std::uint64_t value) override {
    std::uint64_t out = 0;
    MPI_Allreduce(&value, &out, 1, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD);
    return out;
  }
  std::uint64_t sum_over_ranks(std::uint64_t value) override {
    std::uint64_t out = 0;
    MPI_Allreduce(&value, &out, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    return out;
  }
  std::unique_ptr<RunSource> shared_source(std::vector<std::uint64_t> todo) override {
    if (rank_ == 0) return std::make_unique<DispatchingSource>(std::move(todo), size_);
    return std::make_unique<RequestingSource>();
  }
  void finish(RunSource& source) override {
    if (auto* zero = dynamic_cast<DispatchingSource*>(&source)) return zero->wait_for_others();
    if (auto* other = dynamic_cast<RequestingSource*>(&source)) other->done();
  }
  [[noreturn]] void abort(int status) override {
    MPI_Abort(MPI_COMM_WORLD, status);
    std::exit(status);  // MPI_Abort does not return; this satisfies [[noreturn]]
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

}  // namespace

std::unique_ptr<MpiSession> MpiSession::start(int* argc, char*** argv) {
  if (!launched_by_mpi()) return make_local_session();
  int provided = 0;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS)
    throw RunError("MPI_Init_thread failed");
  if (provided < MPI_THREAD_SERIALIZED) {
    MPI_Finalize();
    throw RunError("this MPI library does not support MPI_THREAD_SERIALIZED");
  }
  return std::make_unique<MpiWorld>();
}

bool built_with_mpi() {
  return true;
}

}  // namespace mentorsim::sweep
