#include "metrics/radix_sort.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace mentorsim::metrics {

namespace {
constexpr int kDigitBits = 11;  // 6 passes of 2,048 buckets cover the 64 bits
constexpr int kPasses = (64 + kDigitBits - 1) / kDigitBits;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr std::size_t kSmall = 256;  // below this, std::sort is as fast

std::size_t digit(double v, int pass) {
  return static_cast<std::size_t>(std::bit_cast<std::uint64_t>(v) >> (pass * kDigitBits)) &
         (kBuckets - 1);
}
}  // namespace

void sort_positive(std::span<double> values, std::vector<double>& scratch) {
  const std::size_t n = values.size();
  if (n < kSmall) {
    std::sort(values.begin(), values.end());
    return;
  }
  // All digit histograms in one pass; a pass whose digit is the same for every value is skipped
  // (hours are sums of a few session lengths, so many high and low bits agree).
  std::vector<std::array<std::uint32_t, kBuckets>> counts(kPasses);
  for (auto& c : counts) c.fill(0);
  for (const double v : values)
    for (int p = 0; p < kPasses; ++p) ++counts[p][digit(v, p)];
  scratch.resize(n);
  std::span<double> from = values, to(scratch);
  for (int p = 0; p < kPasses; ++p) {
    auto& c = counts[p];
    if (c[digit(from[0], p)] == n) continue;
    std::uint32_t offset = 0;
    for (std::uint32_t& count : c) {
      const std::uint32_t here = count;
      count = offset;
      offset += here;
    }
    for (const double v : from) to[c[digit(v, p)]++] = v;  // stable: keeps the earlier passes
    std::swap(from, to);
  }
  if (from.data() != values.data()) std::copy(from.begin(), from.end(), values.begin());
}

}  // namespace mentorsim::metrics
