#include "sensitivity/regression.hpp"

#include <cmath>
#include <limits>

namespace mentorsim::sensitivity {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double sd_of(const std::vector<double>& v, double mean) {
  double s = 0;
  for (double x : v) s += (x - mean) * (x - mean);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

// Least squares by Householder QR on the standardised columns (no normal equations, so nearly
// collinear inputs lose digits gracefully). `a` is n x m column-major and is overwritten; returns
// the m coefficients, or an empty vector when a column is (numerically) dependent on the others.
std::vector<double> least_squares(std::vector<std::vector<double>>& a, std::vector<double> b) {
  const std::size_t n = b.size(), m = a.size();
  for (std::size_t j = 0; j < m; ++j) {
    double norm = 0;
    for (std::size_t i = j; i < n; ++i) norm += a[j][i] * a[j][i];
    norm = std::sqrt(norm);
    if (norm < 1e-10 * std::sqrt(static_cast<double>(n))) return {};
    const double alpha = a[j][j] > 0 ? -norm : norm;
    std::vector<double> v(n, 0.0);  // the reflector, zero above row j
    for (std::size_t i = j; i < n; ++i) v[i] = a[j][i];
    v[j] -= alpha;
    double vv = 0;
    for (std::size_t i = j; i < n; ++i) vv += v[i] * v[i];
    auto reflect = [&](std::vector<double>& col) {
      double dot = 0;
      for (std::size_t i = j; i < n; ++i) dot += v[i] * col[i];
      const double f = 2 * dot / vv;
      for (std::size_t i = j; i < n; ++i) col[i] -= f * v[i];
    };
    for (std::size_t c = j; c < m; ++c) reflect(a[c]);
    reflect(b);
  }
  std::vector<double> coef(m);
  for (std::size_t j = m; j-- > 0;) {
    double s = b[j];
    for (std::size_t c = j + 1; c < m; ++c) s -= a[c][j] * coef[c];
    coef[j] = s / a[j][j];
  }
  return coef;
}

}  // namespace

Regression standardized_regression(std::size_t inputs, std::span<const double> x,
                                   std::span<const double> y) {
  Regression out{std::vector<double>(inputs, kNaN), kNaN};
  // The usable rows.
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < y.size(); ++r) {
    bool ok = std::isfinite(y[r]);
    for (std::size_t j = 0; ok && j < inputs; ++j) ok = std::isfinite(x[r * inputs + j]);
    if (ok) rows.push_back(r);
  }
  if (rows.size() <= inputs + 1) return out;
  std::vector<double> yy;
  for (std::size_t r : rows) yy.push_back(y[r]);
  const double my = mean_of(yy), sy = sd_of(yy, my);
  if (!(sy > 0)) return out;
  // Standardised inputs that vary; the intercept is then 0 and needs no column.
  std::vector<std::size_t> used;
  std::vector<std::vector<double>> columns;
  for (std::size_t j = 0; j < inputs; ++j) {
    std::vector<double> col;
    for (std::size_t r : rows) col.push_back(x[r * inputs + j]);
    const double m = mean_of(col), s = sd_of(col, m);
    if (!(s > 0)) continue;
    for (double& v : col) v = (v - m) / s;
    used.push_back(j);
    columns.push_back(std::move(col));
  }
  std::vector<double> target;
  for (double v : yy) target.push_back((v - my) / sy);
  std::vector<std::vector<double>> a = columns;
  const std::vector<double> coef = least_squares(a, target);
  if (coef.empty()) return out;
  double residual = 0, total = 0;
  for (std::size_t i = 0; i < target.size(); ++i) {
    double fit = 0;
    for (std::size_t c = 0; c < used.size(); ++c) fit += coef[c] * columns[c][i];
    residual += (target[i] - fit) * (target[i] - fit);
    total += target[i] * target[i];
  }
  for (std::size_t c = 0; c < used.size(); ++c) out.src[used[c]] = coef[c];
  out.r2 = 1 - residual / total;
  return out;
}

}  // namespace mentorsim::sensitivity
