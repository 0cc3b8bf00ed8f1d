#include "state/practitioners.hpp"

#include "state/compact.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <limits>

namespace mentorsim {

Row Practitioners::append(PractitionerId new_id, Week joined) {
  id.push_back(new_id);
  joined_week.push_back(joined);
  group.push_back(0);
  function.push_back(0);
  flags.push_back(0);
  practised.push_back(0);
  exhaustion.push_back(0.0f);
  available_hours.push_back(0.0f);
  load_hours.push_back(0.0f);
  developer_ties.push_back(0);
  learner_ties.push_back(0);
  first_learner_week.push_back(kNeverMatched);
  first_request_week.push_back(kNeverRequested);
  competent_week.push_back(competence::kUnobserved);
  skill.insert(skill.end(), static_cast<std::size_t>(zones_), 0.0f);
  departure_clock.push_back(std::numeric_limits<double>::quiet_NaN());
  return size() - 1;
}

Row Practitioners::find(PractitionerId target) const {
  auto it = std::lower_bound(id.begin(), id.end(), target);
  if (it == id.end() || *it != target) return kNoRow;
  return static_cast<Row>(it - id.begin());
}

const std::vector<Row>& Practitioners::compact_leavers(std::span<const Row> leaving) {
  const Row n = size();
  std::vector<Row>& new_row = new_row_;
  new_row.resize(n);
  // Row r keeps its place less the leavers before it; blocks of rows side by side, each starting
  // from its first leaver (a serial pass over every row was a large share of the phase).
  tbb::parallel_for(tbb::blocked_range<Row>(0, n, 8192), [&](const tbb::blocked_range<Row>& range) {
    auto next = std::lower_bound(leaving.begin(), leaving.end(), range.begin());
    for (Row r = range.begin(); r != range.end(); ++r) {
      if (next != leaving.end() && *next == r) {
        new_row[r] = kNoRow;
        ++next;
      } else {
        new_row[r] = r - static_cast<Row>(next - leaving.begin());
      }
    }
  });
  if (leaving.empty()) return new_row;
  // The kept runs lie between consecutive leavers.
  std::vector<KeptRun> runs;
  std::size_t from = 0;
  for (Row l : leaving) {
    if (l > from) runs.push_back({from, l});
    from = static_cast<std::size_t>(l) + 1;
  }
  if (from < n) runs.push_back({from, n});
  // Column by column, columns in parallel: each task streams through its own arrays.
  tbb::parallel_invoke([&] { compact_column(skill, runs, static_cast<std::size_t>(zones_)); },
                       [&] {
                         compact_column(id, runs);
                         compact_column(joined_week, runs);
                         compact_column(exhaustion, runs);
                       },
                       [&] {
                         compact_column(available_hours, runs);
                         compact_column(load_hours, runs);
                         compact_column(developer_ties, runs);
                         compact_column(learner_ties, runs);
                       },
                       [&] {
                         compact_column(first_learner_week, runs);
                         compact_column(first_request_week, runs);
                         compact_column(competent_week, runs);
                         compact_column(departure_clock, runs);
                       },
                       [&] {
                         compact_column(group, runs);
                         compact_column(function, runs);
                         compact_column(flags, runs);
                         compact_column(practised, runs);
                       });
  return new_row;
}

std::size_t Practitioners::bytes_reserved() const {
  return id.capacity() * sizeof(PractitionerId) +
         (joined_week.capacity() + first_learner_week.capacity() + first_request_week.capacity() +
          competent_week.capacity()) *
             sizeof(Week) +
         group.capacity() + function.capacity() + flags.capacity() + practised.capacity() +
         departure_clock.capacity() * sizeof(double) +
         (exhaustion.capacity() + available_hours.capacity() + load_hours.capacity()) *
             sizeof(float) +
         (developer_ties.capacity() + learner_ties.capacity()) * sizeof(std::uint16_t) +
         skill.capacity() * sizeof(float);
}

}  // namespace mentorsim
