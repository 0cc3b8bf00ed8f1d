#include "mechanisms/shocks/hiring_surge.hpp"

namespace mentorsim {

namespace {

class HiringSurge final : public Shock {
 public:
  explicit HiringSurge(const ShockConfig& shock)
      : week_(shock.week), count_(static_cast<std::uint64_t>(shock.count)) {}

  std::uint64_t newcomers(Week week) const override { return week == week_ ? count_ : 0; }

 private:
  std::int64_t week_;
  std::uint64_t count_;
};

}  // namespace

std::unique_ptr<Shock> make_hiring_surge_shock(const ShockConfig& shock, std::size_t,
                                               const Scenario&) {
  return std::make_unique<HiringSurge>(shock);
}

}  // namespace mentorsim
