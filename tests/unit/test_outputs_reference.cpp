// The generated output reference: docs/outputs.md must be current, and the declarations must be
// complete and coherent (every reduction reads a series of its group, every template expands).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "metrics/catalogue.hpp"
#include "metrics/reference.hpp"
#include "support/source_tree.hpp"
#include "support/text.hpp"

using namespace mentorsim::metrics;
namespace testing = mentorsim::testing;

TEST_CASE("docs/outputs.md is the output of `mentorsim metrics --format md`", "[metrics][docs]") {
  const std::string path = testing::source_path("docs/outputs.md");
  const std::string text = testing::file_text(path);
  INFO(path << " is stale; regenerate it from the repository root with\n"
            << "  build/<preset>/mentorsim metrics --format md > docs/outputs.md");
  CHECK(text == reference_markdown());
}

TEST_CASE("every output is declared once, with a doc, and every reduction reads a declared series",
          "[metrics][docs]") {
  std::set<std::string> series, summaries;
  for (const MetricGroupEntry& g : metric_groups()) {
    const MetricTable& t = g.table();
    // docs/outputs.md names the group's file after the group.
    CHECK(std::filesystem::exists(testing::source_path("sim/metrics/" + t.group() + ".cpp")));
    std::set<std::string> own_series;
    for (const MetricDecl& d : t.series()) {
      INFO(t.group() << ": series " << d.name);
      CHECK(series.insert(d.name).second);
      own_series.insert(d.name);
      CHECK_FALSE(d.doc.empty());
      CHECK(d.reduce == Reduce::kComputed);
      CHECK_FALSE(d.headline);  // the headline table is of summaries
    }
    for (const MetricDecl& d : t.summaries()) {
      INFO(t.group() << ": summary " << d.name);
      CHECK(summaries.insert(d.name).second);
      CHECK_FALSE(d.doc.empty());
      if (d.reduce == Reduce::kComputed) continue;
      CHECK(own_series.contains(d.of));
      // A reduction of a template reads the same element of a series over the same list.
      CHECK(find_series(d.of) != nullptr);
    }
  }
  // Lookups by instance name find the declaration of the template.
  REQUIRE(find_series("mean_skill/technical") != nullptr);
  CHECK(find_series("mean_skill/technical")->name == "mean_skill/{zone}");
  REQUIRE(find_summary("shock2/recovered") != nullptr);
  CHECK(find_summary("shock2/recovered")->aggregate == Aggregate::kShare);
  CHECK(find_summary("mean_skill/technical") == nullptr);
  CHECK(find_series("programme/a/b/ties") == nullptr);  // a placeholder is one path component
}

TEST_CASE("templates expand element by element, consecutive ones together", "[metrics][docs]") {
  MetricTable t("t", "", Theme::kReach);
  t.series("a", "share", "").series("x/{zone}", "u", "in {zone}").series("y/{zone}", "u", "");
  t.series("b/{group}", "{currency}", "");
  ExpansionLists lists;
  lists.zones = {"z1", "z2"};
  lists.groups = {"g"};
  lists.currency = "EUR";
  std::vector<std::string> names;
  for (const Instance& i : expand(t.series(), lists)) names.push_back(i.name);
  CHECK(names == std::vector<std::string>{"a", "x/z1", "y/z1", "x/z2", "y/z2", "b/g"});
  const std::vector<Instance> all = expand(t.series(), lists);
  CHECK(all[1].doc == "in z1");
  CHECK(all[5].units == "EUR");
  CHECK(all[0].decl->aggregate == Aggregate::kShare);  // units "share"
  CHECK(all[1].element == 0);
  CHECK(all[3].element == 1);
}

// HDF5 writes a name with '/' as a dataset inside groups, so no name may be a whole path segment
// prefix of another ("x" and "x/zone" cannot both be datasets).
TEST_CASE("no output name is a group of another", "[metrics][docs]") {
  for (const bool summaries : {false, true}) {
    std::vector<std::string> names;
    for (const MetricGroupEntry& g : metric_groups())
      for (const MetricDecl& d : summaries ? g.table().summaries() : g.table().series())
        names.push_back(d.name);
    for (const std::string& a : names)
      for (const std::string& b : names) {
        INFO(a << " and " << b);
        CHECK(b.rfind(a + "/", 0) != 0);
      }
  }
}
