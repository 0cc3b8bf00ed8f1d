#pragma once
// CSV as the input files use it (RFC 4180): one record per line, fields separated by commas and
// optionally quoted ("" inside quotes is one quote), unquoted fields trimmed. Blank lines and lines
// starting with '#' are skipped; a UTF-8 byte order mark (a spreadsheet's "CSV UTF-8") and CRLF
// line ends are accepted. Shared by roster and relationship files, so both read the same CSV and
// report the same problems the same way.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace mentorsim::params {

// One field of a line: its text (unquoted) and the 1-based column it starts at.
struct CsvField {
  std::string text;
  int column = 1;
};

// Where a problem is: 1-based line and column (0, 0: the file as a whole), and what it is.
using CsvProblem = std::function<void(int line, int column, std::string message)>;

// Calls `record(line_no, fields)` for each line that is neither blank nor a comment, in order. A
// line with a broken quote is reported through `problem` and passed on with no fields, so a reader
// knows its header was unreadable.
void for_each_csv_record(std::string_view text, const CsvProblem& problem,
                         const std::function<void(int, const std::vector<CsvField>&)>& record);

// The bytes of `path`, or nullopt after one problem naming why it cannot be read ("no such ...
// file", "not a regular file"); `what` names the file's kind, e.g. "roster".
std::optional<std::string> read_csv_file(const std::filesystem::path& path, std::string_view what,
                                         std::string& why);

// Collects problems at file:line:column, at most `limit` of them and then a count of the rest.
class CsvDiagnostics {
 public:
  CsvDiagnostics(std::string shown, std::size_t limit) : shown_(std::move(shown)), limit_(limit) {}
  void add(int line, int column, std::string message);
  bool empty() const { return problems_.empty(); }
  // Every problem, the count of dropped ones last.
  std::vector<Diagnostic> take();
  CsvProblem sink() {
    return [this](int line, int column, std::string message) {
      add(line, column, std::move(message));
    };
  }

 private:
  std::string shown_;
  std::size_t limit_;
  std::vector<Diagnostic> problems_;
  std::size_t dropped_ = 0;
};

}  // namespace mentorsim::params
