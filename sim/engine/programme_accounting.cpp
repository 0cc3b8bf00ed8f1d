#include "engine/programme_accounting.hpp"

#include <algorithm>
#include <bit>

namespace mentorsim {

std::vector<ProgrammeCounts> ProgrammeAccounting::count(const World& world) {
  const std::size_t programmes = world.models().size();
  std::vector<ProgrammeCounts> out(programmes);
  if (programmes == 0) return out;
  const Ties& ties = world.ties;
  const Practitioners& people = world.people;
  const std::size_t words = (programmes + 63) / 64;
  const std::size_t n = people.size();
  // With one programme every tie is its own: the per-practitioner tie counts say who holds one.
  const bool single = programmes == 1;
  if (!single) {
    developer_bits_.assign(n * words, 0);
    learner_bits_.assign(n * words, 0);
  }

  // Hours are summed in tie order, so the totals do not depend on threads.
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (!ties.active(t)) continue;
    const std::size_t p = ties.programme[t];
    ProgrammeCounts& c = out[p];
    ++c.ties;
    const double hours = ties.weekly_load(t);
    c.developer_hours += hours;
    const Row d = ties.developer[t], l = ties.learner[t];
    if (people.has(d, flag::kSenior)) c.senior_hours += hours;
    if (single) continue;
    const std::uint64_t bit = std::uint64_t{1} << (p % 64);
    developer_bits_[d * words + p / 64] |= bit;
    learner_bits_[l * words + p / 64] |= bit;
  }
  // Peer groups: each active member of a group with another is a learner and a developer of it.
  const PeerGroups& groups = world.groups;
  if (!single)
    for (GroupRow g = 0; g < groups.groups(); ++g) {
      if (groups.active_members(g) < 2) continue;
      const std::size_t p = groups.programme[g];
      const std::uint64_t bit = std::uint64_t{1} << (p % 64);
      for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
        if (!groups.active(m)) continue;
        developer_bits_[groups.member[m] * words + p / 64] |= bit;
        learner_bits_[groups.member[m] * words + p / 64] |= bit;
      }
    }
  if (single) {
    for (Row r = 0; r < n; ++r) {
      out[0].developers += people.developer_ties[r] > 0;
      out[0].learners += people.learner_ties[r] > 0;
    }
  } else {
    const auto tally = [&](const std::vector<std::uint64_t>& bits, auto field) {
      for (std::size_t w = 0; w < bits.size(); ++w)
        for (std::uint64_t b = bits[w]; b != 0; b &= b - 1)
          ++(out[(w % words) * 64 + static_cast<std::size_t>(std::countr_zero(b))].*field);
    };
    tally(developer_bits_, &ProgrammeCounts::developers);
    tally(learner_bits_, &ProgrammeCounts::learners);
  }
  for (std::size_t p = 0; p < programmes; ++p)
    out[p].waiting = static_cast<std::int64_t>(world.models()[p]->waiting_count());
  return out;
}

}  // namespace mentorsim
