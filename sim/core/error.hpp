#pragma once
// Typed errors. InputError carries every problem found in user input (scenario files, --set, the
// command line), each with its location, so all of them can be reported at once. Exit status 2.
// RunError is a failure while running (I/O, an internal invariant). Exit status 1.
#include <stdexcept>
#include <string>
#include <vector>

namespace mentorsim {

struct Diagnostic {
  std::string file;  // scenario path, or "--set" / "command line"
  int line = 0;      // 1-based; 0 when there is no position
  int column = 0;    // 1-based; 0 when there is no position
  std::string message;

  // "file:line:col: message", or "file: message" without a position.
  std::string to_string() const;
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(Diagnostic diagnostic)
      : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace mentorsim
