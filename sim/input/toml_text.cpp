#include "input/toml_text.hpp"

#include <fmt/format.h>

#include <vector>

#include "core/error.hpp"

namespace mentorsim::params {

namespace {

class LimitScanner {
 public:
  LimitScanner(std::string_view text, const std::string& source, bool refuse_non_ascii)
      : s_(text), source_(source), refuse_non_ascii_(refuse_non_ascii) {}

  bool non_ascii_seen() const { return non_ascii_seen_; }

  void scan() {
    if (s_.starts_with("\xEF\xBB\xBF")) i_ = 3;  // a UTF-8 byte order mark, which TOML allows
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '#') {
        skip_comment();
        continue;
      }
      // Strings and comments are skipped whole, so this byte is outside them, where TOML allows
      // ASCII only; toml++ 3.3's whitespace test on some such characters reaches
      // __builtin_unreachable (undefined behaviour, found by tests/fuzz).
      if (static_cast<unsigned char>(c) >= 0x80) {
        non_ascii_seen_ = true;
        if (refuse_non_ascii_)
          fail(line_, column_,
               "a non-ASCII character outside a string or comment (TOML allows them only in "
               "quoted strings and comments)");
      }
      switch (mode_) {
        case Mode::kLineStart:
          line_start(c);
          break;
        case Mode::kKey:
        case Mode::kHeader:
          key(c);
          break;
        case Mode::kValue:
          value(c);
          break;
      }
    }
  }

 private:
  // kLineStart: at the top level, before a key or a header; kKey: in a key (top level or inline
  // table) until its '='; kHeader: inside [..] or [[..]]; kValue: after '=' (or a header).
  enum class Mode { kLineStart, kKey, kHeader, kValue };

  void line_start(char c) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return advance();
    start_key(c == '[' ? Mode::kHeader : Mode::kKey);
    if (c == '[') {
      advance();
      if (peek() == '[') advance();
    }
  }

  void key(char c) {
    if (c == '"' || c == '\'') return skip_string();
    if (c == '.' && ++parts_ > kMaxKeyParts)
      fail(key_line_, key_column_,
           fmt::format("a key of more than {} dotted parts (a real one has two or three); "
                       "refused before parsing",
                       kMaxKeyParts));
    if (c == '=' && mode_ == Mode::kKey) mode_ = Mode::kValue;
    if (c == ']' && mode_ == Mode::kHeader) mode_ = Mode::kValue;  // a second ']' is ignored
    if (c == '}' && !stack_.empty()) {                             // an empty inline table: {}
      stack_.pop_back();
      mode_ = Mode::kValue;
    }
    if (c == '\n') mode_ = stack_.empty() ? Mode::kLineStart : Mode::kValue;
    advance();
  }

  void value(char c) {
    if (c == '"' || c == '\'') return skip_string();
    if (c == '[' || c == '{') {
      stack_.push_back(c);
      if (stack_.size() > kMaxNesting)
        fail(line_, column_,
             fmt::format("arrays and inline tables nested more than {} deep (a real value nests "
                         "two or three); refused before parsing",
                         kMaxNesting));
      advance();
      if (c == '{') start_key(Mode::kKey);
      return;
    }
    if ((c == ']' || c == '}') && !stack_.empty()) stack_.pop_back();
    if (c == ',' && !stack_.empty() && stack_.back() == '{') {
      advance();
      return start_key(Mode::kKey);
    }
    if (c == '\n' && stack_.empty()) mode_ = Mode::kLineStart;
    advance();
  }

  void start_key(Mode mode) {
    mode_ = mode;
    parts_ = 1;
    key_line_ = line_;
    key_column_ = column_;
  }

  // A basic or literal string, single- or multi-line, from its opening quote past its closing
  // one (or to the end of the line or text, when it is not closed: the parser reports that).
  void skip_string() {
    const char quote = s_[i_];
    const bool multi = peek(1) == quote && peek(2) == quote;
    for (int k = 0; k < (multi ? 3 : 1); ++k) advance();
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (quote == '"' && c == '\\') {
        advance();
        if (i_ < s_.size()) advance();
        continue;
      }
      if (!multi && c == '\n') return;
      if (c == quote && (!multi || (peek(1) == quote && peek(2) == quote))) {
        for (int k = 0; k < (multi ? 3 : 1); ++k) advance();
        return;
      }
      advance();
    }
  }

  void skip_comment() {
    while (i_ < s_.size() && s_[i_] != '\n') advance();
  }

  char peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }

  void advance() {
    // Columns count code points, as toml++ does: UTF-8 continuation bytes take none.
    if (s_[i_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(s_[i_]) & 0xC0) != 0x80) {
      ++column_;
    }
    ++i_;
  }

  [[noreturn]] void fail(int line, int column, std::string message) const {
    throw InputError(Diagnostic{source_, line, column, std::move(message)});
  }

  std::string_view s_;
  const std::string& source_;
  bool refuse_non_ascii_;
  bool non_ascii_seen_ = false;
  std::size_t i_ = 0;
  int line_ = 1, column_ = 1;
  Mode mode_ = Mode::kLineStart;
  std::vector<char> stack_;  // the open '[' and '{' of a value
  std::size_t parts_ = 0;
  int key_line_ = 1, key_column_ = 1;
};

}  // namespace

void check_toml_limits(std::string_view text, const std::string& source) {
  LimitScanner(text, source, true).scan();
}

void check_toml_size_limits(std::string_view text, const std::string& source) {
  LimitScanner(text, source, false).scan();
}

bool ascii_outside_strings(std::string_view text) {
  const std::string source;
  LimitScanner scanner(text, source, false);
  try {
    scanner.scan();
  } catch (const InputError&) {
    // beyond a size limit: the answer is still whether a non-ASCII byte came first
  }
  return !scanner.non_ascii_seen();
}

toml::table parse_toml_text(std::string_view text, const std::string& source) {
  check_toml_limits(text, source);
  try {
    return toml::parse(text, std::string_view{source});
  } catch (const toml::parse_error& e) {
    const auto& pos = e.source().begin;
    throw InputError(Diagnostic{source, static_cast<int>(pos.line), static_cast<int>(pos.column),
                                fmt::format("TOML syntax error: {}", e.description())});
  }
}

}  // namespace mentorsim::params
