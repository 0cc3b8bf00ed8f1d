#include "engine/ties.hpp"

#include <tbb/parallel_invoke.h>

#include "engine/compact.hpp"

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
  return size() - 1;
}

void Ties::compact_ended() {
  const TieRow n = size();
  std::vector<Row> new_row(n, kNoRow);  // old tie row -> new tie row
  TieRow kept = 0;
  for (TieRow t = 0; t < n; ++t)
    if (active(t)) new_row[t] = kept++;
  if (kept == n) return;
  tbb::parallel_invoke(
      [&] {
        compact_column(id, new_row);
        compact_column(developer_id, new_row);
        compact_column(learner_id, new_row);
      },
      [&] {
        compact_column(developer, new_row);
        compact_column(learner, new_row);
        compact_column(start_week, new_row);
        compact_column(planned_end, new_row);
      },
      [&] {
        compact_column(kind, new_row);
        compact_column(programme, new_row);
        compact_column(zone, new_row);
        compact_column(end_reason, new_row);
        compact_column(held, new_row);
        compact_column(cadence_weeks, new_row);
      },
      [&] {
        compact_column(session_hours, new_row);
        compact_column(attendance, new_row);
        compact_column(quality, new_row);
        compact_column(load_weight, new_row);
      });
}

void Ties::remap_rows(const std::vector<Row>& new_row) {
  const TieRow n = size();
  for (TieRow t = 0; t < n; ++t) {
    developer[t] = developer[t] == kNoRow ? kNoRow : new_row[developer[t]];
    learner[t] = learner[t] == kNoRow ? kNoRow : new_row[learner[t]];
  }
}

std::size_t Ties::bytes_reserved() const {
  return (id.capacity() + developer_id.capacity() + learner_id.capacity()) * 8 +
         (developer.capacity() + learner.capacity()) * sizeof(Row) + kind.capacity() +
         programme.capacity() + zone.capacity() + end_reason.capacity() + held.capacity() +
         (start_week.capacity() + planned_end.capacity()) * sizeof(Week) +
         cadence_weeks.capacity() * 2 +
         (session_hours.capacity() + attendance.capacity() + quality.capacity() +
          load_weight.capacity()) *
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
  std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
  for (TieRow t = 0; t < n; ++t)
    if (end_reason[t] == 0) rows[cursor[endpoint[t]]++] = t;
}

}  // namespace mentorsim
