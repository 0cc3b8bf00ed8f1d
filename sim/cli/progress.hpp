#pragma once
// A progress bar on stderr, drawn only when stderr is a terminal. Safe to tick from many threads.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace mentorsim::cli {

class Progress {
 public:
  Progress(std::uint64_t total, bool enabled);
  ~Progress();
  void tick();

 private:
  void draw(std::uint64_t done);

  std::uint64_t total_;
  bool enabled_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace mentorsim::cli
