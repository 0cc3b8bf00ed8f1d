#include "metrics/programme_accounting.hpp"

#include <algorithm>
#include <array>
#include <bit>

#include "core/blocks.hpp"

namespace mentorsim::metrics {

const MetricTable& ProgrammeAccounting::declared() {
  static const MetricTable table = [] {
    MetricTable t("programme_accounting", "What each programme holds, week by week.",
                  Theme::kProgrammes);
    t.series("programme/{programme}/ties", "ties",
             "Active relationships of programme {programme}.");
    t.series("programme/{programme}/learners", "practitioners",
             "Learners with an active relationship of programme {programme}.");
    t.series("programme/{programme}/developers", "practitioners",
             "Developers with an active relationship of programme {programme}.");
    t.series("programme/{programme}/developer_hours", "hours/week",
             "Weekly developer load hours of programme {programme}.");
    t.series("programme/{programme}/senior_hours", "hours/week",
             "Weekly load hours carried by seniors of programme {programme}.");
    t.series("programme/{programme}/waiting_list", "practitioners",
             "Learners waiting of programme {programme}.")
        .lower();
    t.summary("mean_senior_hours/{programme}", mean_of("programme/{programme}/senior_hours"),
              "hours/week", "Senior load hours of programme {programme}, averaged over weeks.")
        .theme(Theme::kInput);
    t.summary("peak_senior_hours/{programme}", peak_of("programme/{programme}/senior_hours"),
              "hours/week", "Largest weekly senior load hours of programme {programme}.")
        .theme(Theme::kInput);
    return t;
  }();
  return table;
}

void ProgrammeAccounting::record(const World& world, Values& week) {
  const std::vector<ProgrammeCounts> counts = count(world);
  for (std::size_t p = 0; p < counts.size(); ++p) {
    const ProgrammeCounts& c = counts[p];
    week.set("programme/{programme}/ties", p, static_cast<double>(c.ties));
    week.set("programme/{programme}/learners", p, static_cast<double>(c.learners));
    week.set("programme/{programme}/developers", p, static_cast<double>(c.developers));
    week.set("programme/{programme}/developer_hours", p, c.developer_hours);
    week.set("programme/{programme}/senior_hours", p, c.senior_hours);
    week.set("programme/{programme}/waiting_list", p, static_cast<double>(c.waiting));
  }
}

namespace {

// Programmes as bits (programme indices are below 256): `Words` words per role, cleared per row;
// one word when there are at most 64 programmes, as there usually are.
template <std::size_t Words>
using ProgrammeBits = std::array<std::uint64_t, Words>;

template <std::size_t Words>
void set_bit(ProgrammeBits<Words>& bits, std::size_t p) {
  bits[p / 64] |= std::uint64_t{1} << (p % 64);
}

template <std::size_t Words>
void tally(const ProgrammeBits<Words>& bits, std::int64_t* counts) {
  for (std::size_t w = 0; w < Words; ++w)
    for (std::uint64_t v = bits[w]; v != 0; v &= v - 1)
      ++counts[w * 64 + static_cast<std::size_t>(std::countr_zero(v))];
}

// The programmes in which row r is a learner and a developer (a member of a peer group with
// another active member is both, in the group's programme), added to the counts.
template <std::size_t Words>
void count_row(const World& world, Row r, std::int64_t* learners, std::int64_t* developers) {
  const Ties& ties = world.ties;
  const PeerGroups& groups = world.groups;
  ProgrammeBits<Words> as_learner{}, as_developer{};
  for (auto i = world.by_learner.begin(r); i < world.by_learner.end(r); ++i)
    set_bit(as_learner, ties.programme[world.by_learner.rows[i]]);
  for (auto i = world.by_developer.begin(r); i < world.by_developer.end(r); ++i)
    set_bit(as_developer, ties.programme[world.by_developer.rows[i]]);
  for (auto i = world.by_member.begin(r); i < world.by_member.end(r); ++i) {
    const GroupRow g = groups.group[world.by_member.rows[i]];
    if (groups.active_members(g) < 2) continue;
    set_bit(as_learner, groups.programme[g]);
    set_bit(as_developer, groups.programme[g]);
  }
  tally(as_learner, learners);
  tally(as_developer, developers);
}

// One block's rows: those holding any link first, without a branch per row (about half of them,
// at random: the branch mispredicted), then each of those.
template <std::size_t Words>
void count_block(const World& world, Block b, std::int64_t* learners, std::int64_t* developers) {
  const Practitioners& people = world.people;
  std::array<Row, kBlockRows> linked;
  std::size_t found = 0;
  for (auto r = static_cast<Row>(b.first); r < b.last; ++r) {
    linked[found] = r;
    found += (people.learner_ties[r] | people.developer_ties[r]) != 0;
  }
  for (std::size_t k = 0; k < found; ++k) count_row<Words>(world, linked[k], learners, developers);
}

}  // namespace

std::vector<ProgrammeCounts> ProgrammeAccounting::count(const World& world) {
  const std::size_t programmes = world.models().size();
  std::vector<ProgrammeCounts> out(programmes);
  if (programmes == 0) return out;
  const Ties& ties = world.ties;
  const Practitioners& people = world.people;

  // Hours are summed in tie order, so the totals do not depend on threads.
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (!ties.active(t)) continue;
    ProgrammeCounts& c = out[ties.programme[t]];
    ++c.ties;
    const double hours = ties.weekly_load(t);
    c.developer_hours += hours;
    if (people.has(ties.developer[t], flag::kSenior)) c.senior_hours += hours;
  }

  // Distinct learners and developers per programme: each row, through the tie and membership
  // indices (World::index_ties), in fixed blocks side by side; the blocks' integer counts add up
  // to the same totals in any order.
  const std::size_t blocks = block_count(people.size());
  counts_.assign(blocks * programmes * 2, 0);  // per block: learners, then developers
  if (programmes == 1) {
    // Every tie and group is the one programme's, and a row's learner and developer links count
    // exactly its ties and its co-members in groups with another active member: the distinct
    // learners and developers are the rows with a link of each kind, read off the counters.
    for_each_block(people.size(), [&](Block b) {
      std::int64_t learners = 0, developers = 0;
      for (auto r = static_cast<Row>(b.first); r < b.last; ++r) {
        learners += people.learner_ties[r] != 0;
        developers += people.developer_ties[r] != 0;
      }
      counts_[b.index * 2] = learners;
      counts_[b.index * 2 + 1] = developers;
    });
  } else {
    for_each_block(people.size(), [&](Block b) {
      std::int64_t* learners = counts_.data() + b.index * programmes * 2;
      if (programmes <= 64)
        count_block<1>(world, b, learners, learners + programmes);
      else
        count_block<4>(world, b, learners, learners + programmes);
    });
  }
  for (std::size_t b = 0; b < blocks; ++b)
    for (std::size_t p = 0; p < programmes; ++p) {
      out[p].learners += counts_[b * programmes * 2 + p];
      out[p].developers += counts_[b * programmes * 2 + programmes + p];
    }
  for (std::size_t p = 0; p < programmes; ++p)
    out[p].waiting = static_cast<std::int64_t>(world.models()[p]->waiting_count());
  return out;
}

}  // namespace mentorsim::metrics
