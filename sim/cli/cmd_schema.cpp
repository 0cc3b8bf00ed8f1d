// `mentorsim schema [--format md|toml|json|json-schema|keys]`: every parameter, generated from the
// declarations.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/file_schemas.hpp"
#include "input/schema_output.hpp"

namespace mentorsim::cli {

namespace {
constexpr const char* kUsage =
    "Usage: mentorsim schema [--format md|toml|json|json-schema|keys]\n"
    "\n"
    "Prints every scenario parameter (type, default, allowed values, units, doc):\n"
    "  md           the Markdown reference (docs/parameters.md)\n"
    "  toml         a scenario with every key at its default, annotated, one programme per kind\n"
    "  json         the same as JSON (layout described in the Markdown reference)\n"
    "  json-schema  a JSON Schema (draft 2020-12) of scenario, sweep and uncertainty files, for\n"
    "               editors that check TOML against one (docs/scenarios.md)\n"
    "  keys         every key as --set takes it, one a line (for shell completion)\n"
    "\n";
}  // namespace

int cmd_schema(const std::vector<std::string>& args) {
  return print_generated("schema", args, kUsage,
                         {{"md", params::schema_markdown},
                          {"toml", params::schema_toml},
                          {"json", params::schema_json},
                          {"json-schema", input_files_json_schema},
                          {"keys", params::schema_keys}});
}

}  // namespace mentorsim::cli
