#pragma once
// Matching shared by every model: seekers (learners waiting for a developer) are paired with
// candidates (developers with spare capacity) under capacity caps on both sides.
//
// The matcher is a "scout, not a settler" (constellation seed §7): it surfaces and ranks
// candidates; the model decides what a pair becomes (the tie it creates, its duration and quality).
// It never changes the World: it returns pairs, and the caller creates the ties in the order
// returned.
//
// Policies (see docs/model.md, "Matching"):
//   fifo          seekers in order, each to the candidate with the most spare places (ties: lowest
//                 row). Ignores scores and draws nothing.
//   random        seekers in order, each to a uniformly random candidate with room
//                 (Draws: entity = seeker id, week, Purpose::kMatchRandom, stream).
//   best_score    seekers in order; `candidates_per_seeker` candidates with room are sampled with
//                 replacement (Purpose::kMatchCandidates; every candidate when there are no more
//                 than that), and the best score wins (ties: lowest row). Spare, and so the
//                 availability term, is updated after every pair.
//   batch_optimal the whole batch at once: maximises the total score subject to each candidate
//                 taking at most `spare` seekers and each seeker at most `wants` candidates, over
//                 the edges seeker → its sampled candidate set (the same sampling as best_score,
//                 from the candidates at the start of the batch). A seeker may stay unmatched,
//                 which contributes 0: a pair with a negative score is never made, and a pair is
//                 only made if it raises the total. Spare in the availability term is that at the
//                 start. Exact, by min-cost flow (matching/min_cost_flow.hpp) on scores rounded to
//                 2^-28. O(E·V) for potentials plus O(F·E log V) for F pairs, E ≤ seekers ×
//                 candidates.
//
// Determinism: draws are keyed by (seeker id, week, purpose, stream); candidates are kept in row
// order; every tie is broken by row or seeker index; no container is ordered by address or hash.
// No policy pairs a practitioner with themselves or the same pair twice.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "scenario/matching_policy.hpp"
#include "state/ids.hpp"
#include "state/ties.hpp"  // kAllZones

namespace mentorsim {
class World;
}

namespace mentorsim::matching {

// A programme's `matching` key (scenario/matching_policy.hpp).
using Policy = MatchingPolicy;

// A developer with room: `spare` = how many more seekers they take now (≤ 0: ignored).
struct Candidate {
  Row row = kNoRow;
  std::int64_t spare = 0;
};

// A learner waiting, in queue order. `wants` = how many developers they may take in this batch.
struct Seeker {
  PractitionerId id = 0;
  Row row = kNoRow;
  Week since = 0;
  std::int64_t wants = 1;
};

// score(m, l) = gap·(K_m − K_l) + availability·spare_m/capacity + similarity·[group_m = group_l]
//             + cross_function·[function_m ≠ function_l], K = skill in `zone`, or the mean skill
//             over zones when `zone` is kAllZones (a programme matching for one zone, like a
//             constellation's slot, ranks developers by their lead there).
struct ScoreWeights {
  double gap = 0;
  double availability = 0;
  double similarity = 0;
  double cross_function = 0;
  std::int8_t zone = kAllZones;
};

// The weights a model's config gives (its weight_gap, weight_availability, weight_similarity and
// weight_cross_function keys).
template <class Config>
ScoreWeights weights_of(const Config& config) {
  return {config.weight_gap, config.weight_availability, config.weight_similarity,
          config.weight_cross_function};
}

// One pair: seekers[seeker] is developed by practitioner row `developer`.
struct Pair {
  std::size_t seeker;
  Row developer;
};

// The score of developer `mentor` for learner `learner`, with `spare` places left out of
// `capacity`.
double score(const World& world, const ScoreWeights& weights, Row mentor, Row learner,
             std::int64_t spare, std::int64_t capacity);

// The fifo choice for one seeker who may take none of `excluded` (the seeker's own row among
// them): the candidate with the most spare room, ties to the lowest row; none when no candidate
// has room. The same rule as match() with Policy::kFifo (tests check the two agree). `candidates`
// are in row order; the scan stops at the first one with `most` room, which nobody exceeds (a
// nominal capacity). For a model that picks one developer at a time from a long list it keeps up
// to date (the cohort model's facilitators): no copy, no heap.
std::optional<Row> fifo_pick(std::span<const Candidate> candidates, std::span<const Row> excluded,
                             std::int64_t most);

// Pairs `seekers` with `candidates` under `policy`. Returns pairs in the order they are made
// (fifo, random, best_score: seeker order, each seeker's pairs in the order chosen;
// batch_optimal: by seeker index, then developer row). `capacity` is the denominator of the
// availability term; `stream` separates the draws of different programmes.
std::vector<Pair> match(const World& world, Policy policy, std::span<const Seeker> seekers,
                        std::vector<Candidate> candidates, const ScoreWeights& weights,
                        std::int64_t capacity, std::int64_t candidates_per_seeker,
                        std::uint64_t stream);

}  // namespace mentorsim::matching
