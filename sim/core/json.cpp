#include "core/json.hpp"

#include <stdexcept>

#include "core/quoted.hpp"

namespace mentorsim::json {

Value Value::literal(std::string json_text) {
  Value v(Kind::kLiteral);
  v.text_ = std::move(json_text);
  return v;
}

Value Value::strings(const std::vector<std::string>& items) {
  Value v = array();
  for (const auto& s : items) v.push(s);
  return v;
}

Value& Value::set(std::string_view key, Value value) {
  if (kind_ != Kind::kObject) throw std::logic_error("json: set on a value that is no object");
  for (auto& [k, v] : members_)
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  members_.emplace_back(std::string(key), std::move(value));
  return *this;
}

Value& Value::push(Value value) {
  if (kind_ != Kind::kArray) throw std::logic_error("json: push on a value that is no array");
  items_.push_back(std::move(value));
  return *this;
}

std::string Value::dump(int indent) const {
  std::string out;
  write(out, indent, 0);
  return out;
}

void Value::write(std::string& out, int indent, int depth) const {
  const std::string inner(static_cast<std::size_t>(indent * (depth + 1)), ' ');
  const std::string outer(static_cast<std::size_t>(indent * depth), ' ');
  switch (kind_) {
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kLiteral:
      out += text_;
      return;
    case Kind::kString:
      out += quoted(text_);
      return;
    case Kind::kArray: {
      // Short arrays of scalars stay on one line: ["a", "b"], [0, 1].
      bool flat = items_.size() <= 8;
      for (const auto& item : items_) flat = flat && item.items_.empty() && item.members_.empty();
      if (items_.empty() || flat) {
        out += '[';
        for (std::size_t i = 0; i < items_.size(); ++i) {
          if (i) out += ", ";
          items_[i].write(out, indent, depth + 1);
        }
        out += ']';
        return;
      }
      out += "[\n";
      for (std::size_t i = 0; i < items_.size(); ++i) {
        out += inner;
        items_[i].write(out, indent, depth + 1);
        out += i + 1 < items_.size() ? ",\n" : "\n";
      }
      out += outer + ']';
      return;
    }
    case Kind::kObject: {
      if (members_.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (std::size_t i = 0; i < members_.size(); ++i) {
        out += inner + quoted(members_[i].first) + ": ";
        members_[i].second.write(out, indent, depth + 1);
        out += i + 1 < members_.size() ? ",\n" : "\n";
      }
      out += outer + '}';
      return;
    }
  }
}

}  // namespace mentorsim::json
