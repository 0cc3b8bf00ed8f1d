#include "input/relationships_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "core/did_you_mean.hpp"
#include "core/sha256.hpp"
#include "input/csv_text.hpp"
#include "input/sections.hpp"
#include "models/registry.hpp"

namespace mentorsim::params {

namespace {

constexpr std::int64_t kEarliestStart = -5200;      // a hundred years, as roster tenures
constexpr std::int64_t kLatestPlannedEnd = 520000;  // ten thousand years: any run's horizon
// Above this many roster ids, an unknown id gets no "did you mean": the search would cost more
// than it helps, and ids that long are employee numbers, where a near miss is another person.
constexpr std::size_t kMaxIdsToSuggest = 5000;

class Reader {
 public:
  Reader(std::string shown, std::string path, const Scenario& scenario)
      : path_(std::move(path)),
        scenario_(scenario),
        roster_(*scenario.roster),
        problems_(std::move(shown), kMaxRelationshipProblems) {
    for (std::size_t i = 0; i < roster_.rows(); ++i)
      row_of_id_.emplace(roster_.ids[i], static_cast<std::uint32_t>(i));
    for (const ProgrammeConfig& p : scenario.programmes) programme_names_.push_back(p.common.name);
  }

  RelationshipsResult read(std::string_view text) {
    auto out = std::make_shared<Relationships>();
    out->path = path_;
    out->sha256 = sha256_hex(text);
    bool header_read = false;
    for_each_csv_record(text, problems_.sink(),
                        [&](int line_no, const std::vector<CsvField>& fields) {
                          if (!header_read) {
                            header_read = true;
                            if (!fields.empty()) read_header(fields, line_no);
                          } else if (header_ok_ && !fields.empty()) {
                            read_line(fields, line_no, *out);
                          }
                        });
    if (!header_read)
      problems_.add(0, 0,
                    "is empty: a relationship file needs a header line and one line per "
                    "relationship");
    RelationshipsResult result;
    if (problems_.empty()) result.relationships = std::move(out);
    result.problems = problems_.take();
    return result;
  }

 private:
  static std::vector<std::string> column_names() {
    std::vector<std::string> names;
    for (const RelationshipColumn& c : relationship_columns()) names.emplace_back(c.name);
    return names;
  }

  void read_header(const std::vector<CsvField>& fields, int line_no) {
    header_ok_ = true;
    const std::vector<std::string> names = column_names();
    if (fields.size() == 1 && fields.front().text.find(';') != std::string::npos) {
      problems_.add(line_no, 1,
                    "the header is one field holding ';': a relationship file's fields are "
                    "separated by commas (save the spreadsheet as CSV with commas)");
      header_ok_ = false;
      return;
    }
    for (const CsvField& f : fields) {
      if (std::find(names.begin(), names.end(), f.text) == names.end()) {
        problems_.add(line_no, f.column,
                      fmt::format("unknown column '{}' (columns: {}){}", f.text,
                                  join_names(names, "", ", "), did_you_mean_suffix(f.text, names)));
        header_ok_ = false;
      } else if (std::find(columns_.begin(), columns_.end(), f.text) != columns_.end()) {
        problems_.add(line_no, f.column, fmt::format("column '{}' is given twice", f.text));
        header_ok_ = false;
      }
      columns_.push_back(f.text);
    }
    std::vector<std::string> missing;
    for (const char* name : {"developer", "learner", "programme", "start_week", "planned_end"})
      if (std::find(columns_.begin(), columns_.end(), name) == columns_.end())
        missing.emplace_back(name);
    if (!missing.empty()) {
      problems_.add(line_no, 1,
                    fmt::format("the header lacks the column{} {}", missing.size() > 1 ? "s" : "",
                                join_names(missing, "'", " and ")));
      header_ok_ = false;
    }
  }

  std::optional<std::uint32_t> roster_row(const CsvField& f, int line_no, const char* column) {
    if (const auto it = row_of_id_.find(f.text); it != row_of_id_.end()) return it->second;
    std::string hint;
    if (roster_.rows() <= kMaxIdsToSuggest) hint = did_you_mean_suffix(f.text, roster_.ids);
    problems_.add(line_no, f.column,
                  f.text.empty()
                      ? fmt::format("{}: is empty (a roster id)", column)
                      : fmt::format("{}: '{}' is not an id of the roster{}", column, f.text, hint));
    return std::nullopt;
  }

  std::optional<std::int64_t> whole(const CsvField& f, int line_no, const char* column,
                                    std::int64_t lo, std::int64_t hi) {
    std::int64_t value = 0;
    const char* first = f.text.data();
    const char* last = first + f.text.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || end != last) {
      problems_.add(line_no, f.column,
                    fmt::format("{}: '{}' is not a whole number of weeks", column, f.text));
      return std::nullopt;
    }
    if (value < lo || value > hi) {
      problems_.add(line_no, f.column,
                    fmt::format("{}: {} is out of range [{}, {}]", column, value, lo, hi));
      return std::nullopt;
    }
    return value;
  }

  // The programme a line names, if it can take relationships running at week 0.
  std::optional<std::uint8_t> programme(const CsvField& f, int line_no) {
    const auto it = std::find(programme_names_.begin(), programme_names_.end(), f.text);
    if (it == programme_names_.end()) {
      problems_.add(line_no, f.column,
                    programme_names_.empty()
                        ? fmt::format("programme: '{}': the scenario has no [[programme]]", f.text)
                        : fmt::format("programme: unknown programme '{}' (programmes: {}){}",
                                      f.text, join_names(programme_names_, "'", ", "),
                                      did_you_mean_suffix(f.text, programme_names_)));
      return std::nullopt;
    }
    const auto index = static_cast<std::size_t>(it - programme_names_.begin());
    const ProgrammeCommon& common = scenario_.programmes[index].common;
    const ModelEntry* model = find_model(common.kind);
    if (!model || !model->existing_ties) {
      std::vector<std::string> kinds;
      for (const ModelEntry& e : model_registry())
        if (e.existing_ties) kinds.push_back(e.kind);
      problems_.add(line_no, f.column,
                    fmt::format("programme: '{}' is of kind {}, which takes no existing "
                                "relationships (kinds that do: {})",
                                f.text, common.kind, join_names(kinds, "", ", ")));
      return std::nullopt;
    }
    if (common.start_week != 0) {
      problems_.add(line_no, f.column,
                    fmt::format("programme: '{}' starts at week {}: relationships running at "
                                "week 0 belong to a programme running then",
                                f.text, common.start_week));
      return std::nullopt;
    }
    return static_cast<std::uint8_t>(index);
  }

  void read_line(const std::vector<CsvField>& fields, int line_no, Relationships& out) {
    if (fields.size() != columns_.size()) {
      problems_.add(
          line_no, 1,
          fmt::format("has {} fields; the header has {} columns", fields.size(), columns_.size()));
      return;
    }
    ExistingTie tie;
    tie.line = line_no;
    bool ok = true;
    const CsvField* zone_field = nullptr;
    const CsvField* programme_field = nullptr;
    std::optional<std::uint8_t> programme_index;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const CsvField& f = fields[c];
      const std::string& column = columns_[c];
      if (column == "developer" || column == "learner") {
        const auto row = roster_row(f, line_no, column.c_str());
        ok = ok && row;
        if (row) (column == "developer" ? tie.developer : tie.learner) = *row;
      } else if (column == "programme") {
        programme_field = &f;
        programme_index = programme(f, line_no);
        ok = ok && programme_index;
        if (programme_index) tie.programme = *programme_index;
      } else if (column == "zone") {
        zone_field = &f;
      } else if (column == "start_week") {
        const auto v = whole(f, line_no, "start_week", kEarliestStart, 0);
        ok = ok && v;
        if (v) tie.start_week = static_cast<std::int32_t>(*v);
      } else if (column == "planned_end") {
        const auto v = whole(f, line_no, "planned_end", 0, kLatestPlannedEnd);
        ok = ok && v;
        if (v) tie.planned_end = static_cast<std::int32_t>(*v);
      }
    }
    if (programme_index) ok = read_zone(zone_field, programme_field, line_no, tie) && ok;
    if (!ok) return;
    if (tie.developer == tie.learner) {
      problems_.add(line_no, 1,
                    fmt::format("'{}' is both developer and learner: nobody mentors themselves",
                                roster_.ids[tie.developer]));
      return;
    }
    for (const std::uint32_t who : {tie.developer, tie.learner})
      if (tie.start_week < -roster_.tenure_weeks[who]) {
        problems_.add(line_no, 1,
                      fmt::format("starts at week {}, before '{}' joined (tenure_weeks {})",
                                  tie.start_week, roster_.ids[who], roster_.tenure_weeks[who]));
        return;
      }
    if (!takes_part(tie, line_no) || !follows_rules(tie, line_no)) return;
    out.ties.push_back(tie);
  }

  // The zone: a name of population.zones for a kind with zones, empty otherwise.
  bool read_zone(const CsvField* f, const CsvField* programme_field, int line_no,
                 ExistingTie& tie) {
    const ProgrammeConfig& p = scenario_.programmes[tie.programme];
    const bool zoned = find_model(p.common.kind)->existing_ties->zoned;
    const std::vector<std::string>& zones = scenario_.population.zones;
    if (!zoned) {
      if (f && !f->text.empty()) {
        problems_.add(line_no, f->column,
                      fmt::format("zone: programme '{}' ({}) works on every zone at once: leave "
                                  "zone empty",
                                  p.common.name, p.common.kind));
        return false;
      }
      tie.zone = -1;
      return true;
    }
    if (!f || f->text.empty()) {
      problems_.add(line_no, f ? f->column : programme_field->column,
                    fmt::format("zone: programme '{}' ({}) needs the zone each relationship "
                                "works on (zones: {})",
                                p.common.name, p.common.kind, join_names(zones, "'", ", ")));
      return false;
    }
    const auto it = std::find(zones.begin(), zones.end(), f->text);
    if (it == zones.end()) {
      problems_.add(line_no, f->column,
                    fmt::format("zone: unknown zone '{}' (zones: {}){}", f->text,
                                join_names(zones, "'", ", "), did_you_mean_suffix(f->text, zones)));
      return false;
    }
    tie.zone = static_cast<std::int8_t>(it - zones.begin());
    return true;
  }

  // Both take part in the programme at week 0: their functions are among its functions.
  bool takes_part(const ExistingTie& tie, int line_no) {
    const ProgrammeCommon& common = scenario_.programmes[tie.programme].common;
    if (common.functions.empty()) return true;
    for (const std::uint32_t who : {tie.developer, tie.learner}) {
      const std::string& function = scenario_.population.function_names[roster_.function[who]];
      if (std::find(common.functions.begin(), common.functions.end(), function) ==
          common.functions.end()) {
        problems_.add(line_no, 1,
                      fmt::format("'{}' works in {}, which programme '{}' does not reach at week "
                                  "0 (functions: {})",
                                  roster_.ids[who], function, common.name,
                                  join_names(common.functions, "'", ", ")));
        return false;
      }
    }
    return true;
  }

  // Each learner holds one relationship per programme and zone; a developer no more than the
  // programme's capacity; and the kind's own rule.
  bool follows_rules(const ExistingTie& tie, int line_no) {
    const ProgrammeConfig& p = scenario_.programmes[tie.programme];
    const ModelEntry::ExistingTieRules& rules = *find_model(p.common.kind)->existing_ties;
    if (rules.check) {
      const std::string problem = rules.check(p, scenario_, tie);
      if (!problem.empty()) {
        problems_.add(line_no, 1, problem);
        return false;
      }
    }
    const auto learner_key = std::make_tuple(tie.learner, tie.programme, tie.zone);
    const std::int64_t per_learner =
        rules.developers_per_learner ? rules.developers_per_learner(p) : 1;
    std::vector<int>& learner_lines = learner_lines_[learner_key];
    if (static_cast<std::int64_t>(learner_lines.size()) >= per_learner) {
      problems_.add(
          line_no, 1,
          per_learner == 1
              ? fmt::format("learner '{}' already has a relationship in programme '{}'{} (line "
                            "{}): a programme gives a learner one developer at a time{}",
                            roster_.ids[tie.learner], p.common.name, zone_text(tie.zone),
                            learner_lines.front(), tie.zone >= 0 ? " in each zone" : "")
              : fmt::format("learner '{}' would have {} developers in programme '{}'{}, more than "
                            "the {} its rules allow ({})",
                            roster_.ids[tie.learner], learner_lines.size() + 1, p.common.name,
                            zone_text(tie.zone), per_learner, rules.per_learner_keys));
      return false;
    }
    const auto pair_key = std::make_tuple(tie.developer, tie.learner, tie.programme, tie.zone);
    if (const auto it = pair_line_.find(pair_key); it != pair_line_.end()) {
      problems_.add(line_no, 1,
                    fmt::format("'{}' already develops '{}' in programme '{}'{} (line {})",
                                roster_.ids[tie.developer], roster_.ids[tie.learner], p.common.name,
                                zone_text(tie.zone), it->second));
      return false;
    }
    std::int64_t& held = developer_count_[{tie.developer, tie.programme}];
    const std::int64_t capacity = rules.developer_capacity(p);
    if (held + 1 > capacity) {
      problems_.add(line_no, 1,
                    fmt::format("developer '{}' would hold {} relationships in programme '{}', "
                                "more than the {} its rules allow ({})",
                                roster_.ids[tie.developer], held + 1, p.common.name, capacity,
                                rules.capacity_keys));
      return false;
    }
    ++held;
    learner_lines.push_back(line_no);
    pair_line_.emplace(pair_key, line_no);
    return true;
  }

  std::string zone_text(std::int8_t zone) const {
    return zone < 0 ? std::string()
                    : fmt::format(" in zone '{}'",
                                  scenario_.population.zones[static_cast<std::size_t>(zone)]);
  }

  std::string path_;
  const Scenario& scenario_;
  const Roster& roster_;
  CsvDiagnostics problems_;
  std::unordered_map<std::string, std::uint32_t> row_of_id_;
  std::vector<std::string> programme_names_;
  std::vector<std::string> columns_;
  bool header_ok_ = false;
  // Lines of the relationships taken so far, by learner, programme and zone.
  std::map<std::tuple<std::uint32_t, std::uint8_t, std::int8_t>, std::vector<int>> learner_lines_;
  std::map<std::pair<std::uint32_t, std::uint8_t>, std::int64_t> developer_count_;
  // The line of each relationship taken, by developer, learner, programme and zone.
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint8_t, std::int8_t>, int> pair_line_;
};

}  // namespace

const std::vector<RelationshipColumn>& relationship_columns() {
  static const std::vector<RelationshipColumn> columns = {
      {"developer", "text", "yes", "a roster id", "",
       "Who develops the learner: the mentor (one_on_one), the junior (reverse), the guide "
       "(constellation)."},
      {"learner", "text", "yes", "a roster id", "",
       "Who is developed: the mentee, the senior, the constellation's learner."},
      {"programme", "name", "yes", "a [[programme]] name", "",
       "The programme the relationship belongs to. It must start at week 0 and be of a kind "
       "that takes existing relationships (one_on_one, reverse, constellation)."},
      {"zone", "name", "for reverse, constellation", "population.zones", "",
       "The zone the relationship works on, for kinds that work zone by zone (reverse, "
       "constellation); empty or absent for one_on_one."},
      {"start_week", "integer", "yes", "[-5200, 0], not before either joined", "week",
       "The week it started (0 or before). Sessions fall on it and every cadence_weeks after, as "
       "for a relationship the programme makes."},
      {"planned_end", "integer", "yes", "[0, 520000]", "week",
       "The week at whose end it completes, as the programme's duration would have set it; it "
       "may end earlier (a departure, burnout, the programme's end)."},
  };
  return columns;
}

std::string relationship_columns_markdown() {
  std::string out =
      "| Column | Type | Required | Allowed | Units | Description |\n"
      "| --- | --- | --- | --- | --- | --- |\n";
  for (const RelationshipColumn& c : relationship_columns())
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", c.name, c.type, c.required, c.allowed,
                       c.units, c.doc);
  return out;
}

RelationshipsResult read_relationships_text(std::string_view text, const std::string& shown,
                                            const Scenario& scenario) {
  return Reader(shown, shown, scenario).read(text);
}

RelationshipsResult read_relationships(const std::filesystem::path& path, const std::string& shown,
                                       const Scenario& scenario) {
  std::string why;
  const std::optional<std::string> text = read_csv_file(path, "relationship", why);
  if (!text) return RelationshipsResult{nullptr, {Diagnostic{shown, 0, 0, why}}};
  std::error_code ec;
  return Reader(shown, std::filesystem::absolute(path, ec).lexically_normal().string(), scenario)
      .read(*text);
}

}  // namespace mentorsim::params
