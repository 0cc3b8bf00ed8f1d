#pragma once
// `mentorsim run --export-network WEEKS`: the developmental network of every replicate at chosen
// weeks, one GraphML file each (output/network_graphml.hpp), in a directory beside --out.
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/replicates.hpp"
#include "state/ids.hpp"

namespace mentorsim::cli {

class NetworkExport {
 public:
  // `spec` is a comma-separated list of 0-based weeks and `last`; InputError (at --export-network)
  // for a malformed list or a week outside the run. Nothing at `dir` is overwritten unless
  // `force`: an existing file that would be written is an InputError, before anything runs.
  NetworkExport(std::string_view spec, Week weeks, std::filesystem::path dir, std::string stem,
                std::uint64_t replicates, bool force);

  // Observes each run's weeks, keeping the GraphML of the chosen ones (thread-safe).
  WeekObserver observer();
  // Writes every kept network (each under a temporary name, then renamed); returns the files.
  std::vector<std::filesystem::path> write() const;

  const std::vector<Week>& weeks() const { return weeks_; }
  std::filesystem::path file(std::uint64_t replicate, Week week) const;

 private:
  std::vector<Week> weeks_;
  std::filesystem::path dir_;
  std::string stem_;
  bool force_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::uint64_t, Week>, std::string> networks_;
};

// The default directory for --export-network: "<out without .h5>-network" beside --out, else
// "network".
std::filesystem::path default_network_dir(const std::string& out);

}  // namespace mentorsim::cli
