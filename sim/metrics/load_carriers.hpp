#pragma once
// Who carries mentoring load, in one pass over the practitioners (docs/metrics.md, "Burnout:
// everyone who carries load" and "Input: senior hours used against the budget"):
//  - the share burned out of the practitioners carrying load this week (load_hours > 0: any
//    learner tie they develop in, facilitation, pod visits, office hours, reverse mentoring), in
//    all and by role, and the hours of reverse-mentoring juniors' invisible labour. The burned-out
//    mentor share (basics) counts only those able to mentor, so it cannot see a peer guide or a
//    junior burn out;
//  - the senior hours used (the load the seniors carry) against their budget (their available
//    hours), and what each used hour bought. "The same budget" across the arms of a comparison is
//    the same capacity, not the same use.
//
// Roles of a load carrier, from their active developer ties (a practitioner may hold several):
//  - senior mentor: flagged senior (arrived experienced);
//  - facilitator: develops through a cohort facilitator tie;
//  - peer guide: not a senior, develops through a tie that is neither facilitation nor reverse;
//  - reverse junior: not a senior, develops a senior through a reverse-mentoring tie.
// Per row in fixed blocks side by side, block sums added in block order: never thread-dependent.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim::metrics {

enum class LoadRole : std::uint8_t { kSeniorMentor, kFacilitator, kPeerGuide, kReverseJunior };
inline constexpr std::size_t kLoadRoles = 4;
std::string_view load_role_name(LoadRole role);  // "senior_mentor", ...

// The roles (bit per LoadRole) practitioner row r holds this week through its active developer
// ties (World::by_developer); 0 when it carries no load. LoadCarriers::compute finds the same
// roles in one pass over the tie table (the tests check they agree).
std::uint8_t load_roles(const World& world, Row r);

struct LoadCarriersWeek {
  std::int64_t carriers = 0, burned_out = 0;
  std::array<std::int64_t, kLoadRoles> by_role{}, burned_out_by_role{};
  double reverse_junior_hours = 0;  // load hours/week of juniors' reverse ties (weighted)
  double senior_hours_used = 0;     // hours/week: load_hours of the seniors
  double senior_hours_budget = 0;   // hours/week: available_hours of the seniors
};

class LoadCarriers final : public MetricGroup {
 public:
  LoadCarriers() = default;
  explicit LoadCarriers(const Scenario&) {}

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;
  void summarize(const SeriesView& series, Values& summary) const override;

  // This week's counts; the reference stays valid until the next call.
  const LoadCarriersWeek& compute(const World& world);

 private:
  LoadCarriersWeek week_;
  std::vector<LoadCarriersWeek> blocks_;  // scratch, by block of rows
  std::vector<std::uint8_t> roles_;       // scratch, by row: roles from the active ties
};

}  // namespace mentorsim::metrics
