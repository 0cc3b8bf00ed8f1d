#pragma once
// A programme's waiting list: learners in the order they started waiting, by id (rows change when
// practitioners leave). Shared by every model that keeps one; a learner may wait in several zones
// at once (reverse mentoring), each entry naming its zone.
#include <algorithm>
#include <cstddef>
#include <deque>
#include <vector>

#include "state/ids.hpp"
#include "state/ties.hpp"
#include "state/world.hpp"

namespace mentorsim {

struct Waiting {
  PractitionerId id = 0;
  Week since = 0;                // week the learner started waiting
  std::int8_t zone = kAllZones;  // the zone waited for, or every zone
};

class WaitingList {
 public:
  using const_iterator = std::deque<Waiting>::const_iterator;

  // `id` starts waiting this week (for `zone`, or every zone): a request (World::note_request).
  void add(World& world, PractitionerId id, std::int8_t zone = kAllZones) {
    world.note_request(id);
    entries_.push_back({id, world.week(), zone});
  }
  // Puts `entries` back at the front, in their order (learners returned from a dissolved group).
  void add_to_front(const std::vector<Waiting>& entries) {
    entries_.insert(entries_.begin(), entries.begin(), entries.end());
  }
  // Drops this week's leavers (World::leavers, in id order).
  void drop_leavers(const World& world) {
    const std::vector<PractitionerId>& leavers = world.leavers;
    std::erase_if(entries_, [&](const Waiting& w) {
      return std::binary_search(leavers.begin(), leavers.end(), w.id);
    });
  }
  // Removes the first placed.size() entries whose `placed` flag is set, keeping the order of
  // the rest.
  void drop_placed(const std::vector<bool>& placed) {
    std::size_t i = 0;
    std::erase_if(entries_, [&](const Waiting&) {
      const bool drop = i < placed.size() && placed[i];
      ++i;
      return drop;
    });
  }
  Waiting take_front() {
    const Waiting w = entries_.front();
    entries_.pop_front();
    return w;
  }
  void clear() { entries_.clear(); }

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  const Waiting& front() const { return entries_.front(); }
  const Waiting& operator[](std::size_t i) const { return entries_[i]; }
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }

  // Distinct learners waiting: one however many zones they wait in.
  std::size_t learners() const {
    std::vector<PractitionerId> ids;
    ids.reserve(entries_.size());
    for (const Waiting& w : entries_) ids.push_back(w.id);
    std::sort(ids.begin(), ids.end());
    return static_cast<std::size_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
  }

 private:
  std::deque<Waiting> entries_;
};

}  // namespace mentorsim
