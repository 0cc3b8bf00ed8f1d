#pragma once
// A JSON document built in memory and printed with indentation: objects keep their members in the
// order they were set, so generated files (the JSON Schema of `mentorsim schema`) read top down
// and diff cleanly. Numbers are kept as the text they will print as, so the caller decides how a
// bound or a default is written (an integer without ".0", a real in its shortest form).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorsim::json {

class Value {
 public:
  Value() = default;  // null
  Value(const char* text) : Value(std::string(text)) {}
  Value(std::string text) : kind_(Kind::kString), text_(std::move(text)) {}
  Value(bool b) : kind_(Kind::kLiteral), text_(b ? "true" : "false") {}
  Value(std::int64_t n) : kind_(Kind::kLiteral), text_(std::to_string(n)) {}

  static Value object() { return Value(Kind::kObject); }
  static Value array() { return Value(Kind::kArray); }
  // A number or other literal already in JSON form ("0.5", "1e-05", "null").
  static Value literal(std::string json_text);
  // An array of strings.
  static Value strings(const std::vector<std::string>& items);

  // Object: sets `key` (replacing an earlier value, in its place). Array: appends.
  Value& set(std::string_view key, Value value);
  Value& push(Value value);

  bool is_object() const { return kind_ == Kind::kObject; }
  bool empty() const { return members_.empty() && items_.empty(); }

  // The document, `indent` spaces a level, without a trailing newline.
  std::string dump(int indent = 2) const;

 private:
  enum class Kind { kNull, kLiteral, kString, kArray, kObject };
  explicit Value(Kind kind) : kind_(kind) {}
  void write(std::string& out, int indent, int depth) const;

  Kind kind_ = Kind::kNull;
  std::string text_;  // kLiteral: the JSON text; kString: the unescaped text
  std::vector<std::pair<std::string, Value>> members_;
  std::vector<Value> items_;
};

}  // namespace mentorsim::json
