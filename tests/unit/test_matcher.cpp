// The shared matcher (sim/matching/) on hand-built worlds, and homophily in the one-on-one model.
#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "matching/matcher.hpp"
#include "support/scenarios.hpp"
#include "support/statistics.hpp"

using namespace mentorsim;
using matching::Candidate;
using matching::Pair;
using matching::Policy;
using matching::ScoreWeights;
using matching::Seeker;

namespace {

// Every mechanism off (testing::kMechanismsOff); two zones, two groups, everyone joined at week 0.
constexpr const char* kBase = R"(
[scenario]
weeks = 208
[population]
initial_size = 120
zones = ["a", "b"]
group_names = ["x", "y"]
group_shares = [0.5, 0.5]
skill_mean = [0.25]
skill_sd = 0.0
senior_share = 0.2
senior_skill_mean = [0.8]
initial_tenure_max_weeks = 0
)";

const Scenario& base() {
  static const Scenario s = params::load_scenario_text(std::string(testing::kMechanismsOff) + kBase,
                                                       "<test_matcher>", {});
  return s;
}

// A world of `n` practitioners (ids = rows) with random skill, group and function from `rng`.
World tiny_world(int n, std::mt19937_64& rng) {
  World world(base(), 0);
  for (int i = 0; i < n; ++i) {
    const Row r = world.people.append(static_cast<PractitionerId>(i), 0);
    world.people.group[r] = static_cast<std::uint8_t>(rng() % 2);
    world.people.function[r] = static_cast<std::uint8_t>(rng() % 3);
    for (int z = 0; z < 2; ++z)
      world.people.skill_row(r)[z] = static_cast<float>(static_cast<double>(rng() % 1000) / 1000.0);
  }
  return world;
}

const std::vector<Policy> kPolicies = {Policy::kFifo, Policy::kRandom, Policy::kBestScore,
                                       Policy::kBatchOptimal};

// Total score of `pairs`, each developer's availability taken at its spare before the batch.
double total_score(const World& w, const std::vector<Pair>& pairs, std::span<const Seeker> seekers,
                   const std::vector<Candidate>& cands, const ScoreWeights& weights, int cap) {
  std::map<Row, std::int64_t> spare;
  for (const Candidate& c : cands) spare[c.row] = c.spare;
  double total = 0;
  for (const Pair& p : pairs)
    total +=
        matching::score(w, weights, p.developer, seekers[p.seeker].row, spare[p.developer], cap);
  return total;
}

// Best total over every assignment (a seeker takes any subset of other candidates, of size at
// most `wants`, within each candidate's spare): exhaustive search.
double brute_force(const World& w, std::span<const Seeker> seekers,
                   const std::vector<Candidate>& spare0, std::vector<Candidate> cands,
                   const ScoreWeights& weights, int cap, std::size_t i = 0) {
  if (i == seekers.size()) return 0.0;
  double best = -1e300;
  const std::size_t m = cands.size();
  for (unsigned mask = 0; mask < (1u << m); ++mask) {
    std::int64_t count = 0;
    bool ok = true;
    double sum = 0;
    for (std::size_t c = 0; c < m; ++c) {
      if (!(mask & (1u << c))) continue;
      ++count;
      ok = ok && cands[c].spare > 0 && cands[c].row != seekers[i].row;
      if (ok)
        sum += matching::score(w, weights, cands[c].row, seekers[i].row, spare0[c].spare, cap);
    }
    if (!ok || count > seekers[i].wants) continue;
    for (std::size_t c = 0; c < m; ++c)
      if (mask & (1u << c)) --cands[c].spare;
    best = std::max(best, sum + brute_force(w, seekers, spare0, cands, weights, cap, i + 1));
    for (std::size_t c = 0; c < m; ++c)
      if (mask & (1u << c)) ++cands[c].spare;
  }
  return best;
}

}  // namespace

TEST_CASE("matcher: capacities hold, nobody is paired with themselves or twice", "[matcher]") {
  std::mt19937_64 rng(7);
  for (int instance = 0; instance < 200; ++instance) {
    World world = tiny_world(12, rng);
    std::vector<Candidate> cands;
    std::vector<Seeker> seekers;
    for (Row r = 0; r < 12; ++r) {
      if (rng() % 2) cands.push_back({r, static_cast<std::int64_t>(rng() % 4)});  // spare may be 0
      if (rng() % 2) seekers.push_back({r, r, 0, 1 + static_cast<std::int64_t>(rng() % 3)});
    }
    const ScoreWeights weights{1.0, 0.5, (instance % 3) - 1.0, 0.3};
    for (Policy policy : kPolicies) {
      INFO("instance " << instance << " policy " << static_cast<int>(policy));
      const auto pairs = matching::match(world, policy, seekers, cands, weights, 4, 3, 0);
      std::map<Row, std::int64_t> dev;
      std::map<std::size_t, std::int64_t> learn;
      std::set<std::pair<std::size_t, Row>> seen;
      for (const Pair& p : pairs) {
        REQUIRE(p.developer != seekers[p.seeker].row);
        REQUIRE(seen.insert({p.seeker, p.developer}).second);
        ++dev[p.developer], ++learn[p.seeker];
      }
      for (const Candidate& c : cands) REQUIRE(dev[c.row] <= std::max<std::int64_t>(0, c.spare));
      for (const auto& [s, n] : learn) REQUIRE(n <= seekers[s].wants);
      for (const auto& [row, n] : dev)  // only candidates develop
        REQUIRE(std::any_of(cands.begin(), cands.end(), [&](auto& c) { return c.row == row; }));
    }
  }
}

TEST_CASE("matcher: fifo gives the longest-waiting seekers first to the most-spare developer",
          "[matcher]") {
  std::mt19937_64 rng(1);
  World world = tiny_world(12, rng);
  const std::vector<Candidate> cands = {{2, 2}, {0, 1}, {1, 3}};  // any order
  std::vector<Seeker> seekers;
  for (Row r = 3; r < 10; ++r) seekers.push_back({r, r, static_cast<Week>(r), 1});
  const auto pairs = matching::match(world, Policy::kFifo, seekers, cands, {}, 4, 16, 0);
  // Spare (0:1, 1:3, 2:2) -> 1, then 1 and 2 tie at 2 -> 1 (lower row), then 2, then all at 1.
  const std::vector<Row> expected = {1, 1, 2, 0, 1, 2};
  REQUIRE(pairs.size() == 6);  // six places: the seventh seeker waits
  for (std::size_t i = 0; i < 6; ++i)
    CHECK((pairs[i].seeker == i && pairs[i].developer == expected[i]));
  // A seeker who is the most-spare developer goes to the next one.
  const std::vector<Seeker> self = {{1, 1, 0, 1}, {4, 4, 0, 1}};
  const auto p2 = matching::match(world, Policy::kFifo, self, cands, {}, 4, 16, 0);
  REQUIRE(p2.size() == 2);
  CHECK((p2[0].developer == 2 && p2[1].developer == 1));
}

TEST_CASE("matcher: random is deterministic for a seed and differs by stream", "[matcher]") {
  std::mt19937_64 rng(2);
  World world = tiny_world(40, rng);
  std::vector<Candidate> cands;
  std::vector<Seeker> seekers;
  for (Row r = 0; r < 20; ++r) cands.push_back({r, 1});
  for (Row r = 10; r < 30; ++r) seekers.push_back({r, r, 0, 1});
  const auto run = [&](std::uint64_t stream) {
    std::vector<Row> devs;
    for (const Pair& p : matching::match(world, Policy::kRandom, seekers, cands, {}, 1, 16, stream))
      devs.push_back(p.developer);
    return devs;
  };
  const auto a = run(0);
  CHECK(a.size() == 20);  // 20 places, 20 seekers; seeker r never gets row r
  CHECK(a == run(0));
  CHECK(a != run(1));
  // The first seeker's pick is the draw mapped onto the 19 candidates other than itself.
  Draws d(world.key(), 10, 0, Purpose::kMatchRandom, 0);
  auto pick = static_cast<Row>(d.uniform() * 19.0);
  if (pick >= 10) ++pick;
  CHECK(a[0] == pick);
}

TEST_CASE("matcher: best_score picks the best of the sampled candidates", "[matcher]") {
  std::mt19937_64 rng(3);
  World world = tiny_world(40, rng);
  std::vector<Candidate> cands;
  for (Row r = 0; r < 30; ++r) cands.push_back({r, 2});
  const ScoreWeights w{1.0, 0.5, 0.2, 0.1};
  const std::vector<Seeker> one = {{35, 35, 0, 1}};
  for (std::int64_t per : {4, 30}) {  // sampled with replacement, or all
    const auto pairs = matching::match(world, Policy::kBestScore, one, cands, w, 4, per, 5);
    REQUIRE(pairs.size() == 1);
    Draws d(world.key(), 35, 0, Purpose::kMatchCandidates, 5);
    double best = -1e300;
    Row best_row = kNoRow;
    for (std::int64_t k = 0; k < per; ++k) {
      const auto r = per == 30 ? static_cast<Row>(k) : static_cast<Row>(d.uniform() * 30.0);
      const double s = matching::score(world, w, r, 35, 2, 4);
      if (s > best || (s == best && r < best_row)) best = s, best_row = r;
    }
    CHECK(pairs[0].developer == best_row);
  }
}

TEST_CASE("matcher: the gap term reads one zone when the weights name it", "[matcher]") {
  std::mt19937_64 rng(11);
  const World world = tiny_world(10, rng);
  const Practitioners& p = world.people;
  for (Row m = 0; m < 10; ++m) {
    const double mean = p.mean_skill(m) - p.mean_skill(9);
    CHECK(matching::score(world, ScoreWeights{1.0, 0, 0, 0}, m, 9, 1, 4) == mean);
    for (std::int8_t z = 0; z < 2; ++z) {
      const double lead = static_cast<double>(p.skill_row(m)[z]) - p.skill_row(9)[z];
      CHECK(matching::score(world, ScoreWeights{2.0, 0, 0, 0, z}, m, 9, 1, 4) == 2.0 * lead);
    }
  }
}

// best_score as documented (matching/matcher.hpp), candidates out of room erased at once: the
// reference the matcher's cheaper bookkeeping of exhausted candidates must reproduce.
std::vector<Pair> best_score_reference(const World& world, std::span<const Seeker> seekers,
                                       std::vector<Candidate> open, const ScoreWeights& w,
                                       std::int64_t capacity, std::int64_t per_seeker,
                                       std::uint64_t stream) {
  std::vector<Pair> out;
  for (std::size_t i = 0; i < seekers.size() && !open.empty(); ++i) {
    const Seeker& s = seekers[i];
    Draws draws(world.key(), s.id, world.week(), Purpose::kMatchCandidates, stream);
    std::vector<Row> taken;
    for (std::int64_t j = 0; j < s.wants && !open.empty(); ++j) {
      const bool all = open.size() <= static_cast<std::size_t>(per_seeker);
      const std::size_t tries = all ? open.size() : static_cast<std::size_t>(per_seeker);
      std::size_t best = open.size();
      double best_score = 0;
      for (std::size_t k = 0; k < tries; ++k) {
        const std::size_t c =
            all ? k : static_cast<std::size_t>(draws.uniform() * static_cast<double>(open.size()));
        if (open[c].row == s.row ||
            std::find(taken.begin(), taken.end(), open[c].row) != taken.end())
          continue;
        const double v = matching::score(world, w, open[c].row, s.row, open[c].spare, capacity);
        if (best == open.size() || v > best_score || (v == best_score && c < best))
          best_score = v, best = c;
      }
      if (best == open.size()) break;
      out.push_back({i, open[best].row});
      taken.push_back(open[best].row);
      if (--open[best].spare == 0) open.erase(open.begin() + static_cast<std::ptrdiff_t>(best));
    }
  }
  return out;
}

TEST_CASE("matcher: best_score over a large batch makes the documented pairs", "[matcher]") {
  // 400 seekers wanting up to 2 over 300 candidates with room for 1 or 2: hundreds of
  // candidates run out of room within the batch, sampled (8 per seeker) and, near the end, all.
  std::mt19937_64 rng(11);
  World world = tiny_world(900, rng);
  std::vector<Candidate> cands;
  for (Row r = 0; r < 300; ++r) cands.push_back({r, 1 + static_cast<std::int64_t>(rng() % 2)});
  std::vector<Seeker> seekers;
  for (Row r = 250; r < 650; ++r)  // rows 250-299 are candidates too: never their own developer
    seekers.push_back({r, r, 0, 1 + static_cast<std::int64_t>(rng() % 2)});
  const ScoreWeights w{1.0, 0.5, -0.3, 0.2};
  for (std::int64_t per : {8, 1000}) {
    const auto pairs = matching::match(world, Policy::kBestScore, seekers, cands, w, 2, per, 9);
    const auto expected = best_score_reference(world, seekers, cands, w, 2, per, 9);
    REQUIRE(pairs.size() == expected.size());
    CHECK(pairs.size() > 300);  // most of the 450 places are taken
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      CHECK(pairs[k].seeker == expected[k].seeker);
      CHECK(pairs[k].developer == expected[k].developer);
    }
  }
}

TEST_CASE("matcher: batch_optimal is optimal and at least as good as best_score", "[matcher]") {
  std::mt19937_64 rng(4);
  for (int instance = 0; instance < 150; ++instance) {
    World world = tiny_world(10, rng);
    const std::size_t n_seekers = 1 + rng() % 6;
    const std::int64_t max_wants = n_seekers <= 3 ? 2 : 1;
    std::vector<Candidate> cands;
    for (Row r = 0; r < 4; ++r) cands.push_back({r, 1 + static_cast<std::int64_t>(rng() % 2)});
    std::vector<Seeker> seekers;
    for (std::size_t i = 0; i < n_seekers; ++i) {
      const auto r = static_cast<Row>(2 + i);  // rows 2 and 3 are also developers
      seekers.push_back({r, r, 0, 1 + static_cast<std::int64_t>(rng() % max_wants)});
    }
    const auto u = [&] { return static_cast<double>(rng() % 2001) / 1000.0 - 1.0; };
    const ScoreWeights w{u(), u(), u(), u()};
    INFO("instance " << instance);
    const auto batch = matching::match(world, Policy::kBatchOptimal, seekers, cands, w, 2, 16, 0);
    const auto greedy = matching::match(world, Policy::kBestScore, seekers, cands, w, 2, 16, 0);
    const double opt = brute_force(world, seekers, cands, cands, w, 2);
    const double got = total_score(world, batch, seekers, cands, w, 2);
    CHECK(got == Approx(opt).margin(1e-6));
    CHECK(got >= total_score(world, greedy, seekers, cands, w, 2) - 1e-6);
  }
}

TEST_CASE("matcher: a negative similarity weight makes more cross-group pairs", "[matcher]") {
  std::mt19937_64 rng(5);
  World world = tiny_world(200, rng);
  std::vector<Candidate> cands;
  std::vector<Seeker> seekers;
  for (Row r = 0; r < 40; ++r) cands.push_back({r, 2});
  for (Row r = 40; r < 200; ++r) seekers.push_back({r, r, 0, 1});
  for (Policy policy : {Policy::kBestScore, Policy::kBatchOptimal}) {
    const auto cross = [&](double similarity) {
      int n = 0;
      for (const Pair& p :
           matching::match(world, policy, seekers, cands, {0.5, 0.5, similarity, 0}, 2, 8, 0))
        n += world.people.group[p.developer] != world.people.group[seekers[p.seeker].row];
      return n;
    };
    CHECK(cross(-1.0) > cross(1.0) + 20);
  }
}

TEST_CASE("one-on-one: cross_group_end_per_year dissolves cross-group ties at its rate",
          "[matcher][one_on_one][stats]") {
  const double h = 5.0;  // 1/year
  const Scenario s =
      params::load_scenario_text(std::string(testing::kMechanismsOff) + kBase +
                                     "[[programme]]\nkind = \"one_on_one\"\nduration_weeks = 26\n"
                                     "initial_seek_share = 1.0\ncross_group_end_per_year = " +
                                     std::to_string(h) + "\n",
                                 "<test_matcher>", {});
  Simulation sim(s, 0);
  std::map<TieId, Week> same;  // same-group ties of last week -> planned end: none ends early
  double exposed = 0, dissolved = 0;
  for (Week w = 0; w < 208; ++w) {
    sim.step();
    const Ties& ties = sim.world().ties;
    const Practitioners& people = sim.world().people;
    std::map<TieId, Week> now;
    double cross = 0;
    for (TieRow t = 0; t < ties.size(); ++t) {
      if (people.group[ties.developer[t]] == people.group[ties.learner[t]])
        now[ties.id[t]] = ties.planned_end[t];
      else
        ++cross;
    }
    for (const auto& [id, end] : same)
      if (!now.count(id)) REQUIRE(end == w);  // gone only by completing
    same = std::move(now);
    const double ended =
        sim.recorder().series("ties_ended_dissolved").at(static_cast<std::size_t>(w));
    exposed += cross + ended;  // every cross-group tie active at upkeep
    dissolved += ended;
  }
  const double p = 1.0 - std::exp(-h / 52.0);
  const double se = testing::binomial_se(p, exposed);
  INFO("exposed " << exposed << " dissolved " << dissolved);
  CHECK(exposed > 2000);
  CHECK(std::abs(dissolved / exposed - p) < 4 * se);
}

TEST_CASE("one-on-one: random and batch_optimal stay within capacity, the same at 1 and 4 threads",
          "[matcher][one_on_one]") {
  const std::string policy = GENERATE("random", "batch_optimal");
  const Scenario s =
      testing::bundled("one_on_one", 52,
                       {"programme.0.matching=" + policy, "programme.0.weight_similarity=-0.2",
                        "programme.0.cross_group_end_per_year=1.0"});
  const auto run = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    Simulation sim(s, 0);
    sim.run();
    for (Row r = 0; r < sim.world().people.size(); ++r)
      REQUIRE(sim.world().people.developer_ties[r] <= 6);  // max_mentees
    return sim.recorder().result(s, 0).weekly;
  };
  const auto one = run(1), four = run(4);
  REQUIRE(one.size() == four.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    INFO(one[i].name);
    CHECK(
        std::equal(one[i].values.begin(), one[i].values.end(), four[i].values.begin(),
                   [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }));
  }
  double matches = 0, dissolved = 0;
  for (const auto& series : one) {
    if (series.name == "matches")
      for (double v : series.values) matches += v;
    if (series.name == "ties_ended_dissolved")
      for (double v : series.values) dissolved += v;
  }
  CHECK((matches > 0 && dissolved > 0));
}

// The reference for fifo_pick is the matcher itself: one seeker with the excluded rows taken out
// of the candidates (the seeker's own row is excluded by the matcher anyway), Policy::kFifo.
TEST_CASE("fifo_pick gives the developer fifo matching gives one seeker, on random lists",
          "[matching][reference]") {
  std::mt19937_64 rng(20261206);
  const World world = tiny_world(60, rng);
  for (int trial = 0; trial < 2000; ++trial) {
    INFO("trial " << trial);
    const std::int64_t most = 1 + static_cast<std::int64_t>(rng() % 4);
    // Rows in row order, some missing; spare from -1 (no room) up to `most`; many ties.
    std::vector<Candidate> candidates;
    for (Row r = 0; r < 60; ++r)
      if (rng() % 3 == 0)
        candidates.push_back({r, static_cast<std::int64_t>(rng() % (most + 2)) - 1});
    std::vector<Row> excluded;
    const Row seeker_row = static_cast<Row>(rng() % 60);
    excluded.push_back(seeker_row);  // the seeker (a cohort's first member) is always excluded
    for (int k = static_cast<int>(rng() % 6); k > 0; --k)
      excluded.push_back(static_cast<Row>(rng() % 60));
    std::vector<Candidate> allowed;
    for (const Candidate& c : candidates)
      if (c.row == seeker_row ||
          std::find(excluded.begin(), excluded.end(), c.row) == excluded.end())
        allowed.push_back(c);
    const Seeker seeker{seeker_row, seeker_row, 0, 1};
    const std::vector<Pair> pairs =
        matching::match(world, Policy::kFifo, {&seeker, 1}, allowed, {}, most, 1, 0);
    const std::optional<Row> picked = matching::fifo_pick(candidates, excluded, most);
    REQUIRE(picked.has_value() == !pairs.empty());
    if (picked) CHECK(*picked == pairs.front().developer);
  }
}
