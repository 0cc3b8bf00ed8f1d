#pragma once
// "Did you mean ...?" suggestions for misspelt keys, tables, kinds and choices.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorsim {

// Case-insensitive edit distance (Levenshtein with adjacent transpositions counted as one edit).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo: at most one edit
// per three characters of the candidate (at least one edit), and never a different word of the same
// length as the number of edits. Ties go to the earlier candidate.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "" when nothing is close.
std::string did_you_mean_suffix(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace mentorsim
