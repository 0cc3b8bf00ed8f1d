#include "input/csv_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

namespace mentorsim::params {

namespace {

bool blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c); });
}

// The fields of one line; false (and a problem) for a broken quote.
bool split(std::string_view line, int line_no, const CsvProblem& problem,
           std::vector<CsvField>& fields) {
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && line[i] == ' ') ++i;
    CsvField f;
    f.column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            f.text += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        f.text += line[i++];
      }
      if (!closed) {
        problem(line_no, f.column, "a quoted field without its closing quote");
        return false;
      }
      while (i < line.size() && line[i] == ' ') ++i;
      if (i < line.size() && line[i] != ',') {
        problem(line_no, static_cast<int>(i) + 1, "text after a quoted field's closing quote");
        return false;
      }
    } else {
      const std::size_t comma = std::min(line.find(',', i), line.size());
      std::string_view raw = line.substr(i, comma - i);
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
      f.text = std::string(raw);
      i = comma;
    }
    fields.push_back(std::move(f));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

}  // namespace

void for_each_csv_record(std::string_view text, const CsvProblem& problem,
                         const std::function<void(int, const std::vector<CsvField>&)>& record) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark)
    text.remove_prefix(kByteOrderMark.size());
  int line_no = 0;
  std::size_t begin = 0;
  std::vector<CsvField> fields;
  while (begin <= text.size() && !text.empty()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    begin = end + 1;
    if (!blank(line) && line.front() != '#') {
      fields.clear();
      if (!split(line, line_no, problem, fields)) fields.clear();
      record(line_no, fields);
    }
    if (end == text.size()) break;
  }
}

std::optional<std::string> read_csv_file(const std::filesystem::path& path, std::string_view what,
                                         std::string& why) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    why = std::filesystem::exists(path, ec) ? "not a regular file"
                                            : fmt::format("no such {} file", what);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in && !in.eof()) {
    why = fmt::format("cannot read the {} file", what);
    return std::nullopt;
  }
  return text;
}

void CsvDiagnostics::add(int line, int column, std::string message) {
  if (problems_.size() >= limit_) {
    ++dropped_;
    return;
  }
  problems_.push_back(Diagnostic{shown_, line, column, std::move(message)});
}

std::vector<Diagnostic> CsvDiagnostics::take() {
  std::vector<Diagnostic> out = std::move(problems_);
  if (dropped_ > 0)
    out.push_back(Diagnostic{shown_, 0, 0, fmt::format("... and {} more problems", dropped_)});
  problems_.clear();
  dropped_ = 0;
  return out;
}

}  // namespace mentorsim::params
