#include "cli/network_export.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "core/error.hpp"
#include "engine/simulation.hpp"
#include "output/network_graphml.hpp"
#include "output/temporary_file.hpp"
#include "state/world.hpp"

namespace mentorsim::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void bad(std::string message) {
  throw InputError(Diagnostic{"--export-network", 0, 0, std::move(message)});
}

std::vector<Week> parse_weeks(std::string_view spec, Week weeks) {
  std::vector<Week> out;
  std::size_t begin = 0;
  while (begin <= spec.size()) {
    const std::size_t comma = std::min(spec.find(',', begin), spec.size());
    std::string item(spec.substr(begin, comma - begin));
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (item == "last") {
      out.push_back(weeks - 1);
    } else {
      std::size_t used = 0;
      long long w = -1;
      try {
        w = std::stoll(item, &used);
      } catch (...) {
        used = 0;
      }
      if (item.empty() || used != item.size())
        bad(
            fmt::format("'{}' is not a week: give 0-based weeks and 'last', comma-separated "
                        "(e.g. 52,104,last)",
                        item));
      if (w < 0 || w >= weeks)
        bad(fmt::format("week {} is outside the run (weeks 0 to {})", w, weeks - 1));
      out.push_back(static_cast<Week>(w));
    }
    begin = comma + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A scenario name as the start of a file name in the network directory: a single path component
// that stays inside it ('/', a backslash and a leading '.' become '_', so neither "..", an absolute
// path nor a hidden file can come of it).
std::string file_stem(std::string name) {
  for (char& c : name)
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
  if (name.empty()) return "scenario";
  if (name.front() == '.') name.front() = '_';
  return name;
}

}  // namespace

NetworkExport::NetworkExport(std::string_view spec, Week weeks, fs::path dir, std::string stem,
                             std::uint64_t replicates, bool force)
    : weeks_(parse_weeks(spec, weeks)),
      dir_(std::move(dir)),
      stem_(file_stem(std::move(stem))),
      force_(force) {
  std::error_code ec;
  const fs::path parent = dir_.parent_path().empty() ? fs::path(".") : dir_.parent_path();
  if (!fs::is_directory(parent, ec))
    bad(fmt::format("directory {} does not exist", parent.string()));
  if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec))
    bad(fmt::format("{} exists and is not a directory", dir_.string()));
  for (std::uint64_t r = 0; r < replicates; ++r)
    for (const Week w : weeks_)
      if (!force_ && fs::exists(file(r, w), ec))
        bad(fmt::format("{} exists; pass --force to overwrite", file(r, w).string()));
}

fs::path NetworkExport::file(std::uint64_t replicate, Week week) const {
  return dir_ / fmt::format("{}_r{:04}_w{:04}.graphml", stem_, replicate, week);
}

WeekObserver NetworkExport::observer() {
  return [this](std::uint64_t replicate, Week week, const Simulation& run) {
    if (!std::binary_search(weeks_.begin(), weeks_.end(), week)) return;
    const World& world = run.world();
    std::string text = network_graphml(world, {replicate, world.scenario().meta.seed, week});
    std::lock_guard lock(mutex_);
    networks_.emplace(std::pair{replicate, week}, std::move(text));
  };
}

std::vector<fs::path> NetworkExport::write() const {
  std::lock_guard lock(mutex_);
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw RunError(fmt::format("cannot create {}: {}", dir_.string(), ec.message()));
  std::vector<fs::path> written;
  for (const auto& [key, text] : networks_) {
    const fs::path target = file(key.first, key.second);
    remove_stale_temporaries(target);
    const fs::path temp = temporary_name(target);
    write_new_file(temp, text);
    try {
      rename_into_place(temp, target, force_);
    } catch (...) {
      fs::remove(temp, ec);
      throw;
    }
    written.push_back(target);
  }
  return written;
}

fs::path default_network_dir(const std::string& out) {
  if (out.empty()) return "network";
  fs::path p(out);
  return p.parent_path() / (p.stem().string() + "-network");
}

}  // namespace mentorsim::cli
