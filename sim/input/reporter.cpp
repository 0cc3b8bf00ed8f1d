#include "input/reporter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace mentorsim::params {

void Reporter::mark_override(const toml::node& node, const std::string& text, bool read_as_string) {
  overrides_.push_back({text, read_as_string});
  const std::size_t index = overrides_.size() - 1;
  // Walk the value (an array or inline table may hold more nodes) so problems inside it are
  // attributed to the override too.
  std::vector<const toml::node*> todo{&node};
  while (!todo.empty()) {
    const toml::node* n = todo.back();
    todo.pop_back();
    override_index_[n] = index;
    if (const auto* a = n->as_array())
      for (const auto& e : *a) todo.push_back(&e);
    if (const auto* t = n->as_table())
      for (auto&& [k, v] : *t) todo.push_back(&v);
  }
}

const Reporter::Override* Reporter::override_of(const toml::node& node) const {
  auto it = override_index_.find(&node);
  return it == override_index_.end() ? nullptr : &overrides_[it->second];
}

void Reporter::at(const toml::node& node, std::string message) {
  if (const Override* o = override_of(node)) return at_override(o->text, std::move(message));
  at_position(node.source().begin, std::move(message));
}

void Reporter::at_key(const toml::key& key, const toml::node& value, std::string message) {
  if (const Override* o = override_of(value)) return at_override(o->text, std::move(message));
  at_position(key.source().begin, std::move(message));
}

void Reporter::at_override(std::string_view text, std::string message) {
  const auto it = std::find(override_texts_.begin(), override_texts_.end(), text);
  override_rank_.push_back(static_cast<std::size_t>(it - override_texts_.begin()));
  diagnostics_.push_back(
      {std::string(kOverrideFile), 0, 0, fmt::format("{} (in '{}')", message, text)});
}

void Reporter::at_file(std::string message) {
  override_rank_.push_back(0);
  diagnostics_.push_back({file_, 0, 0, std::move(message)});
}

void Reporter::at_position(const toml::source_position& pos, std::string message) {
  // Nodes made by the loader itself (e.g. an absent table) have no position.
  if (pos.line == 0) return at_file(std::move(message));
  override_rank_.push_back(0);
  diagnostics_.push_back(
      {file_, static_cast<int>(pos.line), static_cast<int>(pos.column), std::move(message)});
}

std::vector<Diagnostic> Reporter::sorted() const {
  std::vector<std::size_t> order(diagnostics_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto rank = [this](std::size_t i) {
    const Diagnostic& d = diagnostics_[i];
    const int group = d.file != file_ ? 2 : d.line == 0 ? 1 : 0;
    return std::make_tuple(group, override_rank_[i], d.line, d.column);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
  std::vector<Diagnostic> out;
  for (std::size_t i : order) out.push_back(diagnostics_[i]);
  return out;
}

}  // namespace mentorsim::params
