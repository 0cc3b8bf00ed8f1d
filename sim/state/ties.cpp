#include "state/ties.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include "state/compact.hpp"

namespace mentorsim {

const char* end_reason_name(EndReason reason) {
  switch (reason) {
    case EndReason::kNone:
      return "none";
    case EndReason::kCompleted:
      return "completed";
    case EndReason::kMentorLeft:
      return "mentor_left";
    case EndReason::kMenteeLeft:
      return "mentee_left";
    case EndReason::kBurnout:
      return "burnout";
    case EndReason::kReleased:
      return "released";
    case EndReason::kRematched:
      return "rematched";
    case EndReason::kProgrammeEnded:
      return "programme_ended";
    case EndReason::kDissolved:
      return "dissolved";
  }
  return "unknown";
}

TieRow Ties::append(TieId new_id, PractitionerId developer_id_, PractitionerId learner_id_,
                    const TieSpec& spec, Week start) {
  id.push_back(new_id);
  developer_id.push_back(developer_id_);
  learner_id.push_back(learner_id_);
  developer.push_back(spec.developer);
  learner.push_back(spec.learner);
  kind.push_back(static_cast<std::uint8_t>(spec.kind));
  programme.push_back(spec.programme);
  zone.push_back(spec.zone);
  end_reason.push_back(static_cast<std::uint8_t>(EndReason::kNone));
  held.push_back(0);
  start_week.push_back(start);
  planned_end.push_back(spec.planned_end);
  cadence_weeks.push_back(spec.cadence_weeks);
  session_hours.push_back(spec.session_hours);
  attendance.push_back(spec.attendance);
  quality.push_back(spec.quality);
  load_weight.push_back(spec.load_weight);
  relationship_share.push_back(spec.relationship_share);
  return size() - 1;
}

void Ties::compact_ended() {
  const TieRow n = size();
  std::vector<Row> new_row(n, kNoRow);  // old tie row -> new tie row
  TieRow kept = 0;
  for (TieRow t = 0; t < n; ++t)
    if (active(t)) new_row[t] = kept++;
  if (kept == n) return;
  const std::vector<KeptRun> runs = kept_runs(new_row);
  tbb::parallel_invoke(
      [&] {
        compact_column(id, runs);
        compact_column(developer_id, runs);
        compact_column(learner_id, runs);
      },
      [&] {
        compact_column(developer, runs);
        compact_column(learner, runs);
        compact_column(start_week, runs);
        compact_column(planned_end, runs);
      },
      [&] {
        compact_column(kind, runs);
        compact_column(programme, runs);
        compact_column(zone, runs);
        compact_column(end_reason, runs);
        compact_column(held, runs);
        compact_column(cadence_weeks, runs);
      },
      [&] {
        compact_column(session_hours, runs);
        compact_column(attendance, runs);
        compact_column(quality, runs);
        compact_column(load_weight, runs);
        compact_column(relationship_share, runs);
      });
}

void Ties::remap_rows(const std::vector<Row>& new_row) {
  // Each tie rewrites only its own two rows.
  tbb::parallel_for(tbb::blocked_range<TieRow>(0, size(), 4096),
                    [&](const tbb::blocked_range<TieRow>& range) {
                      for (TieRow t = range.begin(); t != range.end(); ++t) {
                        developer[t] = developer[t] == kNoRow ? kNoRow : new_row[developer[t]];
                        learner[t] = learner[t] == kNoRow ? kNoRow : new_row[learner[t]];
                      }
                    });
}

std::size_t Ties::bytes_reserved() const {
  return (id.capacity() + developer_id.capacity() + learner_id.capacity()) * 8 +
         (developer.capacity() + learner.capacity()) * sizeof(Row) + kind.capacity() +
         programme.capacity() + zone.capacity() + end_reason.capacity() + held.capacity() +
         (start_week.capacity() + planned_end.capacity()) * sizeof(Week) +
         cadence_weeks.capacity() * 2 +
         (session_hours.capacity() + attendance.capacity() + quality.capacity() +
          load_weight.capacity() + relationship_share.capacity()) *
             sizeof(float);
}

void TieIndex::build(const std::vector<Row>& endpoint, const std::vector<std::uint8_t>& end_reason,
                     Row practitioner_count) {
  offsets.assign(static_cast<std::size_t>(practitioner_count) + 1, 0);
  const auto n = static_cast<TieRow>(endpoint.size());
  for (TieRow t = 0; t < n; ++t)
    if (end_reason[t] == 0) ++offsets[endpoint[t] + 1];
  for (Row r = 0; r < practitioner_count; ++r) offsets[r + 1] += offsets[r];
  rows.resize(offsets[practitioner_count]);
  // offsets[e] walks to offsets[e + 1] as e's ties are placed, then is shifted back: no cursor
  // array to allocate (a fresh one per build was a page-faulting allocation of the population).
  for (TieRow t = 0; t < n; ++t)
    if (end_reason[t] == 0) rows[offsets[endpoint[t]]++] = t;
  for (Row r = practitioner_count; r > 0; --r) offsets[r] = offsets[r - 1];
  offsets[0] = 0;
}

}  // namespace mentorsim
