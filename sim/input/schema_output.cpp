#include "input/schema_output.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "input/scenario_loader.hpp"
#include "input/scenario_writer.hpp"
#include "input/sections.hpp"
#include "input/value_format.hpp"
#include "mechanisms/shocks/shock.hpp"

namespace mentorsim::params {

namespace {

constexpr const char* kIntro = R"(# Parameter reference

Every parameter a scenario file can set, generated from the declarations in
`sim/scenario/declarations.cpp` and each model's `sim/models/<kind>_params.cpp`. Do not edit this
file by hand: regenerate it with `mentorsim schema --format md > docs/parameters.md` (a unit test
fails when it is stale). How scenario files are written, `--set` and `mentorsim check`:
[scenarios.md](scenarios.md).

Ranges are inclusive. A real parameter accepts an integer literal (`annual_rate = 1`); an integer
parameter does not accept a real. Keys left out of a file take the default shown. "Checked together"
lists keys with a cross-field check; its failure is reported at the first of those keys in the file.

Other formats of this reference:

- `mentorsim schema --format toml` prints a scenario with every key at its default and a comment on
  each, and one `[[programme]]` of every kind; it loads as it is.
- `mentorsim schema --format json` prints an object with the keys
  `schema_version` (1), `tables` (a list of sections) and `programme`, an object with
  `common` (a section of the keys every programme has) and `kinds` (a list of sections, one per
  kind, each with an extra `summary`). A section has `name` (table name or kind), `doc`, `params`
  and `checks` (lists of keys checked together). A parameter has `key`, `type` (`real`, `integer`,
  `bool`, `choice`, `string`, `list of reals`, `list of strings`), `default`, `units` (`""` when
  dimensionless), `doc`, `min` and `max` (inclusive bounds of a number or of every element of a
  list of numbers; `null` when unbounded or not numeric), `min_items` and `max_items` (allowed list
  length; `null` when not a list or unbounded) and `choices` (empty unless `type` is `choice`).
)";

// Escapes text for a Markdown table cell.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string code(const std::string& text) {
  return text.empty() ? "" : "`" + text + "`";
}

void markdown_params(std::string& out, const SectionSpec& spec) {
  out += "| Key | Type | Default | Allowed | Units | Description |\n";
  out += "| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& p : spec.params) {
    const ParamInfo& i = p.info;
    std::string def = code(toml_literal(i.default_value));
    if (&spec == &programme_common_section() && i.key == "kind") def = "required";
    if (&spec == &programme_common_section() && i.key == "name") def = "the kind";
    if (&spec == &shock_section() && (i.key == "kind" || i.key == "week")) def = "required";
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", i.key, type_name(i.type), cell(def),
                       cell(allowed_text(i, "`")), cell(i.units), cell(i.doc));
  }
  if (!spec.checks.empty()) {
    out += "\nChecked together:";
    for (std::size_t c = 0; c < spec.checks.size(); ++c) {
      std::vector<std::string> keys;
      for (const auto& k : spec.checks[c].keys) keys.push_back(code(k));
      out += (c ? "; " : " ") + join_names(keys);
    }
    out += ".\n";
  }
}

// One row per registered shock kind (mechanisms/shocks/registry.cpp): its name, what it does, and
// its keys besides `kind` and `week`.
std::string shock_kinds_table() {
  std::string out;
  const ParamSpec& kind_param = *shock_section().find("kind");
  for (const ShockKindEntry& kind : shock_kinds()) {
    ShockConfig shock{};
    shock.kind = kind.kind;
    std::string keys;
    for (const std::string& key : kind.keys) {
      if (key == "kind" || key == "week") continue;
      const bool required =
          std::find(kind.required.begin(), kind.required.end(), key) != kind.required.end();
      keys += fmt::format("{}{}`{}`{}", keys.empty() ? "" : ", ", required ? "**" : "", key,
                          required ? "**" : "");
    }
    out += fmt::format("| `{}` | {} | {} |\n", std::get<std::string>(kind_param.read(&shock)),
                       kind.summary, keys);
  }
  return out;
}

}  // namespace

std::string section_markdown(const SectionSpec& spec) {
  std::string out;
  markdown_params(out, spec);
  return out;
}

std::string schema_markdown() {
  std::string out = kIntro;
  out += "\n## Tables\n";
  for (const auto& t : scenario_tables()) {
    out += fmt::format("\n### [{}]\n\n{}\n\n", t.spec.name, t.spec.doc);
    markdown_params(out, t.spec);
  }
  out += R"(
## Programmes: [[programme]]

A scenario has any number of `[[programme]]` entries, zero included. Each entry's `kind` (required)
selects a mentoring model; the entry then takes the common keys below and the keys of its kind.
Programme names default to the kind and must be unique (give each programme of the same kind a
`name`); a name starts with a letter or `_` and has only letters, digits, `_` and `-`. A programme
must start before the run ends (`start_week` < `scenario.weeks`), and an `end_week` other than -1
must be after `start_week`.

### Common keys

)";
  markdown_params(out, programme_common_section());
  for (const auto& k : programme_kinds()) {
    out += fmt::format("\n### kind = \"{}\"\n\n{}\n\n", k.entry->kind, k.entry->summary);
    markdown_params(out, k.spec);
  }
  out += R"(
## Shocks: [[shock]]

A scenario has any number of `[[shock]]` entries, zero included: something that happens to the
organisation in one week (model: [model.md §7.15](model.md)). `kind` and `week` are required and
`week` must be before `scenario.weeks`. Each kind takes only its own keys (any other key is an
error) and requires some of them:

| kind | what happens | keys (required in bold) |
| --- | --- | --- |
)";
  out += shock_kinds_table();
  out += "\n";
  markdown_params(out, shock_section());
  return out;
}

std::string schema_toml() {
  std::string text;
  for (const auto& k : programme_kinds())
    text += fmt::format("[[{}]]\nkind = {}\n", kProgrammeTable, toml_string(k.entry->kind));
  const Scenario defaults = load_scenario_text(text, "<schema>", {});
  return "# Every scenario key at its default, with its doc and its type, allowed values and\n"
         "# units; one [[programme]] of each kind. This file loads as a scenario: copy it and\n"
         "# change what you need (keys left out take these defaults).\n" +
         write_scenario_toml(defaults, TomlStyle::kSchema);
}

}  // namespace mentorsim::params
