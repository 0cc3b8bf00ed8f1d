#include "input/roster_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>

#include "core/did_you_mean.hpp"
#include "core/sha256.hpp"
#include "input/csv_text.hpp"
#include "input/sections.hpp"

namespace mentorsim::params {

namespace {

constexpr const char* kZoneColumn = "<zone>";
constexpr std::int64_t kMaxTenureWeeks = 5200;
constexpr double kMaxHours = 168;  // a week

// What a header column is: a declared column, or the skill in zone `zone`.
struct ColumnRole {
  std::string name;
  int zone = -1;
};

class Reader {
 public:
  Reader(std::string shown, std::string path, const PopulationConfig& population)
      : path_(std::move(path)),
        population_(population),
        problems_(std::move(shown), kMaxRosterProblems) {}

  RosterResult read(std::string_view text) {
    auto roster = std::make_shared<Roster>();
    roster->path = path_;
    roster->zones = static_cast<int>(population_.zones.size());
    roster->sha256 = sha256_hex(text);
    bool header_read = false;
    for_each_csv_record(text, problems_.sink(),
                        [&](int line_no, const std::vector<CsvField>& fields) {
                          if (!header_read) {
                            header_read = true;  // a broken header: nothing below can be read
                            if (!fields.empty()) read_header(fields, line_no);
                          } else if (header_ok_ && !fields.empty()) {
                            read_row(fields, line_no, *roster);
                          }
                        });
    if (!header_read)
      problem(0, 0, "is empty: a roster needs a header line and one line per practitioner");
    else if (header_ok_ && roster->rows() == 0 && problems_.empty())
      problem(0, 0, "has a header but no practitioners");
    RosterResult result;
    if (problems_.empty()) result.roster = std::move(roster);
    result.problems = problems_.take();
    return result;
  }

 private:
  void problem(int line, int column, std::string message) {
    problems_.add(line, column, std::move(message));
  }

  std::vector<std::string> valid_columns() const {
    std::vector<std::string> names;
    for (const RosterColumn& c : roster_columns())
      if (std::string_view(c.name) != kZoneColumn) names.emplace_back(c.name);
    for (const auto& z : population_.zones) names.push_back(z);
    return names;
  }

  bool required(const RosterColumn& c) const {
    const std::string_view name = c.name;
    if (name == "group") return population_.group_names.size() > 1;
    if (name == "function") return population_.function_names.size() > 1;
    return c.required;
  }

  void read_header(const std::vector<CsvField>& fields, int line_no) {
    const std::vector<std::string> valid = valid_columns();
    header_ok_ = true;
    // Spreadsheets in some locales separate fields by semicolons: say so, not "unknown column".
    if (fields.size() == 1 && fields.front().text.find(';') != std::string::npos) {
      problem(line_no, 1,
              "the header is one field holding ';': a roster's fields are separated by commas "
              "(save the spreadsheet as CSV with commas)");
      header_ok_ = false;
      return;
    }
    for (const CsvField& f : fields) {
      ColumnRole role{f.text};
      const auto zone = std::find(population_.zones.begin(), population_.zones.end(), f.text);
      const bool declared = std::any_of(
          roster_columns().begin(), roster_columns().end(),
          [&](const RosterColumn& c) { return f.text == c.name && f.text != kZoneColumn; });
      if (zone != population_.zones.end()) {
        role.zone = static_cast<int>(zone - population_.zones.begin());
      } else if (!declared) {
        problem(
            line_no, f.column,
            fmt::format("unknown column '{}' (columns: {}; a zone's skill is the zone's name)"
                        "{}",
                        f.text, join_names(valid, "", ", "), did_you_mean_suffix(f.text, valid)));
        header_ok_ = false;
        continue;
      }
      const bool twice = std::any_of(columns_.begin(), columns_.end(),
                                     [&](const ColumnRole& c) { return c.name == role.name; });
      if (twice) {
        problem(line_no, f.column, fmt::format("column '{}' is given twice", f.text));
        header_ok_ = false;
      }
      columns_.push_back(role);
    }
    std::vector<std::string> missing;
    for (const RosterColumn& c : roster_columns())
      if (required(c) && !has_column(c.name)) missing.emplace_back(c.name);
    if (!missing.empty()) {
      problem(line_no, 1,
              fmt::format("the header lacks the column{} {}", missing.size() > 1 ? "s" : "",
                          join_names(missing, "'", " and ")));
      header_ok_ = false;
    }
  }

  bool has_column(std::string_view name) const {
    return std::any_of(columns_.begin(), columns_.end(),
                       [&](const ColumnRole& c) { return c.name == name; });
  }

  std::optional<std::uint8_t> name_index(const CsvField& f, int line_no,
                                         const std::vector<std::string>& names, const char* what,
                                         const char* plural) {
    const auto it = std::find(names.begin(), names.end(), f.text);
    if (it != names.end()) return static_cast<std::uint8_t>(it - names.begin());
    problem(line_no, f.column,
            fmt::format("unknown {} '{}' ({}: {}){}", what, f.text, plural,
                        join_names(names, "'", ", "), did_you_mean_suffix(f.text, names)));
    return std::nullopt;
  }

  std::optional<double> real(const CsvField& f, int line_no, const char* column, double lo,
                             double hi) {
    double value = 0;
    const char* first = f.text.data();
    const char* last = first + f.text.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || end != last || !std::isfinite(value)) {
      problem(line_no, f.column, fmt::format("{}: '{}' is not a number", column, f.text));
      return std::nullopt;
    }
    if (value < lo || value > hi) {
      problem(line_no, f.column,
              fmt::format("{}: {} is out of range [{}, {}]", column, f.text, lo, hi));
      return std::nullopt;
    }
    return value;
  }

  void read_row(const std::vector<CsvField>& fields, int line_no, Roster& roster) {
    if (fields.size() != columns_.size()) {
      problem(
          line_no, 1,
          fmt::format("has {} fields; the header has {} columns", fields.size(), columns_.size()));
      return;
    }
    const auto zones = static_cast<std::size_t>(roster.zones);
    std::string id;
    std::uint8_t group = 0, function = 0;
    std::int64_t tenure = 0;
    std::int8_t senior = -1;
    std::vector<float> skill(zones, std::numeric_limits<float>::quiet_NaN());
    float hours = std::numeric_limits<float>::quiet_NaN();
    bool ok = true;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const CsvField& f = fields[c];
      const ColumnRole& role = columns_[c];
      if (role.zone >= 0) {
        if (f.text.empty()) continue;  // drawn
        const auto v = real(f, line_no, role.name.c_str(), 0, 1);
        ok = ok && v;
        if (v) skill[static_cast<std::size_t>(role.zone)] = static_cast<float>(*v);
      } else if (role.name == "id") {
        if (f.text.empty()) {
          problem(line_no, f.column, "id: is empty (every practitioner needs an id)");
          ok = false;
        } else if (const auto [it, fresh] = first_line_.emplace(f.text, line_no); !fresh) {
          problem(line_no, f.column,
                  fmt::format("id: '{}' is given twice (first on line {})", f.text, it->second));
          ok = false;
        }
        id = f.text;
      } else if (role.name == "group") {
        const auto v = name_index(f, line_no, population_.group_names, "group", "groups");
        ok = ok && v;
        if (v) group = *v;
      } else if (role.name == "function") {
        const auto v = name_index(f, line_no, population_.function_names, "function", "functions");
        ok = ok && v;
        if (v) function = *v;
      } else if (role.name == "tenure_weeks") {
        std::int64_t value = 0;
        const char* first = f.text.data();
        const char* last = first + f.text.size();
        const auto [end, ec] = std::from_chars(first, last, value);
        if (ec != std::errc() || end != last) {
          problem(line_no, f.column,
                  fmt::format("tenure_weeks: '{}' is not a whole number of weeks", f.text));
          ok = false;
        } else if (value < 0 || value > kMaxTenureWeeks) {
          problem(line_no, f.column,
                  fmt::format("tenure_weeks: {} is out of range [0, {}]", value, kMaxTenureWeeks));
          ok = false;
        }
        tenure = value;
      } else if (role.name == "senior") {
        std::string t = f.text;
        std::transform(t.begin(), t.end(), t.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (t == "yes" || t == "true" || t == "1")
          senior = 1;
        else if (t == "no" || t == "false" || t == "0")
          senior = 0;
        else if (!t.empty()) {
          problem(line_no, f.column,
                  fmt::format("senior: '{}' is not yes or no (yes, no, true, false, 1, 0; empty: "
                              "drawn)",
                              f.text));
          ok = false;
        }
      } else if (role.name == "available_hours") {
        if (f.text.empty()) continue;
        const auto v = real(f, line_no, "available_hours", 0, kMaxHours);
        ok = ok && v;
        if (v) hours = static_cast<float>(*v);
      }
    }
    if (!ok) return;
    roster.ids.push_back(std::move(id));
    roster.group.push_back(group);
    roster.function.push_back(function);
    roster.tenure_weeks.push_back(tenure);
    roster.senior.push_back(senior);
    roster.skill.insert(roster.skill.end(), skill.begin(), skill.end());
    roster.available_hours.push_back(hours);
  }

  std::string path_;
  const PopulationConfig& population_;
  std::vector<ColumnRole> columns_;
  bool header_ok_ = false;
  std::unordered_map<std::string, int> first_line_;
  CsvDiagnostics problems_;
};

}  // namespace

const std::vector<RosterColumn>& roster_columns() {
  static const std::vector<RosterColumn> columns = {
      {"id", "text", true, "unique", "",
       "The practitioner's id, any text (an employee number, a name). Kept with the run; "
       "written into outputs hashed unless population.keep_roster_ids."},
      {"function", "name", true, "population.function_names", "",
       "Their function. Required when the population has more than one function."},
      {"group", "name", true, "population.group_names", "",
       "Their demographic group. Required when the population has more than one group."},
      {"tenure_weeks", "integer", true, "[0, 5200]", "weeks",
       "Weeks served before week 0 (joined_week is minus this)."},
      {"senior", "yes/no", false, "yes, no, true, false, 1, 0", "",
       "A senior: skilled and able to mentor at once. Column absent or field empty: drawn with "
       "population.senior_share (or senior_count)."},
      {kZoneColumn, "real", false, "[0, 1]", "skill",
       "Skill in that zone, in a column named after it (e.g. technical). Column absent or field "
       "empty: drawn from population.skill_mean or senior_skill_mean and skill_sd."},
      {"available_hours", "real", false, "[0, 168]", "hours/week",
       "Hours a week they can give to developing others. Absent or empty: drawn from "
       "burnout.available_hours_mean and available_hours_sd."},
  };
  return columns;
}

std::string roster_columns_markdown() {
  std::string out =
      "| Column | Type | Required | Allowed | Units | Description |\n"
      "| --- | --- | --- | --- | --- | --- |\n";
  for (const RosterColumn& c : roster_columns())
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", c.name, c.type,
                       c.required ? "yes" : "no", c.allowed, c.units, c.doc);
  return out;
}

RosterResult read_roster_text(std::string_view text, const std::string& shown,
                              const PopulationConfig& population) {
  return Reader(shown, shown, population).read(text);
}

RosterResult read_roster(const std::filesystem::path& path, const std::string& shown,
                         const PopulationConfig& population) {
  std::string why;
  const std::optional<std::string> text = read_csv_file(path, "roster", why);
  if (!text) return RosterResult{nullptr, {Diagnostic{shown, 0, 0, why}}};
  std::error_code ec;
  return Reader(shown, std::filesystem::absolute(path, ec).lexically_normal().string(), population)
      .read(*text);
}

}  // namespace mentorsim::params
