#pragma once
// What the committed parts hold, gathered for the index (index_writer.cpp): where every done run
// is, and what the parts say about each point. Reads one part at a time.
#include <cstdint>
#include <string>
#include <vector>

#include "sweep/sweep_directory.hpp"

namespace mentorsim::sweep {

// Where every done run is: its part and its row there. The first part holding a run wins.
struct RunLocations {
  std::vector<std::int32_t> part;  // -1: not done
  std::vector<std::uint32_t> row;
  std::vector<std::uint64_t> done;  // done runs in run order
  std::uint64_t duplicates = 0;
};

// Throws RunError for a part holding a run the sweep does not have.
RunLocations locate(const std::vector<PartInfo>& parts, std::uint64_t runs);

struct MetricInfo {
  std::string name, units, doc;
};

// What the parts say about points: resolved scenarios, metric names (in report order), hashes.
struct PointFacts {
  std::vector<std::string> resolved, hash;
  std::vector<MetricInfo> metrics;  // the union, in the report order of the lowest point first
};

PointFacts point_facts(const std::vector<PartInfo>& parts, const RunLocations& where,
                       std::uint64_t points, std::uint64_t replicates);

}  // namespace mentorsim::sweep
