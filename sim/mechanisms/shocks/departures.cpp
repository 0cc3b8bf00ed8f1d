#include "mechanisms/shocks/departures.hpp"

#include <algorithm>
#include <utility>

#include "core/rng.hpp"

namespace mentorsim {

namespace {

// The `count` developers ranked highest by load, skill or developer ties. Candidates: everyone
// able to mentor or developing someone now, in row (id) order; a stable sort by the measure,
// highest first, breaks ties by the lower id.
class TopMentors final : public Shock {
 public:
  explicit TopMentors(const ShockConfig& shock) : count_(shock.count), by_(shock.by) {}

  std::vector<Row> leavers(const World& world) const override {
    const Practitioners& people = world.people;
    std::vector<std::pair<double, Row>> ranked;
    for (Row r = 0; r < people.size(); ++r) {
      if (!people.has(r, flag::kCanMentor) && people.developer_ties[r] == 0) continue;
      ranked.emplace_back(measure(people, r), r);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    const std::size_t k = std::min(ranked.size(), static_cast<std::size_t>(count_));
    std::vector<Row> rows;
    for (std::size_t i = 0; i < k; ++i) rows.push_back(ranked[i].second);
    std::sort(rows.begin(), rows.end());
    return rows;
  }

 private:
  double measure(const Practitioners& people, Row r) const {
    switch (by_) {
      case ShockRank::kSkill:
        return people.mean_skill(r);
      case ShockRank::kTies:
        return static_cast<double>(people.developer_ties[r]);
      case ShockRank::kLoad:
        break;
    }
    return static_cast<double>(people.load_hours[r]);
  }

  std::int64_t count_;
  ShockRank by_;
};

// Each practitioner (of one function, for a layoff) leaves with probability `share`: one draw
// each, keyed by the shock's index so that shocks of the same week draw apart.
class RandomDeparture final : public Shock {
 public:
  RandomDeparture(const ShockConfig& shock, std::size_t index, int function)
      : share_(shock.share), index_(index), function_(function) {}

  std::vector<Row> leavers(const World& world) const override {
    const Practitioners& people = world.people;
    std::vector<Row> rows;
    for (Row r = 0; r < people.size(); ++r) {
      if (function_ >= 0 && people.function[r] != function_) continue;
      if (share_ >= 1.0 ||
          uniform01(world.key(), people.id[r], world.week(), Purpose::kShock, index_) < share_)
        rows.push_back(r);
    }
    return rows;
  }

 private:
  double share_;
  std::size_t index_;
  int function_;  // -1: everyone
};

}  // namespace

std::unique_ptr<Shock> make_top_mentors_shock(const ShockConfig& shock, std::size_t,
                                              const Scenario&) {
  return std::make_unique<TopMentors>(shock);
}

std::unique_ptr<Shock> make_random_departure_shock(const ShockConfig& shock, std::size_t index,
                                                   const Scenario&) {
  return std::make_unique<RandomDeparture>(shock, index, -1);
}

std::unique_ptr<Shock> make_layoff_shock(const ShockConfig& shock, std::size_t index,
                                         const Scenario& scenario) {
  const auto& functions = scenario.population.function_names;
  const auto function = std::find(functions.begin(), functions.end(), shock.function);
  return std::make_unique<RandomDeparture>(shock, index,
                                           static_cast<int>(function - functions.begin()));
}

}  // namespace mentorsim
