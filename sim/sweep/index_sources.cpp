#include "sweep/index_sources.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "core/error.hpp"
#include "output/hdf5_util.hpp"

namespace mentorsim::sweep {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace

RunLocations locate(const std::vector<PartInfo>& parts, std::uint64_t runs) {
  RunLocations l{std::vector<std::int32_t>(runs, -1), std::vector<std::uint32_t>(runs, 0), {}, 0};
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (std::size_t r = 0; r < parts[p].runs.size(); ++r) {
      const std::uint64_t run = parts[p].runs[r];
      if (run >= runs)
        throw RunError(fmt::format("{} holds run {}, but the sweep has {} runs",
                                   parts[p].file.string(), run, runs));
      if (l.part[run] >= 0) {
        ++l.duplicates;
        continue;
      }
      l.part[run] = static_cast<std::int32_t>(p);
      l.row[run] = static_cast<std::uint32_t>(r);
    }
  for (std::uint64_t k = 0; k < runs; ++k)
    if (l.part[k] >= 0) l.done.push_back(k);
  return l;
}

PointFacts point_facts(const std::vector<PartInfo>& parts, const RunLocations& where,
                       std::uint64_t points, std::uint64_t replicates) {
  PointFacts f{std::vector<std::string>(points), std::vector<std::string>(points), {}};
  std::vector<std::string> names_of(points);
  std::map<std::string, std::pair<std::string, std::string>> units_docs;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const h5::Handle file = h5::open_read(parts[p].file);
    const auto point = h5::read_u64s(file.get(), "points/point");
    const auto resolved = h5::read_strings(file.get(), "points/resolved_scenario");
    const auto names = h5::read_strings(file.get(), "points/metric_names");
    for (std::size_t i = 0; i < point.size(); ++i) {
      if (point[i] >= points) continue;
      if (f.resolved[point[i]].empty()) f.resolved[point[i]] = resolved[i];
      if (names_of[point[i]].empty()) names_of[point[i]] = names[i];
    }
    const auto metric = h5::read_strings(file.get(), "summary/names");
    const auto units = h5::read_strings(file.get(), "summary/units");
    const auto docs = h5::read_strings(file.get(), "summary/docs");
    for (std::size_t m = 0; m < metric.size(); ++m)
      units_docs.try_emplace(metric[m], units[m], docs[m]);
  }
  for (const std::uint64_t run : where.done) {
    const PartInfo& part = parts[static_cast<std::size_t>(where.part[run])];
    std::string& h = f.hash[run / replicates];
    if (h.empty()) h = part.scenario_hash(where.row[run]);
  }
  std::set<std::string> seen;
  for (std::uint64_t p = 0; p < points; ++p)
    for (const auto& name : lines_of(names_of[p]))
      if (seen.insert(name).second) {
        const auto& ud = units_docs[name];
        f.metrics.push_back({name, ud.first, ud.second});
      }
  return f;
}

}  // namespace mentorsim::sweep
