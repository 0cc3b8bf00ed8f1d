#include "scenario/run_estimate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mentorsim {

namespace {

// The weekly probability of leaving from the base rate (docs/model.md 7.2).
double weekly_departure(const DepartureConfig& d) {
  if (!d.enabled || d.annual_rate <= 0) return 0;
  const double hazard = d.rate_is == AnnualRate::kHazard
                            ? d.annual_rate
                            : -std::log1p(-std::min(d.annual_rate, 0.999999));
  return -std::expm1(-hazard / 52.0);
}

}  // namespace

std::string amount_text(double x) {
  if (x >= 1e9) return fmt::format("{:.3g} billion", x / 1e9);
  if (x >= 1e6) return fmt::format("{:.3g} million", x / 1e6);
  const std::string digits = fmt::format("{:.0f}", x);
  std::string grouped;  // a ',' before every group of three digits from the right
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped;
}

RunEstimate estimate_run(const Scenario& s) {
  const double n0 = static_cast<double>(s.population.initial_size);
  double arrivals = 0;
  if (s.joining.enabled) {
    arrivals = s.joining.arrivals_per_week;
    if (s.joining.intake_every_weeks > 0)
      arrivals += static_cast<double>(s.joining.intake_size) /
                  static_cast<double>(s.joining.intake_every_weeks);
  }
  const double p = weekly_departure(s.departure);
  RunEstimate e;
  e.peak_population = n0;
  double n = n0;
  for (std::int64_t w = 0; w < s.meta.weeks; ++w) {
    n = n * (1 - p) + arrivals;  // arrivals come in week 0 too
    e.practitioner_weeks += n;
    e.peak_population = std::max(e.peak_population, n);
  }
  e.memory_bytes = kBaseBytes + kBytesPerPractitioner * e.peak_population;
  return e;
}

std::string describe_estimate(const RunEstimate& e) {
  return fmt::format(
      "about {} practitioners at most, {} practitioner-weeks per replicate, about "
      "{:.0f} MB per run",
      amount_text(std::round(e.peak_population)), amount_text(e.practitioner_weeks),
      std::ceil(e.memory_bytes / 1e6));
}

}  // namespace mentorsim
