/**
 * Reasoning over the registry's implication graph: what a set of premises gives,
 * and what is missing for a conclusion. Senses matter: an arrow that needs
 * "outer alignment (objective-function)" does not fire for another sense.
 */
import type { ImplicationEntry } from '../glossary/types';

/** A premise: a term and the sense in force (null for a settled term). */
export type Premises = Map<string, string | null>;

function fires(rule: ImplicationEntry, have: Set<string>, senses: Premises): boolean {
  return rule.all.every((t) => have.has(t) && (!rule.senses?.[t] || senses.get(t) === undefined || senses.get(t) === null || senses.get(t) === rule.senses[t]));
}

/** Every term the premises give, premises included (fixpoint over the arrows). */
export function closure(premises: Premises, rules: ImplicationEntry[]): Set<string> {
  const have = new Set(premises.keys());
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of rules) {
      if (!have.has(rule.gives) && fires(rule, have, premises)) {
        have.add(rule.gives);
        changed = true;
      }
    }
  }
  return have;
}

/** True when some arrow concludes `term`: only then can a claim about it be judged. */
export function isConclusion(term: string, rules: ImplicationEntry[]): boolean {
  return rules.some((r) => r.gives === term);
}

/** The arrow to `target` missing the fewest premises, and what it misses. */
export function missingFor(target: string, have: Set<string>, rules: ImplicationEntry[]): { rule: ImplicationEntry; missing: string[] } | null {
  let best: { rule: ImplicationEntry; missing: string[] } | null = null;
  for (const rule of rules) {
    if (rule.gives !== target) continue;
    const missing = rule.all.filter((t) => !have.has(t));
    if (!best || missing.length < best.missing.length) best = { rule, missing };
  }
  return best;
}

/** Senses each framework's arrows and facts speak of, per term: a claim in another sense cannot be judged. */
export function frameworkSenses(rules: { senses?: Record<string, string> }[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const rule of rules) {
    for (const [term, sense] of Object.entries(rule.senses ?? {})) {
      if (!out.has(term)) out.set(term, new Set());
      out.get(term)!.add(sense);
    }
  }
  return out;
}
