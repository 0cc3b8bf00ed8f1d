// A shock against its twin (docs/metrics.md, "Resilience: a shock against its twin"; docs/
// compare.md): the effects on hand-built weekly series worked out below, finding twins among
// compared scenarios, and exactly zero effects for a shock that removes nobody.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "engine/replicates.hpp"
#include "input/scenario_loader.hpp"
#include "metrics/shock_effects.hpp"
#include "output/twins.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

namespace {

// A run of `weeks` weeks over zones {a, b} whose series are all `base` except where set.
RunResult run_of(std::size_t weeks) {
  RunResult r;
  r.run_id = "r0000";
  r.zones = {"a", "b"};
  for (const char* name : {"effective_coverage", "participation", "active_practitioners",
                           "orphaned_learners", "expert_knowledge/a", "expert_knowledge/b"})
    r.weekly.push_back(Series{name, "", "", std::vector<double>(weeks, 0.0)});
  return r;
}

std::vector<double>& values(RunResult& r, const std::string& name) {
  for (Series& s : r.weekly)
    if (s.name == name) return s.values;
  FAIL("no series " << name);
  return r.weekly.front().values;
}

double effect(const std::vector<SummaryValue>& effects, const std::string& name) {
  for (const SummaryValue& v : effects)
    if (v.name == name) return v.value;
  FAIL("no effect " << name);
  return 0;
}

}  // namespace

TEST_CASE("shock effects on hand-built series", "[metrics]") {
  // 70 weeks, shock at week 10. Twin: 100 people, participation 0.5, effective coverage 0.4,
  // expert knowledge 10 (a) + 6 (b), 2 orphans every week.
  RunResult twin = run_of(70), shocked = run_of(70);
  for (RunResult* r : {&twin, &shocked}) {
    values(*r, "active_practitioners").assign(70, 100.0);
    values(*r, "participation").assign(70, 0.5);
    values(*r, "effective_coverage").assign(70, 0.4);
    values(*r, "orphaned_learners").assign(70, 2.0);
    values(*r, "expert_knowledge/a").assign(70, 10.0);
    values(*r, "expert_knowledge/b").assign(70, 6.0);
  }
  // The shock arm from week 10: 95 people, 40 placed (participation 40/95), zone a knowledge 5
  // until week 30 then 9, b unchanged; 7 orphans for weeks 10..19 (5 more than the twin);
  // effective coverage 0.3 for weeks 10..14, then 0.395 (within 0.01) but 0.38 in week 17, then
  // back within for good.
  for (std::size_t w = 10; w < 70; ++w) {
    values(shocked, "active_practitioners")[w] = 95.0;
    values(shocked, "participation")[w] = 40.0 / 95.0;
    values(shocked, "expert_knowledge/a")[w] = w < 30 ? 5.0 : 9.0;
    values(shocked, "orphaned_learners")[w] = w < 20 ? 7.0 : 2.0;
    values(shocked, "effective_coverage")[w] = w < 15 ? 0.3 : (w == 17 ? 0.38 : 0.395);
  }
  const std::vector<SummaryValue> e = shock_effects(twin, shocked, 1, 10, 0.01);
  CHECK(effect(e, "shock1/vs_twin/knowledge_lost_0w") == Approx(5.0 / 16));
  CHECK(effect(e, "shock1/vs_twin/knowledge_lost_13w") == Approx(5.0 / 16));
  CHECK(effect(e, "shock1/vs_twin/knowledge_lost_52w") == Approx(1.0 / 16));  // week 62
  CHECK(effect(e, "shock1/vs_twin/knowledge_lost_0w_by_zone/a") == Approx(0.5));
  CHECK(effect(e, "shock1/vs_twin/knowledge_lost_0w_by_zone/b") == 0.0);
  CHECK(effect(e, "shock1/vs_twin/orphaned_learners_0w") == 5.0);
  CHECK(effect(e, "shock1/vs_twin/orphaned_learners_13w") == 0.0);     // week 23
  CHECK(effect(e, "shock1/vs_twin/orphan_weeks_52w") == 50.0);         // 5 x weeks 10..19
  CHECK(effect(e, "shock1/vs_twin/served_learners_lost_0w") == 10.0);  // 50 - 40
  CHECK(effect(e, "shock1/vs_twin/effective_coverage_gap_0w") == Approx(0.1));
  CHECK(effect(e, "shock1/vs_twin/effective_coverage_gap_13w") == Approx(0.005));
  // Within tolerance from week 15 but not 17; four weeks running from 18: r = 8.
  CHECK(effect(e, "shock1/vs_twin/recovery_weeks") == 8.0);
  CHECK(effect(e, "shock1/vs_twin/recovered") == 1.0);
  // Every declared effect is there, with its units and doc.
  for (const SummaryValue& v : e) {
    CHECK_FALSE(v.units.empty());
    CHECK_FALSE(v.doc.empty());
  }

  SECTION("beyond the run and never recovering") {
    const std::vector<SummaryValue> late = shock_effects(twin, shocked, 2, 30, 0.001);
    CHECK(std::isnan(effect(late, "shock2/vs_twin/knowledge_lost_52w")));  // week 82
    CHECK(effect(late, "shock2/vs_twin/knowledge_lost_0w") == Approx(1.0 / 16));
    CHECK(std::isnan(effect(late, "shock2/vs_twin/recovery_weeks")));  // 0.005 > 0.001 always
    CHECK(effect(late, "shock2/vs_twin/recovered") == 0.0);
  }
}

TEST_CASE("twins: the key ignores shocks, name, description and twin", "[compare]") {
  const std::string a =
      "# c\n[scenario]\nname = \"x\"\ndescription = \"d\"\nweeks = 3\n[population]\nn = 1\n"
      "\n# doc\n[[shock]]\nkind = \"layoff\"\nweek = 1\n";
  const std::string b =
      "# c\n[scenario]\nname = \"y\"\ndescription = \"e\"\ntwin = \"t.toml\"\nweeks = 3\n"
      "[population]\nn = 1\n";
  CHECK(twin_key(a) == twin_key(b));
  CHECK(twin_key(a) == "# c\n[scenario]\nweeks = 3\n[population]\nn = 1\n");
  CHECK(twin_key(a) != twin_key("# c\n[scenario]\nweeks = 4\n[population]\nn = 1\n"));
}

namespace {

std::string tiny(const std::string& name, const std::string& extra) {
  return std::string(testing::kMechanismsOff) + "[scenario]\nname = \"" + name +
         "\"\nweeks = 20\nseed = 7\n[population]\ninitial_size = 60\n[[programme]]\n"
         "kind = \"one_on_one\"\n" +
         extra;
}

Scenario load(const std::string& text, const std::string& source) {
  return params::load_scenario_text(text, source, {});
}

}  // namespace

TEST_CASE("twins: found among the compared scenarios, or declared and checked", "[compare]") {
  const std::string shock = "[[shock]]\nkind = \"random_departure\"\nweek = 5\nshare = 0.5\n";
  const Scenario base = load(tiny("base", ""), "dir/base.toml");
  const Scenario other = load(tiny("other", "capacity = 2\n"), "dir/other.toml");
  const Scenario shocked = load(tiny("shocked", shock), "dir/shocked.toml");
  const std::vector<std::string> paths{"dir/base.toml", "dir/other.toml", "dir/shocked.toml"};

  const Twins found = find_twins({base, other, shocked}, paths);
  CHECK(found.problems.empty());
  REQUIRE(found.twin[2].has_value());
  CHECK(*found.twin[2] == 0);
  CHECK_FALSE(found.twin[0].has_value());
  CHECK_FALSE(found.twin[1].has_value());

  // Without its twin among the scenarios, the shock arm is unpaired.
  const Twins alone = find_twins({other, shocked}, {"dir/other.toml", "dir/shocked.toml"});
  CHECK(alone.unpaired == std::vector<std::size_t>{1});

  // A declared twin that differs in more than the shocks is a problem naming the difference.
  Scenario with_key = load(tiny("declared", shock), "dir/declared.toml");
  with_key.meta.twin = "other.toml";
  const Twins wrong = find_twins({other, with_key}, {"dir/other.toml", "dir/declared.toml"});
  REQUIRE(wrong.problems.size() == 1);
  CHECK(wrong.problems[0].scenario == 1);
  CHECK(wrong.problems[0].message.find("differs from this scenario") != std::string::npos);
  CHECK(wrong.problems[0].message.find("capacity") != std::string::npos);

  with_key.meta.twin = "missing.toml";
  const Twins missing = find_twins({base, with_key}, {"dir/base.toml", "dir/declared.toml"});
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].message.find("not among the compared scenarios") != std::string::npos);

  with_key.meta.twin = "base.toml";
  const Twins right = find_twins({base, with_key}, {"dir/base.toml", "dir/declared.toml"});
  CHECK(right.problems.empty());
  CHECK(right.twin[1] == std::optional<std::size_t>{0});
}

TEST_CASE("a shock that removes nobody has exactly zero effect against its twin", "[compare]") {
  const std::string on = std::string(testing::kMechanismsOff) +
                         "[scenario]\nname = \"twin\"\nweeks = 70\nseed = 11\n"
                         "[population]\ninitial_size = 300\n"
                         "[[programme]]\nkind = \"one_on_one\"\nseek_share = 0.5\n";
  const Scenario twin = load(on, "twin.toml");
  const Scenario empty =
      load(on + "[[shock]]\nkind = \"random_departure\"\nweek = 12\nshare = 0.0\n", "empty.toml");
  std::vector<ComparisonArm> arms{{"twin", "twin.toml", run_replicates(twin, 3, [] {})},
                                  {"empty", "empty.toml", run_replicates(empty, 3, [] {})}};
  const Twins twins = find_twins({twin, empty}, {"twin.toml", "empty.toml"});
  REQUIRE(twins.twin[1] == std::optional<std::size_t>{0});
  add_shock_effects(arms, {twin, empty}, twins);
  std::size_t checked = 0;
  for (const RunResult& run : arms[1].runs)
    for (const SummaryValue& v : run.summary) {
      if (v.name.rfind("shock1/vs_twin/", 0) != 0) continue;
      ++checked;
      if (v.name == "shock1/vs_twin/recovered")
        CHECK(v.value == 1.0);
      else
        CHECK(v.value == 0.0);  // every window (weeks 12, 25, 64) inside the run
    }
  CHECK(checked == 3 * shock_effects(arms[0].runs[0], arms[1].runs[0], 1, 12, 0.01).size());
  CHECK(arms[0].runs[0].summary.size() < arms[1].runs[0].summary.size());
}
