/**
 * "Did you mean" suggestions for ids a user typed.
 */

/** Edit distance between two short strings (ids, sense names). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/**
 * The candidate closest to `given`, or undefined when none is plausibly meant.
 * A candidate that starts with what was typed ("objective" -> "objective-focused")
 * counts as close even when many characters are missing.
 */
export function closest(given: string, candidates: Iterable<string>): string | undefined {
  const typed = given.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    let score = editDistance(typed, c);
    if (typed.length >= 3 && (c.startsWith(typed) || typed.startsWith(c))) score = Math.min(score, 1);
    else if (typed.length >= 4 && c.includes(typed)) score = Math.min(score, 2);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  if (best === undefined) return undefined;
  return bestScore <= Math.max(2, Math.floor(typed.length / 3)) ? best : undefined;
}
