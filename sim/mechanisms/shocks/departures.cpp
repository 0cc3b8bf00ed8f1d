#include "mechanisms/shocks/departures.hpp"

#include <algorithm>
#include <utility>

#include "mechanisms/shocks/pick.hpp"

namespace mentorsim {

namespace {

// The `count` developers ranked highest by load, skill or developer ties. Candidates: everyone
// able to mentor or developing someone now, in row (id) order; ties broken by the lower id. Who
// carries load depends on the model (senior mentors in one-on-one, peer guides in constellations):
// a model-specific proxy, unlike expert_tier.
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
    return pick_top(std::move(ranked), count_);
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

// Who a random departure considers.
enum class Target : std::uint8_t {
  kEveryone,      // random_departure
  kFunction,      // layoff: the practitioners of one function
  kLoadCarriers,  // load_carriers: developers with load_hours > 0 (hours/week, last computed)
};

// Each candidate leaves with probability `share`, or exactly `count` of them at random (pick.hpp):
// draws keyed by the shock's index so that shocks of the same week draw apart.
class RandomDeparture final : public Shock {
 public:
  RandomDeparture(const ShockConfig& shock, std::size_t index, Target target, int function = -1)
      : shock_(shock), index_(index), target_(target), function_(function) {}

  std::vector<Row> leavers(const World& world) const override {
    const std::vector<Row> candidates = targets(world.people);
    if (shock_.by_count) return pick_count(world, candidates, shock_.count, index_);
    return pick_by_share(world, candidates, shock_.share, index_);
  }

 private:
  std::vector<Row> targets(const Practitioners& people) const {
    std::vector<Row> rows;
    for (Row r = 0; r < people.size(); ++r) {
      if (target_ == Target::kFunction && people.function[r] != function_) continue;
      if (target_ == Target::kLoadCarriers && !(people.load_hours[r] > 0.0f)) continue;
      rows.push_back(r);
    }
    return rows;
  }

  ShockConfig shock_;
  std::size_t index_;
  Target target_;
  int function_;  // kFunction: the function's index in population.function_names
};

}  // namespace

std::unique_ptr<Shock> make_top_mentors_shock(const ShockConfig& shock, std::size_t,
                                              const Scenario&) {
  return std::make_unique<TopMentors>(shock);
}

std::unique_ptr<Shock> make_random_departure_shock(const ShockConfig& shock, std::size_t index,
                                                   const Scenario&) {
  return std::make_unique<RandomDeparture>(shock, index, Target::kEveryone);
}

std::unique_ptr<Shock> make_layoff_shock(const ShockConfig& shock, std::size_t index,
                                         const Scenario& scenario) {
  const auto& functions = scenario.population.function_names;
  const auto function = std::find(functions.begin(), functions.end(), shock.function);
  return std::make_unique<RandomDeparture>(shock, index, Target::kFunction,
                                           static_cast<int>(function - functions.begin()));
}

std::unique_ptr<Shock> make_load_carriers_shock(const ShockConfig& shock, std::size_t index,
                                                const Scenario&) {
  return std::make_unique<RandomDeparture>(shock, index, Target::kLoadCarriers);
}

}  // namespace mentorsim
