#include "mechanisms/joining.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/distributions.hpp"

namespace mentorsim {

Joining::Joining(const Scenario& scenario)
    : population_(scenario.population),
      joining_(scenario.joining),
      burnout_(scenario.burnout),
      roster_(scenario.roster.get()) {}

double Joining::seniority_draw(StreamKey key, PractitionerId id) {
  return uniform01(key, id, 0, Purpose::kSeniority);
}

Joining::SeniorRule Joining::exact_count(StreamKey key, PractitionerId first, std::int64_t n,
                                         std::int64_t count) {
  if (count <= 0) return {0.0, false, 0};  // u < 0: nobody
  if (count >= n) return {2.0, false, 0};  // u < 2: everybody
  // The count-th smallest (draw, id): everyone up to it, in that order, is senior.
  std::vector<std::pair<double, PractitionerId>> draws(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    const PractitionerId id = first + static_cast<PractitionerId>(i);
    draws[static_cast<std::size_t>(i)] = {seniority_draw(key, id), id};
  }
  const auto last = draws.begin() + (count - 1);
  std::nth_element(draws.begin(), last, draws.end());
  return {last->first, true, last->second};
}

std::vector<Row> Joining::add_initial_population(World& world) const {
  const std::int64_t n = population_.initial_size;
  const SeniorRule rule =
      population_.senior_count >= 0
          ? exact_count(world.key(), world.peek_next_practitioner_id(), n, population_.senior_count)
          : SeniorRule{population_.senior_share, false, 0};
  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    const Row r = add_practitioner(world, true, rule);
    if (roster_) apply_roster_row(world, r, static_cast<std::size_t>(i));
    rows.push_back(r);
  }
  return rows;
}

std::vector<Row> Joining::add_newcomers(World& world, std::uint64_t extra) const {
  std::vector<Row> rows;
  std::uint64_t count = 0;
  if (joining_.enabled) {
    const Week week = world.week();
    Draws draws(world.key(), kOrganisationEntity, week, Purpose::kArrivals);
    count = dist::poisson(draws, joining_.arrivals_per_week);
    if (joining_.intake_every_weeks > 0 && week >= joining_.intake_first_week &&
        (week - joining_.intake_first_week) % joining_.intake_every_weeks == 0)
      count += static_cast<std::uint64_t>(joining_.intake_size);
  }
  count += extra;
  if (count == 0) return rows;
  rows.reserve(count);
  world.counters.joins += static_cast<std::int64_t>(count);
  for (std::uint64_t i = 0; i < count; ++i)
    rows.push_back(add_practitioner(world, false, {joining_.newcomer_senior_share, false, 0}));
  return rows;
}

// What the roster's row says replaces what was drawn; what it leaves out (NaN, -1) stays drawn,
// from the same streams, so a partial roster keeps common random numbers. A senior set by the
// roster has the seniors' skill mean where its skills are drawn.
void Joining::apply_roster_row(World& world, Row r, std::size_t row) const {
  const Roster& roster = *roster_;
  Practitioners& people = world.people;
  people.group[r] = roster.group[row];
  people.function[r] = roster.function[row];
  people.joined_week[r] = -static_cast<Week>(roster.tenure_weeks[row]);
  const bool was_senior = people.has(r, flag::kSenior);
  if (roster.senior[row] >= 0) {
    const bool senior = roster.senior[row] == 1;
    if (senior)
      people.flags[r] |= flag::kSenior | flag::kCanMentor;
    else
      people.flags[r] &= static_cast<std::uint8_t>(~(flag::kSenior | flag::kCanMentor));
    if (senior != was_senior) draw_skill(world, r, senior);
  }
  float* skill = people.skill_row(r);
  const auto zones = static_cast<std::size_t>(roster.zones);
  for (std::size_t z = 0; z < zones; ++z)
    if (!std::isnan(roster.skill[row * zones + z])) skill[z] = roster.skill[row * zones + z];
  if (!std::isnan(roster.available_hours[row]))
    people.available_hours[r] = roster.available_hours[row];
}

// Initial skills for a senior or not, from the practitioner's own stream: drawn again, the same
// way, when a roster row gives the other seniority.
void Joining::draw_skill(World& world, Row r, bool senior) const {
  Practitioners& people = world.people;
  Draws skill_draws(world.key(), people.id[r], 0, Purpose::kInitialSkill);
  float* skill = people.skill_row(r);
  for (int z = 0; z < people.zones(); ++z) {
    const std::vector<double>& means =
        senior ? population_.senior_skill_mean : population_.skill_mean;
    const double mean = means[means.size() == 1 ? 0 : static_cast<std::size_t>(z)];
    skill[z] = static_cast<float>(
        dist::truncated_normal(skill_draws, mean, population_.skill_sd, 0.0, 1.0));
  }
}

Row Joining::add_practitioner(World& world, bool initial, const SeniorRule& senior_rule) const {
  const PractitionerId id = world.next_practitioner_id();
  const StreamKey key = world.key();
  Week joined = world.week();
  if (initial) {
    // Tenure already served at week 0: uniform on [0, initial_tenure_max_weeks].
    const double u = uniform01(key, id, 0, Purpose::kSeniority, 1);
    joined = -static_cast<Week>(
        std::floor(u * static_cast<double>(population_.initial_tenure_max_weeks + 1)));
  }
  Practitioners& people = world.people;
  const Row r = people.append(id, joined);

  people.group[r] = static_cast<std::uint8_t>(
      dist::categorical(uniform01(key, id, 0, Purpose::kGroupLabel),
                        population_.group_shares.data(), population_.group_shares.size()));
  people.function[r] = static_cast<std::uint8_t>(
      dist::categorical(uniform01(key, id, 0, Purpose::kFunctionLabel),
                        population_.function_shares.data(), population_.function_shares.size()));

  const double u = seniority_draw(key, id);
  const bool senior = u < senior_rule.below ||
                      (senior_rule.ties_in && u == senior_rule.below && id <= senior_rule.last_tie);
  if (senior) people.flags[r] |= flag::kSenior | flag::kCanMentor;

  draw_skill(world, r, senior);

  Draws hours_draws(key, id, 0, Purpose::kAvailableHours);
  const double mean_hours = burnout_.available_hours_mean;
  people.available_hours[r] = static_cast<float>(
      mean_hours <= 0 ? 0.0
                      : dist::truncated_normal(hours_draws, mean_hours, burnout_.available_hours_sd,
                                               std::min(0.25, mean_hours), 4.0 * mean_hours));
  return r;
}

}  // namespace mentorsim
