#pragma once
// A [[programme]] entry of a scenario: the keys every programme has (ProgrammeCommon), its kind's
// own config (a ModelConfig subclass, declared in scenario/programmes/<kind>.hpp) and the factory
// of its running model. The loader (input/programme_reader.cpp) fills all three from the model
// registry, so the engine builds each programme's model without knowing the registry.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mentorsim {

class Model;  // state/model.hpp
struct ProgrammeConfig;

// A model's own parameters. Each model derives its config struct from this and declares its keys
// in one SectionSpec (see scenario/param_spec.hpp).
struct ModelConfig {
  virtual ~ModelConfig() = default;
  virtual std::unique_ptr<ModelConfig> clone() const = 0;
};

// Builds the running model of programme number `programme_index` of a scenario.
using ModelFactory = std::unique_ptr<Model> (*)(const ProgrammeConfig& programme,
                                                int programme_index);

// Keys every [[programme]] entry has, whatever its kind.
struct ProgrammeCommon {
  std::string kind;
  std::string name;
  std::int64_t start_week;
  std::int64_t end_week;  // -1: runs to the end
  // Who takes part (seed 002: "begin with a pilot"): practitioners of these functions, as
  // learners and as developers; empty: every function. From expand_week (-1: never) the
  // expand_functions join too (empty: every function).
  std::vector<std::string> functions;
  std::int64_t expand_week;
  std::vector<std::string> expand_functions;
  std::int64_t priority;  // programmes with higher priority match first when capacity is short
  // Levers (seed 002): the share of able developers who volunteer for this programme, raised by
  // incentives (recognition, badges, review credit), which also raise attendance; and a
  // protected-time budget per developer.
  double volunteer_share;
  bool incentives;
  double incentive_volunteer_gain;   // added to volunteer_share (capped at 1)
  double incentive_attendance_gain;  // added to each new tie's attendance (capped at 1)
  double protected_hours;            // hours/week of this programme's load not counted as load
  // Fixed costs ([cost] currency): per year while the programme runs (spread evenly, 1/52 a
  // week), and once in its start week.
  double fixed_cost_per_year;
  double setup_cost;

  double effective_volunteer_share() const {
    return std::min(1.0, volunteer_share + (incentives ? incentive_volunteer_gain : 0.0));
  }
};

struct ProgrammeConfig {
  ProgrammeCommon common;
  std::unique_ptr<ModelConfig> model;  // the kind's own config type
  ModelFactory make_model = nullptr;   // the kind's model (models/registry.cpp)

  ProgrammeConfig() = default;
  ProgrammeConfig(const ProgrammeConfig& other)
      : common(other.common),
        model(other.model ? other.model->clone() : nullptr),
        make_model(other.make_model) {}
  ProgrammeConfig& operator=(const ProgrammeConfig& other) {
    common = other.common;
    model = other.model ? other.model->clone() : nullptr;
    make_model = other.make_model;
    return *this;
  }
  ProgrammeConfig(ProgrammeConfig&&) = default;
  ProgrammeConfig& operator=(ProgrammeConfig&&) = default;
};

}  // namespace mentorsim
