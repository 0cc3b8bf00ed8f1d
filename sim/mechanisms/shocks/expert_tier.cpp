#include "mechanisms/shocks/expert_tier.hpp"

#include <algorithm>
#include <utility>

#include "mechanisms/shocks/pick.hpp"

namespace mentorsim {

namespace {

// Ranks the seniors present by skill (0–1), highest first, ties broken by the lower id, and
// removes the first `count`, or people_in_share(share, tier size) of them.
class ExpertTier final : public Shock {
 public:
  ExpertTier(const ShockConfig& shock, int zone) : shock_(shock), zone_(zone) {}

  std::vector<Row> leavers(const World& world) const override {
    const Practitioners& people = world.people;
    std::vector<std::pair<double, Row>> tier;
    for (Row r = 0; r < people.size(); ++r)
      if (people.has(r, flag::kSenior)) tier.emplace_back(skill(people, r), r);
    const std::int64_t leaving =
        shock_.by_count ? shock_.count : people_in_share(shock_.share, tier.size());
    return pick_top(std::move(tier), leaving);
  }

 private:
  double skill(const Practitioners& people, Row r) const {
    return zone_ < 0 ? people.mean_skill(r) : static_cast<double>(people.skill_row(r)[zone_]);
  }

  ShockConfig shock_;
  int zone_;  // index in population.zones; -1: the mean over zones
};

}  // namespace

std::unique_ptr<Shock> make_expert_tier_shock(const ShockConfig& shock, std::size_t,
                                              const Scenario& scenario) {
  int zone = -1;
  if (!shock.zone.empty()) {
    const auto& zones = scenario.population.zones;
    zone = static_cast<int>(std::find(zones.begin(), zones.end(), shock.zone) - zones.begin());
  }
  return std::make_unique<ExpertTier>(shock, zone);
}

}  // namespace mentorsim
