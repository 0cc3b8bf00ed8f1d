// A session of one process: the whole sweep runs here (built without MPI, or not started by an
// MPI launcher).
#include "sweep/mpi_session.hpp"

#include <cstdlib>

namespace mentorsim::sweep {

namespace {

class LocalSession : public MpiSession {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void broadcast(int&, std::vector<std::uint64_t>&) override {}
  void barrier() override {}
  std::uint64_t max_over_ranks(std::uint64_t value) override { return value; }
  std::uint64_t sum_over_ranks(std::uint64_t value) override { return value; }
  std::unique_ptr<RunSource> shared_source(std::vector<std::uint64_t> todo) override {
    return std::make_unique<ListSource>(std::move(todo));
  }
  void finish(RunSource&) override {}
  [[noreturn]] void abort(int status) override { std::exit(status); }
};

}  // namespace

std::unique_ptr<MpiSession> make_local_session() {
  return std::make_unique<LocalSession>();
}

#ifndef MENTORSIM_HAVE_MPI
std::unique_ptr<MpiSession> MpiSession::start(int*, char***) {
  return make_local_session();
}
bool built_with_mpi() {
  return false;
}
#endif

}  // namespace mentorsim::sweep
