#pragma once
// Temporary files beside the file they will become (docs/output-format.md, "Safety guarantees"):
// named so nobody can predict them, created exclusively (never through a link someone planted),
// renamed into place without replacing a file that appeared meanwhile unless asked to, and
// cleaned up when a killed process left them behind.
#include <filesystem>
#include <string_view>

namespace mentorsim {

// ".<target's name>.tmp-<host>-<pid>-<16 random hex digits>" in `target`'s directory: the same
// file system as the target (so the rename is atomic), unpredictable, and naming the process that
// made it (remove_stale_temporaries).
std::filesystem::path temporary_name(const std::filesystem::path& target);

// Creates `path` (mode 0644 before the umask) and writes `text` to it, failing with RunError if
// anything is at `path` already, a symbolic link included (O_CREAT | O_EXCL | O_NOFOLLOW).
void write_new_file(const std::filesystem::path& path, std::string_view text);

// Renames `temp` onto `target`. Unless `replace`, a file at `target` (one that appeared since the
// destination was checked) is left alone and InputError "exists; pass --force to overwrite" is
// thrown; Linux's RENAME_NOREPLACE makes that check and the rename one step.
void rename_into_place(const std::filesystem::path& temp, const std::filesystem::path& target,
                       bool replace);

// Removes the temporaries of `target` (temporary_name's and the older ".<name>.tmp-<pid>") that
// this host's processes left and that are no longer running. Best effort; returns how many.
std::size_t remove_stale_temporaries(const std::filesystem::path& target);

}  // namespace mentorsim
