#pragma once
// The shared matcher's policies (matching/matcher.hpp), as a programme's `matching` key chooses
// them: the names are declared with each kind's parameters (scenario/programmes/).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mentorsim {

enum class MatchingPolicy : std::uint8_t { kFifo, kRandom, kBestScore, kBatchOptimal };

// The policies by name, in the order the docs list them.
inline std::vector<std::pair<std::string, MatchingPolicy>> matching_policies() {
  return {{"fifo", MatchingPolicy::kFifo},
          {"random", MatchingPolicy::kRandom},
          {"best_score", MatchingPolicy::kBestScore},
          {"batch_optimal", MatchingPolicy::kBatchOptimal}};
}

}  // namespace mentorsim
