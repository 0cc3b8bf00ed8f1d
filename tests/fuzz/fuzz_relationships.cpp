// Fuzz target: relationship files (input/relationships_reader.hpp), read against the scenario of
// scenarios/invalid/relationships/capacity.toml (its roster of ten and five programmes of every
// kind of rule). Any outcome but relationships or a list of problems is a bug; relationships read
// must satisfy the rules the reader checks: known rows and programmes, no more developers per
// learner, programme and zone, nor relationships per developer, than the programme's rules allow.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string_view>
#include <tuple>

#include "input/relationships_reader.hpp"
#include "input/scenario_loader.hpp"
#include "models/registry.hpp"

namespace {
const mentorsim::Scenario& scenario() {
  // The fixture's relationship file is broken on purpose; the scenario is read without it.
  static const mentorsim::Scenario s = mentorsim::params::load_scenario_file(
      MENTORSIM_SOURCE_DIR "/scenarios/invalid/relationships/capacity.toml",
      {"population.relationships=\"\""});
  return s;
}

std::int64_t capacity(const mentorsim::ProgrammeConfig& p) {
  const mentorsim::ModelEntry* model = mentorsim::find_model(p.common.kind);
  if (!model || !model->existing_ties) std::abort();  // the reader let a kind without rules in
  return model->existing_ties->developer_capacity(p);
}

std::int64_t per_learner(const mentorsim::ProgrammeConfig& p) {
  const auto& rules = *mentorsim::find_model(p.common.kind)->existing_ties;
  return rules.developers_per_learner ? rules.developers_per_learner(p) : 1;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mentorsim::Scenario& s = scenario();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = mentorsim::params::read_relationships_text(text, "fuzz.csv", s);
  if (result.relationships) {
    if (!result.problems.empty()) std::abort();
    std::map<std::tuple<std::uint32_t, std::uint8_t, std::int8_t>, std::int64_t> learners;
    std::map<std::pair<std::uint32_t, std::uint8_t>, int> held;
    for (const auto& t : result.relationships->ties) {
      if (t.developer >= s.roster->rows() || t.learner >= s.roster->rows() ||
          t.developer == t.learner || t.programme >= s.programmes.size() || t.start_week > 0 ||
          t.planned_end < 0 ||
          ++learners[{t.learner, t.programme, t.zone}] > per_learner(s.programmes[t.programme]) ||
          ++held[{t.developer, t.programme}] > capacity(s.programmes[t.programme]))
        std::abort();
    }
  } else if (result.problems.empty() ||
             result.problems.size() > mentorsim::params::kMaxRelationshipProblems + 1) {
    std::abort();
  }
  return 0;
}
