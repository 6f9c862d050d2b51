/**
 * Binary search: the one place the engine's "which line / sentence / block holds
 * this offset" lookups share.
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

/**
 * The first index in [0, length) where `holds` is true, or `length` when it holds
 * nowhere. `holds` must be false up to some index and true from there on (as
 * "element i is at or after x" is over a sorted list).
 */
export function firstWhere(length: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
