#pragma once
// Streams finished runs into one process's parts (see sweep_directory.hpp). A run's weekly series
// are written as soon as it finishes; its summary values wait in memory until the part is
// committed, which happens every `checkpoint` and whenever the part holds kRunsPerPart runs, so
// memory stays bounded however many runs the sweep has.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "metrics/run_result.hpp"
#include "output/hdf5_util.hpp"
#include "output/invocation.hpp"
#include "sweep/sweep_plan.hpp"

namespace mentorsim::sweep {

inline constexpr std::size_t kRunsPerPart = 2000;

// Format of a part file (root attribute `format`, docs/sweeps.md).
inline constexpr const char* kPartFormat = "mentorsim-sweep-part";
inline constexpr int kPartFormatVersion = 1;

class PartWriter {
 public:
  // Takes the lock of `prefix` in DIR/parts (InputError if another live process holds it) and
  // removes that prefix's temporaries left by a killed process.
  PartWriter(std::filesystem::path dir, std::string prefix, InvocationInfo info,
             const SweepPlan& plan, std::chrono::milliseconds checkpoint);
  ~PartWriter();  // commits what is done (a RunError there is swallowed: call commit() to see it)
  PartWriter(const PartWriter&) = delete;
  PartWriter& operator=(const PartWriter&) = delete;

  // Adds a finished run; thread-safe. May commit the part.
  void add(std::uint64_t run, const RunResult& result);
  // Closes, syncs and renames the open part, if it holds any run. Thread-safe.
  void commit();
  std::uint64_t committed_runs() const { return committed_; }

 private:
  struct OpenPart;
  void open_part();
  void commit_locked();

  std::filesystem::path parts_;
  std::string prefix_;
  InvocationInfo info_;
  const SweepPlan& plan_;
  std::chrono::milliseconds checkpoint_;
  std::filesystem::path lock_path_;  // parts/.PREFIX.lock, held while this writer lives
  int lock_fd_ = -1;
  std::mutex mutex_;
  std::unique_ptr<OpenPart> part_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t committed_ = 0;
};

}  // namespace mentorsim::sweep
