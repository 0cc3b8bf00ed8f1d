// Temporary files (output/temporary_file.hpp): unpredictable names beside the target, exclusive
// creation that never follows a planted link, renames that do not replace a file that appeared,
// and the cleanup of what killed processes left.
#include <fmt/format.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "output/temporary_file.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace mentorsim;
using mentorsim::testing::file_text;
using mentorsim::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("temporary names sit beside the target and cannot be predicted", "[output][temporary]") {
  const TempDir dir("tmpname");
  const fs::path a = temporary_name(dir.path / "x.h5"), b = temporary_name(dir.path / "x.h5");
  CHECK(a.parent_path() == dir.path);
  CHECK(a.filename().string().rfind(".x.h5.tmp-", 0) == 0);
  CHECK(a != b);
  CHECK(temporary_name("x.h5").parent_path() == ".");
}

TEST_CASE("a new file is never written through what is already there", "[output][temporary]") {
  const TempDir dir("tmpnew");
  const fs::path victim = dir.write("victim.txt", "keep me");
  const fs::path link = dir.path / "planted";
  fs::create_symlink(victim, link);
  CHECK_THROWS_AS(write_new_file(link, "overwritten"), RunError);
  CHECK(file_text(victim) == "keep me");
  CHECK_THROWS_AS(write_new_file(victim, "overwritten"), RunError);
  CHECK(file_text(victim) == "keep me");
  write_new_file(dir.path / "fresh.txt", "hello");
  CHECK(file_text(dir.path / "fresh.txt") == "hello");
}

TEST_CASE("a rename replaces the target only when asked to", "[output][temporary]") {
  const TempDir dir("tmprename");
  const fs::path target = dir.write("out.txt", "the user's");
  const fs::path temp = dir.write(".out.txt.tmp-1", "new");
  CHECK_THROWS_AS(rename_into_place(temp, target, false), InputError);
  CHECK(file_text(target) == "the user's");
  CHECK(fs::exists(temp));
  rename_into_place(temp, target, true);
  CHECK(file_text(target) == "new");
  CHECK_FALSE(fs::exists(temp));
  const fs::path other = dir.write(".b.tmp-1", "b");
  rename_into_place(other, dir.path / "b.txt", false);
  CHECK(file_text(dir.path / "b.txt") == "b");
}

TEST_CASE("stale temporaries of dead processes on this host are removed, others kept",
          "[output][temporary]") {
  const TempDir dir("tmpstale");
  const fs::path target = dir.path / "x.h5";
  // This host's name as temporary_name writes it: ".x.h5.tmp-<host>-<pid>-<hex>".
  const std::string mine = temporary_name(target).filename().string();
  const std::string host = mine.substr(10, mine.find('-', 10) - 10);
  const std::string alive = fmt::format(".x.h5.tmp-{}-{}-00", host, ::getpid());
  const std::string dead = fmt::format(".x.h5.tmp-{}-999999999-00", host);  // no such pid
  dir.write(alive, "");
  dir.write(dead, "");
  dir.write(".x.h5.tmp-999999998", "");               // the older form, pid only
  dir.write(".x.h5.tmp-otherhost-999999997-00", "");  // another machine's: not ours to judge
  dir.write(".y.h5.tmp-999999996", "");               // another target's
  CHECK(remove_stale_temporaries(target) == 2);
  CHECK(fs::exists(dir.path / alive));
  CHECK_FALSE(fs::exists(dir.path / dead));
  CHECK_FALSE(fs::exists(dir.path / ".x.h5.tmp-999999998"));
  CHECK(fs::exists(dir.path / ".x.h5.tmp-otherhost-999999997-00"));
  CHECK(fs::exists(dir.path / ".y.h5.tmp-999999996"));
}
