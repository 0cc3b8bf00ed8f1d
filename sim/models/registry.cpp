// The one list of mentoring models. To add a model: write sim/models/<kind>.{hpp,cpp} and add one
// entry here.
#include "models/registry.hpp"

#include "models/one_on_one.hpp"

namespace mentorsim {

const std::vector<ModelEntry>& model_registry() {
  static const std::vector<ModelEntry> entries = {
      {"one_on_one", "Classic one-on-one mentoring: mentors with a capacity and a waiting list.",
       one_on_one_section, [] { return std::make_unique<OneOnOneConfig>(); },
       make_one_on_one_model},
  };
  return entries;
}

const ModelEntry* find_model(std::string_view kind) {
  for (const auto& e : model_registry())
    if (e.kind == kind) return &e;
  return nullptr;
}

}  // namespace mentorsim
