#include "mechanisms/shocks/programme_pause.hpp"

namespace mentorsim {

namespace {

class ProgrammePause final : public Shock {
 public:
  ProgrammePause(const ShockConfig& shock, std::size_t programme)
      : programme_(programme), from_(shock.week), until_(shock.week + shock.weeks) {}

  bool pauses(std::size_t programme, Week week) const override {
    return programme == programme_ && week >= from_ && week < until_;
  }

 private:
  std::size_t programme_;  // its index in the scenario
  std::int64_t from_, until_;
};

}  // namespace

std::unique_ptr<Shock> make_programme_pause_shock(const ShockConfig& shock, std::size_t,
                                                  const Scenario& scenario) {
  std::size_t programme = 0;
  while (programme < scenario.programmes.size() &&
         scenario.programmes[programme].common.name != shock.programme)
    ++programme;
  return std::make_unique<ProgrammePause>(shock, programme);
}

}  // namespace mentorsim
