#include "state/model.hpp"

#include <stdexcept>

namespace mentorsim {

// The loader refuses relationships naming a kind without ExistingTieRules, so reaching this is a
// registry that declares rules for a model that does not implement them.
void Model::adopt_existing(World&, std::span<const ExistingTie>) {
  throw std::logic_error(
      "this model declares no existing-relationship rules but was given relationships");
}

}  // namespace mentorsim
