// The scan before parsing (input/toml_text.hpp): keys of many parts and values nested deep are
// refused at their line and column before toml++ sees them (it recurses once per part or level,
// and ~40,000 overflowed the stack), and nothing a real file holds is refused.
#include <catch2/catch.hpp>

#include <string>

#include "core/error.hpp"
#include "input/scenario_loader.hpp"
#include "input/toml_text.hpp"
#include "support/source_tree.hpp"

using namespace mentorsim;
using params::check_toml_limits;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// "line:col: message" of the limit `text` breaks, or "" when it breaks none.
std::string refusal(const std::string& text) {
  try {
    check_toml_limits(text, "t.toml");
  } catch (const InputError& e) {
    const Diagnostic& d = e.diagnostics().front();
    return std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
  }
  return "";
}

std::string key_of(std::size_t parts) {
  std::string key = "a";
  for (std::size_t i = 1; i < parts; ++i) key += ".a";
  return key;
}

}  // namespace

TEST_CASE("keys of more than 64 parts are refused where they start", "[params][limits]") {
  CHECK(refusal(key_of(64) + " = 1\n") == "");
  CHECK(refusal("# top\n\n  " + key_of(65) + " = 1\n").rfind("3:3: a key of more than 64", 0) == 0);
  CHECK(refusal("[" + key_of(65) + "]\n").rfind("1:1: a key of more than 64", 0) == 0);
  CHECK(refusal("[[" + key_of(65) + "]]\n").rfind("1:1: a key of more than 64", 0) == 0);
  CHECK(refusal("x = { b = 1, " + key_of(65) + " = 2 }\n").rfind("1:13: a key of more", 0) == 0);
  // The crash classes: a key of 40,000 parts, a header of 100,000.
  CHECK_FALSE(refusal(key_of(40000) + " = 1\n").empty());
  CHECK_FALSE(refusal("[" + key_of(100000) + "]\n").empty());
  // Dots in quoted keys, strings, numbers and comments are not parts.
  CHECK(refusal("\"" + key_of(100) + "\" = '" + key_of(100) + "'\n") == "");
  CHECK(refusal("x = 1.5 # " + key_of(100) + "\n" + "y = \"\"\"\n" + key_of(100) + "\n\"\"\"\n") ==
        "");
}

TEST_CASE("values nested more than 64 deep are refused where the level opens", "[params][limits]") {
  CHECK(refusal("x = " + repeat("[", 64) + repeat("]", 64) + "\n") == "");
  CHECK(refusal("x = " + repeat("[", 65) + repeat("]", 65) + "\n")
            .rfind("1:69: arrays and inline tables nested more than 64 deep", 0) == 0);
  CHECK(refusal("x = " + repeat("{a = ", 65) + "1" + repeat("}", 65) + "\n").rfind("1:", 0) == 0);
  CHECK(refusal("x = [\n  [1, 2],\n  " + repeat("[", 70) + "\n").rfind("3:", 0) == 0);
  CHECK_FALSE(refusal("x = " + repeat("[", 100000) + repeat("]", 100000) + "\n").empty());
  CHECK_FALSE(refusal("x = " + repeat("{a=", 50000) + "1" + repeat("}", 50000) + "\n").empty());
  // Brackets inside strings and comments are text; closed levels do not add up.
  CHECK(refusal("x = \"" + repeat("[", 100) + "\" # " + repeat("{", 100) + "\n" + "y = '''" +
                repeat("[", 100) + "'''\n") == "");
  CHECK(refusal(repeat("x" + std::string("= [[1]]\n"), 1) + repeat("y = [[[1]]]\n", 100)) == "");
  CHECK(refusal("x = {}\n[t]\nz = [{}, {a = [1]}]\n") == "");
  // An escaped quote does not end a basic string.
  CHECK(refusal("x = \"\\\"" + repeat("[", 100) + "\"\n") == "");
}

TEST_CASE("a scenario file too deep is an error at its line, never a crash", "[params][limits]") {
  try {
    params::load_scenario_text("[population]\nzones = " + repeat("[", 100000) + "\n", "s.toml", {});
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.diagnostics().front().line == 2);
  }
  // --set values too.
  try {
    params::load_scenario_text("", "s.toml", {"population.zones=" + repeat("[", 100000)});
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.diagnostics().front().message.find("nested more than 64 deep") != std::string::npos);
  }
}

TEST_CASE("a scenario name holds no control characters", "[params][limits]") {
  try {
    params::load_scenario_text("[scenario]\nname = \"a\\u0000b\"\n", "s.toml", {});
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.diagnostics().front().line == 2);
    CHECK(e.diagnostics().front().message.find("control character") != std::string::npos);
  }
  CHECK(
      params::load_scenario_text("[scenario]\nname = \"team/alpha ü\"\n", "s.toml", {}).meta.name ==
      "team/alpha ü");
}

TEST_CASE("non-ASCII characters outside strings and comments are refused before parsing",
          "[params][limits][fuzz]") {
  // Found by tests/fuzz: toml++ 3.3's whitespace test on U+0162 reaches __builtin_unreachable
  // (tests/fuzz/regressions/). TOML allows non-ASCII only in strings and comments.
  CHECK(refusal("\xC5\xA2\xC7\x9D").rfind("1:1: a non-ASCII character outside a string", 0) == 0);
  CHECK(refusal("[scenario]\nname = \"x\" \xC5\xA2\n").rfind("2:12: a non-ASCII", 0) == 0);
  CHECK(refusal("[t\xC3\xA9]\n").rfind("1:3: a non-ASCII", 0) == 0);
  // Inside strings, comments and after a byte order mark, it is text.
  CHECK(
      refusal("\xEF\xBB\xBFx = \"caf\xC3\xA9\" # \xC5\xA2\ny = '\xC5\xA2'\n\"k\xC3\xA9\" = 1\n") ==
      "");
  CHECK(params::ascii_outside_strings("v = \"\xC5\xA2\""));
  CHECK_FALSE(params::ascii_outside_strings("v = \xC5\xA2"));
  // A --set value that is not TOML is still read as a bare string.
  CHECK(
      params::load_scenario_text("", "s.toml", {"scenario.name=Caf\xC3\xA9 \xC5\xA2"}).meta.name ==
      "Caf\xC3\xA9 \xC5\xA2");
}
