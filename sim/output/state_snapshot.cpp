#include "output/state_snapshot.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/sha256.hpp"
#include "state/world.hpp"

namespace mentorsim {

namespace {

class Columns {
 public:
  explicit Columns(std::vector<StateColumn>& out) : out_(out) {}

  template <class T>
  void whole(const char* table, const char* name, const std::vector<T>& values) {
    StateColumn& c = add(table, name, 1);
    c.whole.assign(values.begin(), values.end());
  }
  template <class T>
  void real(const char* table, const char* name, const std::vector<T>& values,
            std::size_t width = 1) {
    StateColumn& c = add(table, name, width);
    c.real.reserve(values.size());
    for (const T v : values)  // one NaN, whatever the bits a platform made
      c.real.push_back(std::isnan(v) ? std::numeric_limits<double>::quiet_NaN()
                                     : static_cast<double>(v));
  }

 private:
  StateColumn& add(const char* table, const char* name, std::size_t width) {
    out_.push_back(StateColumn{table, name, {}, {}, width});
    return out_.back();
  }
  std::vector<StateColumn>& out_;
};

std::string digest_of(const std::vector<StateColumn>& columns) {
  std::string bytes;
  for (const StateColumn& c : columns) {
    bytes += c.table + "/" + c.name + '\0';
    const auto append = [&](const void* data, std::size_t n) {
      bytes.append(static_cast<const char*>(data), n);
    };
    append(c.whole.data(), c.whole.size() * sizeof(std::int64_t));
    append(c.real.data(), c.real.size() * sizeof(double));
  }
  return sha256_hex(bytes);
}

}  // namespace

StateSnapshot snapshot_state(const World& w, std::uint64_t replicate, Week weeks_done) {
  StateSnapshot s;
  s.replicate = replicate;
  s.week = weeks_done;
  Columns c(s.columns);
  const auto zones = static_cast<std::size_t>(w.people.zones());
  const Practitioners& p = w.people;
  c.whole("practitioners", "id", p.id);
  c.whole("practitioners", "joined_week", p.joined_week);
  c.whole("practitioners", "group", p.group);
  c.whole("practitioners", "function", p.function);
  c.whole("practitioners", "flags", p.flags);
  c.whole("practitioners", "practised", p.practised);
  c.real("practitioners", "exhaustion", p.exhaustion);
  c.real("practitioners", "available_hours", p.available_hours);
  c.real("practitioners", "load_hours", p.load_hours);
  c.whole("practitioners", "developer_ties", p.developer_ties);
  c.whole("practitioners", "learner_ties", p.learner_ties);
  c.whole("practitioners", "first_learner_week", p.first_learner_week);
  c.whole("practitioners", "first_request_week", p.first_request_week);
  c.whole("practitioners", "competent_week", p.competent_week);
  c.real("practitioners", "skill", p.skill, zones);
  c.real("practitioners", "departure_clock", p.departure_clock);
  const Ties& t = w.ties;
  c.whole("ties", "id", t.id);
  c.whole("ties", "developer_id", t.developer_id);
  c.whole("ties", "learner_id", t.learner_id);
  c.whole("ties", "kind", t.kind);
  c.whole("ties", "programme", t.programme);
  c.whole("ties", "zone", t.zone);
  c.whole("ties", "end_reason", t.end_reason);
  c.whole("ties", "start_week", t.start_week);
  c.whole("ties", "planned_end", t.planned_end);
  c.whole("ties", "cadence_weeks", t.cadence_weeks);
  c.real("ties", "session_hours", t.session_hours);
  c.real("ties", "attendance", t.attendance);
  c.real("ties", "quality", t.quality);
  c.real("ties", "load_weight", t.load_weight);
  c.real("ties", "relationship_share", t.relationship_share);
  const PeerGroups& g = w.groups;
  c.whole("groups", "id", g.id);
  c.whole("groups", "programme", g.programme);
  c.whole("groups", "start_week", g.start_week);
  c.whole("groups", "planned_end", g.planned_end);
  c.whole("groups", "cadence_weeks", g.cadence_weeks);
  c.real("groups", "session_hours", g.session_hours);
  c.real("groups", "quality", g.quality);
  c.whole("groups", "active_count", g.active_count);
  c.real("groups", "memory", g.memory, zones);
  c.whole("memberships", "group", g.group);
  c.whole("memberships", "member_id", g.member_id);
  c.real("memberships", "attendance", g.attendance);
  c.whole("memberships", "end_reason", g.end_reason);
  std::vector<std::int64_t> waiting;
  for (const auto& model : w.models())
    waiting.push_back(static_cast<std::int64_t>(model->waiting_count()));
  c.whole("programmes", "waiting", waiting);
  s.digest = digest_of(s.columns);
  return s;
}

std::string first_difference(const StateSnapshot& a, const StateSnapshot& b) {
  if (a.columns.size() != b.columns.size()) return "the list of columns";
  for (std::size_t i = 0; i < a.columns.size(); ++i) {
    const StateColumn& x = a.columns[i];
    const StateColumn& y = b.columns[i];
    const std::string name = x.table + "/" + x.name;
    if (x.table != y.table || x.name != y.name) return name;
    if (x.whole != y.whole) return name;
    if (x.real.size() != y.real.size() ||
        (!x.real.empty() &&
         std::memcmp(x.real.data(), y.real.data(), x.real.size() * sizeof(double)) != 0))
      return name;
  }
  return a.digest == b.digest ? std::string() : "the digest";
}

}  // namespace mentorsim
