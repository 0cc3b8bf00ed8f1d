#include "output/twins.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <sstream>

#include "metrics/shock_effects.hpp"

namespace mentorsim {

namespace {

namespace fs = std::filesystem;

std::string canonical_path(const fs::path& path) {
  std::error_code ec;
  const fs::path c = fs::weakly_canonical(path, ec);
  return (ec ? path.lexically_normal() : c).string();
}

bool starts_with_key(const std::string& line, const char* key) {
  const std::string prefix = std::string(key) + " = ";
  return line.rfind(prefix, 0) == 0;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// "in [table]: `a` against `b`" for the first line where two twin keys differ.
std::string first_difference(const std::string& a, const std::string& b) {
  const std::vector<std::string> x = lines_of(a), y = lines_of(b);
  std::string table = "(top)";
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    const std::string& l = i < x.size() ? x[i] : std::string("(end)");
    const std::string& r = i < y.size() ? y[i] : std::string("(end)");
    if (l == r) {
      if (!l.empty() && l.front() == '[') table = l;
      continue;
    }
    return fmt::format("in {}: `{}` here, `{}` in the twin", table, l, r);
  }
  return "nowhere";
}

}  // namespace

std::string twin_key(const std::string& resolved_toml) {
  std::vector<std::string> kept;
  bool in_shock = false, in_scenario = false;
  for (const std::string& line : lines_of(resolved_toml)) {
    if (!line.empty() && line.front() == '[') {
      in_shock = line == "[[shock]]";
      in_scenario = line == "[scenario]";
      // A table's doc comment and the blank line before it belong to the shock too.
      while (in_shock && !kept.empty() && (kept.back().empty() || kept.back().front() == '#'))
        kept.pop_back();
    }
    if (in_shock) continue;
    if (in_scenario && (starts_with_key(line, "name") || starts_with_key(line, "description") ||
                        starts_with_key(line, "twin")))
      continue;
    kept.push_back(line);
  }
  std::string out;
  for (const std::string& line : kept) out += line + '\n';
  return out;
}

Twins find_twins(const std::vector<Scenario>& scenarios, const std::vector<std::string>& paths) {
  Twins out;
  out.twin.assign(scenarios.size(), std::nullopt);
  std::vector<std::string> keys, files;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    keys.push_back(twin_key(scenarios[i].resolved_toml));
    files.push_back(canonical_path(paths[i]));
  }
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (scenarios[i].shocks.empty()) continue;
    const std::string& declared = scenarios[i].meta.twin;
    if (declared.empty()) {
      for (std::size_t j = 0; j < scenarios.size() && !out.twin[i]; ++j)
        if (scenarios[j].shocks.empty() && keys[j] == keys[i]) out.twin[i] = j;
      if (!out.twin[i]) out.unpaired.push_back(i);
      continue;
    }
    const std::string wanted = canonical_path(fs::path(paths[i]).parent_path() / declared);
    std::optional<std::size_t> j;
    for (std::size_t k = 0; k < scenarios.size() && !j; ++k)
      if (files[k] == wanted) j = k;
    if (!j)
      out.problems.push_back({i, fmt::format("scenario.twin: '{}' ({}) is not among the "
                                             "compared scenarios: add it to the command line",
                                             declared, wanted)});
    else if (!scenarios[*j].shocks.empty())
      out.problems.push_back(
          {i, fmt::format("scenario.twin: '{}' has [[shock]] entries of its own: a twin is the "
                          "same scenario without shocks",
                          declared)});
    else if (keys[*j] != keys[i])
      out.problems.push_back({i, fmt::format("scenario.twin: '{}' differs from this scenario "
                                             "in more than its shocks, {}",
                                             declared, first_difference(keys[i], keys[*j]))});
    else
      out.twin[i] = j;
  }
  return out;
}

void add_shock_effects(std::vector<ComparisonArm>& arms, const std::vector<Scenario>& scenarios,
                       const Twins& twins) {
  for (std::size_t i = 0; i < arms.size(); ++i) {
    if (!twins.twin[i]) continue;
    const ComparisonArm& twin = arms[*twins.twin[i]];
    const Scenario& scenario = scenarios[i];
    for (RunResult& run : arms[i].runs) {
      const RunResult* pair = nullptr;
      for (const RunResult& t : twin.runs)
        if (t.replicate == run.replicate) pair = &t;
      if (!pair) continue;
      for (std::size_t q = 0; q < scenario.shocks.size(); ++q) {
        const std::vector<SummaryValue> effects = metrics::shock_effects(
            *pair, run, q + 1, scenario.shocks[q].week, scenario.metrics.twin_tolerance);
        run.summary.insert(run.summary.end(), effects.begin(), effects.end());
      }
    }
  }
}

}  // namespace mentorsim
