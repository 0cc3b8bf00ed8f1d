#include "matching/matcher.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <stdexcept>
#include <string>

#include "matching/min_cost_flow.hpp"
#include "state/world.hpp"

namespace mentorsim::matching {

namespace {

// The fifo rule: a candidate is preferred for more spare room, then for a lower row.
bool preferred(std::int64_t spare, Row row, std::int64_t other_spare, Row other_row) {
  return spare != other_spare ? spare > other_spare : row < other_row;
}

// A candidate with room, ordered so the top of a max-heap is the one the fifo rule prefers.
struct Room {
  std::int64_t spare;
  Row row;
  bool operator<(const Room& other) const { return preferred(other.spare, other.row, spare, row); }
};

bool contains(const std::vector<Row>& rows, Row r) {
  return std::find(rows.begin(), rows.end(), r) != rows.end();
}

// Candidates with room, in row order.
std::vector<Candidate> open_candidates(std::vector<Candidate> candidates) {
  std::erase_if(candidates, [](const Candidate& c) { return c.spare <= 0; });
  const auto by_row = [](const Candidate& a, const Candidate& b) { return a.row < b.row; };
  // Models usually list candidates in row order already; checking is linear, sorting is not.
  if (!std::is_sorted(candidates.begin(), candidates.end(), by_row))
    std::sort(candidates.begin(), candidates.end(), by_row);
  return candidates;
}

// Index into `open` of the k-th sampled candidate for a seeker: every one in turn when there are
// no more than `per_seeker` of them, otherwise uniform with replacement.
struct Sampler {
  Draws draws;
  bool all = true;
  std::size_t tries = 0;
  Sampler(const World& world, const Seeker& s, std::uint64_t stream)
      : draws(world.key(), s.id, world.week(), Purpose::kMatchCandidates, stream) {}
  // Starts one choice among `open` candidates; later choices continue the same draws.
  void start(std::size_t open, std::int64_t per_seeker) {
    all = open <= static_cast<std::size_t>(per_seeker);
    tries = all ? open : static_cast<std::size_t>(per_seeker);
  }
  std::size_t index(std::size_t k, std::size_t open) {
    return all ? k : static_cast<std::size_t>(draws.uniform() * static_cast<double>(open));
  }
};

}  // namespace

std::optional<Row> fifo_pick(std::span<const Candidate> candidates, std::span<const Row> excluded,
                             std::int64_t most) {
  const Candidate* best = nullptr;
  for (const Candidate& c : candidates) {
    if (c.spare <= 0 || (best && !preferred(c.spare, c.row, best->spare, best->row))) continue;
    if (std::find(excluded.begin(), excluded.end(), c.row) != excluded.end()) continue;
    best = &c;
    if (best->spare >= most) break;  // in row order: nobody later is preferred
  }
  return best ? std::optional<Row>(best->row) : std::nullopt;
}

namespace {

void run_fifo(std::span<const Seeker> seekers, const std::vector<Candidate>& open,
              std::vector<Pair>& out) {
  std::priority_queue<Room> rooms;
  for (const Candidate& c : open) rooms.push({c.spare, c.row});
  std::vector<Row> taken;
  std::vector<Room> skipped;
  for (std::size_t i = 0; i < seekers.size() && !rooms.empty(); ++i) {
    taken.clear();
    for (std::int64_t j = 0; j < seekers[i].wants; ++j) {
      skipped.clear();
      while (!rooms.empty() &&
             (rooms.top().row == seekers[i].row || contains(taken, rooms.top().row))) {
        skipped.push_back(rooms.top());
        rooms.pop();
      }
      const bool found = !rooms.empty();
      if (found) {
        Room room = rooms.top();
        rooms.pop();
        out.push_back({i, room.row});
        taken.push_back(room.row);
        if (--room.spare > 0) rooms.push(room);
      }
      for (const Room& r : skipped) rooms.push(r);
      if (!found) break;
    }
  }
}

void run_random(const World& world, std::span<const Seeker> seekers, std::vector<Candidate> open,
                std::uint64_t stream, std::vector<Pair>& out) {
  std::vector<Row> taken;
  std::vector<std::size_t> excluded;  // positions in `open`, ascending
  for (std::size_t i = 0; i < seekers.size() && !open.empty(); ++i) {
    const Seeker& s = seekers[i];
    Draws draws(world.key(), s.id, world.week(), Purpose::kMatchRandom, stream);
    taken.clear();
    for (std::int64_t j = 0; j < s.wants; ++j) {
      excluded.clear();
      for (std::size_t p = 0; p < open.size(); ++p)
        if (open[p].row == s.row || contains(taken, open[p].row)) excluded.push_back(p);
      const std::size_t eligible = open.size() - excluded.size();
      if (eligible == 0) break;
      std::size_t pick = std::min(
          eligible - 1, static_cast<std::size_t>(draws.uniform() * static_cast<double>(eligible)));
      for (std::size_t p : excluded)  // the pick-th position that is not excluded
        if (p <= pick) ++pick;
      out.push_back({i, open[pick].row});
      taken.push_back(open[pick].row);
      if (--open[pick].spare == 0) open.erase(open.begin() + static_cast<std::ptrdiff_t>(pick));
    }
  }
}

void run_best_score(const World& world, std::span<const Seeker> seekers,
                    std::vector<Candidate> open, const ScoreWeights& w, std::int64_t capacity,
                    std::int64_t per_seeker, std::uint64_t stream, std::vector<Pair>& out) {
  // Candidates out of room leave the list the draws index into. They are first only noted (their
  // positions in `open`, ascending) and the c-th remaining candidate is found by stepping over
  // them; the list is compacted once they are many. Erasing each at once moved the rest of a
  // list of 10^4 candidates for every pair made; the choices are the same either way.
  std::vector<std::size_t> gone;
  constexpr std::size_t kCompactAt = 64;
  const auto remaining = [&] { return open.size() - gone.size(); };
  const auto at = [&](std::size_t c) -> Candidate& {
    for (std::size_t g : gone) {
      if (g > c) break;
      ++c;
    }
    return open[c];
  };
  std::vector<Row> taken;
  for (std::size_t i = 0; i < seekers.size() && remaining() > 0; ++i) {
    const Seeker& s = seekers[i];
    Sampler sample(world, s, stream);
    taken.clear();
    for (std::int64_t j = 0; j < s.wants && remaining() > 0; ++j) {
      const std::size_t n = remaining();
      sample.start(n, per_seeker);
      std::size_t best = n;
      double best_score = -std::numeric_limits<double>::infinity();
      for (std::size_t k = 0; k < sample.tries; ++k) {
        const std::size_t c = sample.index(k, n);
        const Candidate& candidate = at(c);
        if (candidate.row == s.row || contains(taken, candidate.row)) continue;
        const double v = score(world, w, candidate.row, s.row, candidate.spare, capacity);
        if (best == n || v > best_score || (v == best_score && c < best)) {
          best_score = v;
          best = c;
        }
      }
      if (best == n) break;
      Candidate& chosen = at(best);
      out.push_back({i, chosen.row});
      taken.push_back(chosen.row);
      if (--chosen.spare > 0) continue;
      const auto position = static_cast<std::size_t>(&chosen - open.data());
      gone.insert(std::upper_bound(gone.begin(), gone.end(), position), position);
      if (gone.size() < kCompactAt) continue;
      std::erase_if(open, [](const Candidate& c) { return c.spare == 0; });  // just the gone ones
      gone.clear();
    }
  }
}

// Scores are rounded to multiples of 2^-28 so the flow works on exact integers.
constexpr double kScoreScale = 268435456.0;

void run_batch_optimal(const World& world, std::span<const Seeker> seekers,
                       const std::vector<Candidate>& open, const ScoreWeights& w,
                       std::int64_t capacity, std::int64_t per_seeker, std::uint64_t stream,
                       std::vector<Pair>& out) {
  if (open.empty() || seekers.empty()) return;
  const int n_seekers = static_cast<int>(seekers.size());
  const int n_open = static_cast<int>(open.size());
  const int source = 0, sink = n_seekers + n_open + 1;
  MinCostFlow flow(sink + 1);
  struct Edge {
    std::size_t seeker;
    std::size_t candidate;
    int id;
  };
  std::vector<Edge> edges;
  std::vector<std::size_t> set;
  for (std::size_t i = 0; i < seekers.size(); ++i) {
    const Seeker& s = seekers[i];
    flow.add_edge(source, 1 + static_cast<int>(i), s.wants, 0);
    Sampler sample(world, s, stream);
    sample.start(open.size(), per_seeker);
    set.clear();
    for (std::size_t k = 0; k < sample.tries; ++k) set.push_back(sample.index(k, open.size()));
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    for (std::size_t c : set) {
      if (open[c].row == s.row) continue;
      const double v = score(world, w, open[c].row, s.row, open[c].spare, capacity);
      const auto cost = -static_cast<std::int64_t>(std::llround(v * kScoreScale));
      const int id =
          flow.add_edge(1 + static_cast<int>(i), 1 + n_seekers + static_cast<int>(c), 1, cost);
      edges.push_back({i, c, id});
    }
  }
  for (int c = 0; c < n_open; ++c)
    flow.add_edge(1 + n_seekers + c, sink, open[static_cast<std::size_t>(c)].spare, 0);
  flow.run(source, sink, /*only_negative=*/true);
  for (const Edge& e : edges)  // already in (seeker, candidate row) order
    if (flow.flow(e.id) > 0) out.push_back({e.seeker, open[e.candidate].row});
}

}  // namespace

double score(const World& world, const ScoreWeights& w, Row mentor, Row learner, std::int64_t spare,
             std::int64_t capacity) {
  const Practitioners& p = world.people;
  const double gap = w.zone == kAllZones ? p.mean_skill(mentor) - p.mean_skill(learner)
                                         : static_cast<double>(p.skill_row(mentor)[w.zone]) -
                                               p.skill_row(learner)[w.zone];
  const double room = static_cast<double>(spare) / static_cast<double>(capacity);
  const double same_group = p.group[mentor] == p.group[learner] ? 1.0 : 0.0;
  const double cross_function = p.function[mentor] != p.function[learner] ? 1.0 : 0.0;
  return w.gap * gap + w.availability * room + w.similarity * same_group +
         w.cross_function * cross_function;
}

std::vector<Pair> match(const World& world, Policy policy, std::span<const Seeker> seekers,
                        std::vector<Candidate> candidates, const ScoreWeights& weights,
                        std::int64_t capacity, std::int64_t candidates_per_seeker,
                        std::uint64_t stream) {
  std::vector<Pair> out;
  std::vector<Candidate> open = open_candidates(std::move(candidates));
  switch (policy) {
    case Policy::kFifo:
      run_fifo(seekers, open, out);
      break;
    case Policy::kRandom:
      run_random(world, seekers, std::move(open), stream, out);
      break;
    case Policy::kBestScore:
      run_best_score(world, seekers, std::move(open), weights, capacity, candidates_per_seeker,
                     stream, out);
      break;
    case Policy::kBatchOptimal:
      run_batch_optimal(world, seekers, open, weights, capacity, candidates_per_seeker, stream,
                        out);
      break;
  }
  return out;
}

}  // namespace mentorsim::matching
