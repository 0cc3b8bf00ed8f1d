#include "output/temporary_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <string>

#include "core/error.hpp"

namespace mentorsim {

namespace fs = std::filesystem;

namespace {

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "host";
  std::string host(name);
  for (char& c : host)
    if (c == '/' || c == '-' || c == '.') c = '_';  // one component, and '-' parts stay apart
  return host;
}

fs::path directory_of(const fs::path& target) {
  return target.parent_path().empty() ? fs::path(".") : target.parent_path();
}

bool running(long pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

}  // namespace

fs::path temporary_name(const fs::path& target) {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return directory_of(target) / fmt::format(".{}.tmp-{}-{}-{:016x}", target.filename().string(),
                                            host_name(), ::getpid(), random());
}

void write_new_file(const fs::path& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    throw RunError(fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      std::error_code ignored;
      fs::remove(path, ignored);
      throw RunError(fmt::format("cannot write {}: {}", path.string(), std::strerror(error)));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    std::error_code ignored;
    fs::remove(path, ignored);
    throw RunError(fmt::format("cannot write {}: {}", path.string(), std::strerror(error)));
  }
}

void rename_into_place(const fs::path& temp, const fs::path& target, bool replace) {
  auto exists_error = [&] {
    return InputError(Diagnostic{target.string(), 0, 0, "exists; pass --force to overwrite"});
  };
  if (!replace) {
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0)
      return;
    if (errno == EEXIST) throw exists_error();
    // A file system without RENAME_NOREPLACE: check, then rename.
    if (errno != EINVAL && errno != ENOSYS)
      throw RunError(fmt::format("renaming {} failed: {}", temp.string(), std::strerror(errno)));
    std::error_code ec;
    if (fs::exists(fs::symlink_status(target, ec))) throw exists_error();
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) throw RunError(fmt::format("renaming {} failed: {}", temp.string(), ec.message()));
}

std::size_t remove_stale_temporaries(const fs::path& target) {
  const std::string prefix = fmt::format(".{}.tmp-", target.filename().string());
  const std::string host = host_name();
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory_of(target), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    std::string rest = name.substr(prefix.size());  // "<host>-<pid>-<hex>" or "<pid>"
    if (rest.rfind(host + "-", 0) == 0) {
      rest = rest.substr(host.size() + 1);
      rest = rest.substr(0, rest.find('-'));
    } else if (rest.find_first_not_of("0123456789") != std::string::npos) {
      continue;  // another host's, or not ours at all
    }
    if (rest.empty() || rest.size() > 9) continue;
    if (running(std::stol(rest))) continue;
    std::error_code ignored;
    if (fs::remove(entry.path(), ignored)) ++removed;
  }
  return removed;
}

}  // namespace mentorsim
