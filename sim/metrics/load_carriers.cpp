#include "metrics/load_carriers.hpp"

#include <fmt/format.h>

#include "core/blocks.hpp"

namespace mentorsim::metrics {

namespace {
constexpr std::array<LoadRole, kLoadRoles> kRoles = {LoadRole::kSeniorMentor,
                                                     LoadRole::kFacilitator, LoadRole::kPeerGuide,
                                                     LoadRole::kReverseJunior};
constexpr std::array<std::string_view, kLoadRoles> kRoleDocs = {
    "senior mentors (flagged senior)", "cohort facilitators",
    "peer guides (not senior; one-on-one, guide, pod or office-hours ties)",
    "reverse-mentoring juniors"};

std::uint8_t bit(LoadRole role) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(role));
}
std::string share_name(LoadRole role) {
  return fmt::format("burned_out_share/{}", load_role_name(role));
}
std::string peak_name(LoadRole role) {
  return fmt::format("peak_burned_out_share/{}", load_role_name(role));
}
double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}
}  // namespace

std::string_view load_role_name(LoadRole role) {
  switch (role) {
    case LoadRole::kSeniorMentor:
      return "senior_mentor";
    case LoadRole::kFacilitator:
      return "facilitator";
    case LoadRole::kPeerGuide:
      return "peer_guide";
    case LoadRole::kReverseJunior:
      return "reverse_junior";
  }
  return "senior_mentor";
}

std::uint8_t load_roles(const World& world, Row r) {
  const Practitioners& people = world.people;
  if (people.load_hours[r] <= 0) return 0;
  const bool senior = people.has(r, flag::kSenior);
  std::uint8_t roles = senior ? bit(LoadRole::kSeniorMentor) : 0;
  for (auto i = world.by_developer.begin(r); i < world.by_developer.end(r); ++i) {
    const auto kind = static_cast<TieKind>(world.ties.kind[world.by_developer.rows[i]]);
    if (kind == TieKind::kFacilitator)
      roles |= bit(LoadRole::kFacilitator);
    else if (senior)
      continue;
    else if (kind == TieKind::kReverse)
      roles |= bit(LoadRole::kReverseJunior);
    else
      roles |= bit(LoadRole::kPeerGuide);
  }
  return roles;
}

const MetricTable& LoadCarriers::declared() {
  static const MetricTable table = [] {
    MetricTable t("load_carriers",
                  "Burnout over everyone carrying mentoring load, in all and by role, and "
                  "juniors' invisible labour.",
                  Theme::kBurnout);
    t.series("load_carriers", "practitioners",
             "Practitioners carrying mentoring load this week (load_hours > 0).");
    t.series("burned_out_load_carrier_share", "share",
             "Share of the practitioners carrying load who are burned out.")
        .lower();
    for (std::size_t k = 0; k < kLoadRoles; ++k)
      t.series(share_name(kRoles[k]), "share",
               fmt::format("Share of {} carrying load who are burned out.", kRoleDocs[k]))
          .lower();
    t.series("reverse_junior_hours", "hours/week",
             "Load hours juniors carry in reverse mentoring, invisible-labour weight included.")
        .lower();

    t.summary("peak_burned_out_load_carrier_share", peak_of("burned_out_load_carrier_share"),
              "share", "Largest share of load carriers burned out.")
        .lower()
        .headline();
    t.summary("mean_burned_out_load_carrier_share", mean_of("burned_out_load_carrier_share"),
              "share", "Share of load carriers burned out, averaged over weeks.")
        .lower();
    for (std::size_t k = 0; k < kLoadRoles; ++k)
      t.summary(peak_name(kRoles[k]), peak_of(share_name(kRoles[k])), "share",
                fmt::format("Largest share of {} burned out.", kRoleDocs[k]))
          .lower();
    t.summary("mean_reverse_junior_hours", mean_of("reverse_junior_hours"), "hours/week",
              "Juniors' reverse-mentoring load hours, averaged over weeks.")
        .lower();
    return t;
  }();
  return table;
}

void LoadCarriers::record(const World& world, Values& week) {
  const LoadCarriersWeek& w = compute(world);
  week.set("load_carriers", static_cast<double>(w.carriers));
  week.set("burned_out_load_carrier_share", share(w.burned_out, w.carriers));
  for (std::size_t k = 0; k < kLoadRoles; ++k)
    week.set(share_name(kRoles[k]), share(w.burned_out_by_role[k], w.by_role[k]));
  week.set("reverse_junior_hours", w.reverse_junior_hours);
}

const LoadCarriersWeek& LoadCarriers::compute(const World& world) {
  const Practitioners& people = world.people;
  const Ties& ties = world.ties;
  blocks_.resize(block_count(people.size()));
  for_each_block(people.size(), [&](Block b) {
    LoadCarriersWeek& p = blocks_[b.index];
    p = LoadCarriersWeek{};
    for (auto r = static_cast<Row>(b.first); r < b.last; ++r) {
      if (people.load_hours[r] <= 0) continue;
      const std::uint8_t roles = load_roles(world, r);
      const bool burned_out = people.has(r, flag::kBurnedOut);
      ++p.carriers;
      p.burned_out += burned_out;
      for (std::size_t k = 0; k < kLoadRoles; ++k)
        if (roles & bit(kRoles[k])) {
          ++p.by_role[k];
          p.burned_out_by_role[k] += burned_out;
        }
      if (!(roles & bit(LoadRole::kReverseJunior))) continue;
      for (auto i = world.by_developer.begin(r); i < world.by_developer.end(r); ++i) {
        const TieRow t = world.by_developer.rows[i];
        if (ties.kind[t] == static_cast<std::uint8_t>(TieKind::kReverse))
          p.reverse_junior_hours += ties.weekly_load(t);
      }
    }
  });
  week_ = LoadCarriersWeek{};
  for (const LoadCarriersWeek& p : blocks_) {
    week_.carriers += p.carriers;
    week_.burned_out += p.burned_out;
    for (std::size_t k = 0; k < kLoadRoles; ++k) {
      week_.by_role[k] += p.by_role[k];
      week_.burned_out_by_role[k] += p.burned_out_by_role[k];
    }
    week_.reverse_junior_hours += p.reverse_junior_hours;
  }
  return week_;
}

}  // namespace mentorsim::metrics
