#pragma once
// The MPI side of `mentorsim sweep`: ranks, a broadcast of the runs to do, and handing runs out
// dynamically — an idle rank asks rank 0 for the next run. Built with MPI when CMake finds it
// (MENTORSIM_MPI, mpi_session_mpi.cpp); otherwise, and whenever the process was not started by an
// MPI launcher, a session of one process (mpi_session_local.cpp) with the same interface.
#include <cstdint>
#include <memory>
#include <vector>

#include "sweep/sweep_runner.hpp"

namespace mentorsim::sweep {

class MpiSession {
 public:
  // Starts MPI if this process was launched by mpirun/srun (their environment variables say so)
  // and the binary was built with MPI; otherwise a session of one.
  static std::unique_ptr<MpiSession> start(int* argc, char*** argv);
  virtual ~MpiSession() = default;

  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Rank 0's `status` and `values` to every rank.
  virtual void broadcast(int& status, std::vector<std::uint64_t>& values) = 0;
  virtual void barrier() = 0;
  // The largest `value` over all ranks.
  virtual std::uint64_t max_over_ranks(std::uint64_t value) = 0;
  virtual std::uint64_t sum_over_ranks(std::uint64_t value) = 0;
  // A source that hands out `todo` (the same list on every rank) to all ranks' workers: rank 0's
  // workers take from it directly, the others ask rank 0. finish() on every rank when its workers
  // are done: rank 0's waits until every other rank has finished.
  virtual std::unique_ptr<RunSource> shared_source(std::vector<std::uint64_t> todo) = 0;
  virtual void finish(RunSource& source) = 0;
  // Ends every rank at once (a failure on one rank would leave the others waiting for it).
  [[noreturn]] virtual void abort(int status) = 0;
};

// Whether this binary was built with MPI.
bool built_with_mpi();

}  // namespace mentorsim::sweep
