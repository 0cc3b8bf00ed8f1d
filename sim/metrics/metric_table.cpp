#include "metrics/metric_table.hpp"

#include <stdexcept>

namespace mentorsim::metrics {

std::string_view theme_name(Theme theme) {
  switch (theme) {
    case Theme::kReach:
      return "Reach";
    case Theme::kBurnout:
      return "Burnout";
    case Theme::kResilience:
      return "Resilience";
    case Theme::kGrowth:
      return "Growth";
    case Theme::kEquity:
      return "Equity";
    case Theme::kCost:
      return "Cost";
    case Theme::kSignsOfLife:
      return "Signs of life";
    case Theme::kPopulation:
      return "Population";
    case Theme::kProgrammes:
      return "Programmes";
    case Theme::kInput:
      return "Input";
  }
  return "";
}

std::string_view theme_question(Theme theme) {
  switch (theme) {
    case Theme::kReach:
      return "who is served, and how soon";
    case Theme::kBurnout:
      return "who burns out, and how unevenly the load falls";
    case Theme::kResilience:
      return "what survives the loss of key people";
    case Theme::kGrowth:
      return "how many become competent, and how fast";
    case Theme::kEquity:
      return "whether every group is reached alike";
    case Theme::kCost:
      return "what the reach costs";
    case Theme::kSignsOfLife:
      return "whether relationships and groups stay alive";
    case Theme::kPopulation:
      return "who is in the organisation, and who joins and leaves";
    case Theme::kProgrammes:
      return "what each programme holds and spends";
    case Theme::kInput:
      return "what senior time each arm actually used, and what it bought";
  }
  return "";
}

std::string_view better_name(Better better) {
  switch (better) {
    case Better::kHigher:
      return "higher";
    case Better::kLower:
      return "lower";
    case Better::kNeither:
      break;
  }
  return "neither";
}

std::string_view aggregate_name(Aggregate aggregate) {
  return aggregate == Aggregate::kShare ? "share mean" : "mean";
}

std::string_view placeholder(Over over) {
  switch (over) {
    case Over::kZone:
      return "{zone}";
    case Over::kGroup:
      return "{group}";
    case Over::kProgramme:
      return "{programme}";
    case Over::kShock:
      return "{shock}";
    case Over::kOnce:
      break;
  }
  return "";
}

MetricTable::MetricTable(std::string group, std::string doc, Theme theme)
    : group_(std::move(group)), doc_(std::move(doc)), theme_(theme) {}

MetricDecl MetricTable::make(std::string name, std::string units, std::string doc) const {
  MetricDecl d;
  for (Over over : {Over::kZone, Over::kGroup, Over::kProgramme, Over::kShock})
    if (name.find(placeholder(over)) != std::string::npos) d.over = over;
  d.aggregate = units == "share" ? Aggregate::kShare : Aggregate::kMean;
  d.name = std::move(name);
  d.units = std::move(units);
  d.doc = std::move(doc);
  d.theme = theme_;
  return d;
}

MetricDecl& MetricTable::last() {
  std::vector<MetricDecl>& decls = last_is_summary_ ? summaries_ : series_;
  if (decls.empty()) throw std::logic_error("MetricTable: a modifier before any declaration");
  return decls.back();
}

MetricTable& MetricTable::series(std::string name, std::string units, std::string doc) {
  series_.push_back(make(std::move(name), std::move(units), std::move(doc)));
  last_is_summary_ = false;
  return *this;
}

MetricTable& MetricTable::summary(std::string name, Reduction reduction, std::string units,
                                  std::string doc) {
  MetricDecl d = make(std::move(name), std::move(units), std::move(doc));
  d.reduce = reduction.reduce;
  d.of = std::move(reduction.of);
  summaries_.push_back(std::move(d));
  last_is_summary_ = true;
  return *this;
}

MetricTable& MetricTable::higher() {
  last().better = Better::kHigher;
  return *this;
}

MetricTable& MetricTable::lower() {
  last().better = Better::kLower;
  return *this;
}

MetricTable& MetricTable::headline() {
  last().headline = true;
  return *this;
}

MetricTable& MetricTable::theme(Theme theme) {
  last().theme = theme;
  return *this;
}

const std::vector<std::string>& ExpansionLists::of(Over over) const {
  switch (over) {
    case Over::kZone:
      return zones;
    case Over::kGroup:
      return groups;
    case Over::kProgramme:
      return programmes;
    case Over::kShock:
      return shocks;
    case Over::kOnce:
      break;
  }
  throw std::logic_error("ExpansionLists::of(kOnce)");
}

namespace {

std::string replaced(std::string text, std::string_view what, std::string_view with) {
  if (what.empty()) return text;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
  return text;
}

Instance instance(const MetricDecl& d, std::size_t element, const ExpansionLists& lists) {
  const std::string value = d.over == Over::kOnce ? std::string() : lists.of(d.over)[element];
  const std::string_view key = placeholder(d.over);
  return {&d, element, replaced(d.name, key, value),
          replaced(replaced(d.units, key, value), "{currency}", lists.currency),
          replaced(d.doc, key, value)};
}

}  // namespace

std::vector<Instance> expand(const std::vector<MetricDecl>& decls, const ExpansionLists& lists) {
  std::vector<Instance> out;
  for (std::size_t i = 0; i < decls.size();) {
    const Over over = decls[i].over;
    if (over == Over::kOnce) {
      out.push_back(instance(decls[i++], 0, lists));
      continue;
    }
    std::size_t end = i;
    while (end < decls.size() && decls[end].over == over) ++end;
    for (std::size_t e = 0; e < lists.of(over).size(); ++e)
      for (std::size_t k = i; k < end; ++k) out.push_back(instance(decls[k], e, lists));
    i = end;
  }
  return out;
}

bool instance_of(std::string_view pattern, std::string_view name) {
  const std::size_t open = pattern.find('{');
  if (open == std::string_view::npos) return pattern == name;
  const std::size_t close = pattern.find('}', open);
  if (close == std::string_view::npos || !name.starts_with(pattern.substr(0, open))) return false;
  // The placeholder stands for one or more characters other than '/'; try each length.
  const std::string_view rest = pattern.substr(close + 1);
  for (std::size_t k = open + 1; k <= name.size() && name[k - 1] != '/'; ++k)
    if (instance_of(rest, name.substr(k))) return true;
  return false;
}

}  // namespace mentorsim::metrics
