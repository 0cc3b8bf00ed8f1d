// The generated parameter reference: docs/parameters.md must be current, and every format must
// cover every parameter.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "input/scenario_loader.hpp"
#include "input/schema_output.hpp"
#include "input/sections.hpp"
#include "support/source_tree.hpp"
#include "support/text.hpp"

using namespace mentorsim::params;

TEST_CASE("docs/parameters.md is the output of `mentorsim schema --format md`",
          "[params][schema]") {
  const std::string path = mentorsim::testing::source_path("docs/parameters.md");
  const std::string text = mentorsim::testing::file_text(path);
  INFO(path << " is stale; regenerate it from the repository root with\n"
            << "  build/<preset>/mentorsim schema --format md > docs/parameters.md\n"
            << "(e.g. build/release/mentorsim, or wherever your build puts the binary)");
  CHECK(text == schema_markdown());
}

TEST_CASE("every schema format names every parameter", "[params][schema]") {
  const std::string md = schema_markdown(), toml = schema_toml(), json = schema_json();
  auto check_section = [&](const SectionSpec& spec) {
    for (const auto& p : spec.params) {
      INFO(spec.name << "." << p.info.key);
      CHECK(md.find("| `" + p.info.key + "` |") != std::string::npos);
      CHECK(toml.find("\n" + p.info.key + " = ") != std::string::npos);
      CHECK(json.find("\"key\": \"" + p.info.key + "\"") != std::string::npos);
    }
  };
  for (const auto& t : scenario_tables()) check_section(t.spec);
  check_section(programme_common_section());
  for (const auto& k : programme_kinds()) check_section(k.spec);
}

TEST_CASE("the TOML schema loads as a scenario with one programme of each kind",
          "[params][schema]") {
  const auto scenario = load_scenario_text(schema_toml(), "schema.toml", {});
  REQUIRE(scenario.programmes.size() == programme_kinds().size());
  for (std::size_t i = 0; i < scenario.programmes.size(); ++i)
    CHECK(scenario.programmes[i].common.kind == programme_kinds()[i].entry->kind);
}

TEST_CASE("the JSON schema has balanced brackets outside strings", "[params][schema]") {
  const std::string json = schema_json();
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      REQUIRE(--depth >= 0);
    }
  }
  CHECK(depth == 0);
  CHECK_FALSE(in_string);
}
