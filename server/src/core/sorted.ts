/**
 * Binary search over ascending numbers: the one place the engine's "which line /
 * sentence / block holds this offset" lookups share.
 */

/**
 * Index of the last element of `sorted` (ascending, non-empty) that is <= `value`;
 * 0 when every element is larger.
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
