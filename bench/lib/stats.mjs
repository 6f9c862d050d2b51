/**
 * Summary statistics for timing samples. Percentiles use the nearest-rank method,
 * so a p95 is always one of the measured values.
 */

/** The q-quantile (0..1) of `values` by nearest rank; NaN for no values. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/** The median (the lower middle for an even count, by nearest rank). */
export function median(values) {
  return quantile(values, 0.5);
}

/** The 95th percentile. */
export function p95(values) {
  return quantile(values, 0.95);
}

/** Sum of the values. */
export function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}
