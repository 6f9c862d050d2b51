/**
 * Splits one framework's implication arrows into the diagrams a reader knows. A
 * framework that derives its final conclusion in more than one way (Hubinger 2020
 * reaches impact alignment through intent alignment, and, in the robustness-centric
 * twin, through robustness) gets one diagram per derivation; the registry data does
 * not name the diagrams, so they are found from the arrows alone.
 */
import type { ImplicationEntry } from '../../glossary/types';

/** One diagram: the arrows of one derivation of `conclusion`. */
export interface Diagram {
  /** The term the diagram concludes (null for arrows no derivation reaches, e.g. a cycle). */
  conclusion: string | null;
  /** Derived premises of the last arrow ("intent-alignment"), which tell this diagram from its siblings. */
  via: string[];
  /** The arrows, in registry order. */
  arrows: ImplicationEntry[];
}

/** Above this many derivations a framework is drawn as one diagram: a picture per combination would not help anyone. */
const MAX_DERIVATIONS = 4;

/**
 * The diagrams of `arrows` (all of one framework), in registry order of their
 * conclusions. Every arrow is in at least one diagram; arrows that several
 * derivations share appear in each.
 */
export function diagramsOf(arrows: ImplicationEntry[]): Diagram[] {
  const premises = new Set(arrows.flatMap((a) => a.all));
  const conclusions: string[] = [];
  for (const a of arrows) if (!premises.has(a.gives) && !conclusions.includes(a.gives)) conclusions.push(a.gives);

  const order = (set: Set<ImplicationEntry>) => arrows.filter((a) => set.has(a));
  let diagrams: Diagram[] = [];
  for (const conclusion of conclusions) {
    for (const set of derivations(conclusion, arrows, [])) {
      const last = arrows.find((a) => a.gives === conclusion && set.has(a));
      const via = last ? last.all.filter((p) => arrows.some((a) => a.gives === p && set.has(a))) : [];
      diagrams.push({ conclusion, via, arrows: order(set) });
    }
  }
  if (diagrams.length > MAX_DERIVATIONS) diagrams = [{ conclusion: null, via: [], arrows: [...arrows] }];
  const covered = new Set(diagrams.flatMap((d) => d.arrows));
  const rest = arrows.filter((a) => !covered.has(a));
  if (rest.length) diagrams.push({ conclusion: null, via: [], arrows: rest });
  if (diagrams.length === 1) diagrams[0].via = [];
  return diagrams;
}

/** Every way to derive `term`: one arrow into each derived term, recursively. Premises on `stack` are not re-entered (cycles). */
function derivations(term: string, arrows: ImplicationEntry[], stack: string[]): Set<ImplicationEntry>[] {
  const into = arrows.filter((a) => a.gives === term && !a.all.some((p) => p === term || stack.includes(p)));
  if (into.length === 0) return [new Set()];
  const out: Set<ImplicationEntry>[] = [];
  for (const arrow of into) {
    let combos: Set<ImplicationEntry>[] = [new Set([arrow])];
    for (const premise of arrow.all) {
      const subs = derivations(premise, arrows, [...stack, term]);
      const next: Set<ImplicationEntry>[] = [];
      for (const combo of combos) for (const sub of subs) next.push(new Set([...combo, ...sub]));
      combos = next;
      // Enough to know the framework will be drawn whole; stop before the product explodes.
      if (combos.length > MAX_DERIVATIONS) return combos;
    }
    for (const combo of combos) if (!out.some((o) => sameSet(o, combo))) out.push(combo);
    if (out.length > MAX_DERIVATIONS) return out;
  }
  return out;
}

function sameSet<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
