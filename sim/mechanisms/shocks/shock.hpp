#pragma once
// A [[shock]] kind's behaviour (docs/model.md §7.15): one class per kind in this folder, each
// registered with its keys in registry.cpp. The Shocks mechanism (mechanisms/shocks.hpp) asks every
// shock of a scenario, in file order, what it does this week.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim {

class Shock {
 public:
  virtual ~Shock() = default;
  // Joining phase: newcomers the shock adds in `week`.
  virtual std::uint64_t newcomers(Week week) const;
  // Departure phase of the shock's week: the rows that leave, in row order.
  virtual std::vector<Row> leavers(const World& world) const;
  // Matching phase: whether the shock keeps programme `programme` from matching in `week`.
  virtual bool pauses(std::size_t programme, Week week) const;
};

// One kind: its keys and its behaviour.
struct ShockKindEntry {
  ShockKind kind;
  std::string_view summary;           // one line for the parameter reference
  std::vector<std::string> keys;      // the keys an entry takes (`kind` and `week` included)
  std::vector<std::string> required;  // the keys it must give
  // Keys of which an entry gives exactly one (e.g. `share` or `count`): neither or both is an
  // error. They are among `keys`, not in `required`.
  std::vector<std::string> one_of;
  // The behaviour of entry number `index` (file order) of `scenario`; the index keeps the random
  // draws of two shocks in one week apart.
  std::unique_ptr<Shock> (*make)(const ShockConfig& shock, std::size_t index,
                                 const Scenario& scenario);
};

// Every kind, in the order the reference lists them (registry.cpp).
const std::vector<ShockKindEntry>& shock_kinds();
const ShockKindEntry& shock_kind(ShockKind kind);

}  // namespace mentorsim
