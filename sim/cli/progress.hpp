#pragma once
// A progress bar on stderr, drawn only when stderr is a terminal. Safe to tick from many threads.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace mentorsim::cli {

class Progress {
 public:
  Progress(std::uint64_t total, bool enabled);
  ~Progress();
  void tick();
  // Clears the bar, so what is printed next starts on a clean line (also on destruction).
  void finish();

 private:
  void draw(std::uint64_t done);

  std::uint64_t total_;
  std::atomic<bool> enabled_;  // false once finished: ticks may still arrive from other threads
  std::atomic<std::uint64_t> done_{0};
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace mentorsim::cli

namespace mentorsim::cli {

// Progress of a sweep on stderr: "runs 120/1000 (2 failed), 3.2 runs/s, ETA 4m35s". Redrawn in
// place on a terminal; on a log file (a batch job's output) one line every 30 seconds. Thread-safe.
class SweepProgress {
 public:
  SweepProgress(std::uint64_t total, bool enabled, std::string label);
  ~SweepProgress();
  void tick(bool ok);

 private:
  void draw(bool final_line);

  std::uint64_t total_;
  bool enabled_;
  bool terminal_;
  std::string label_;  // "" or "rank 2: "
  std::atomic<std::uint64_t> done_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace mentorsim::cli
