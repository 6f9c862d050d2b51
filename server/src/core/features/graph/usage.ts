/**
 * Which terms a draft uses and in which sense, as the concept map shows it: one
 * caption per term ("objective-focused (pinned)", "ambiguous ×2"). Mentions and
 * ignored uses do not count: the draft talks about the word there, or asked not to
 * be checked.
 */
import type { Registry } from '../../registry';
import type { Analysis } from '../../service';
import { CAPTION_SEPARATOR, type TermUse, type UseGroup, type UseState } from './model';

/** Per term id, how the draft uses it. Terms it never uses are absent. */
export function draftUses(analysis: Analysis, registry: Registry): Map<string, TermUse> {
  const groups = new Map<string, Map<string, UseGroup>>();
  for (const o of analysis.occurrences) {
    if (o.status === 'mention' || o.status === 'ignored') continue;
    const sense = o.status === 'ambiguous' ? null : o.sense ?? 'default';
    const byKey = groups.get(o.term) ?? new Map<string, UseGroup>();
    groups.set(o.term, byKey);
    const key = sense ?? '\0ambiguous';
    const group = byKey.get(key) ?? { sense, statuses: [], count: 0 };
    byKey.set(key, group);
    group.count++;
    if (!group.statuses.includes(o.status)) group.statuses.push(o.status);
  }
  const out = new Map<string, TermUse>();
  for (const [termId, byKey] of groups) {
    // Senses first in order of first use, ambiguous uses last: the caption reads "what is settled, then what is not".
    const list = [...byKey.values()].sort((a, b) => Number(a.sense === null) - Number(b.sense === null));
    out.set(termId, useOf(list, (sense) => senseLabel(registry, termId, sense)));
  }
  return out;
}

/** The highlight of the uses in `groups`; `label` names a sense id. */
export function useOf(groups: UseGroup[], label: (sense: string) => string): TermUse {
  const ambiguous = groups.some((g) => g.sense === null);
  const senses = groups.filter((g) => g.sense !== null).length;
  const state: UseState = ambiguous ? 'ambiguous' : senses > 1 ? 'mixed' : 'resolved';
  const several = groups.length > 1;
  const parts = groups.map((g) => {
    const times = g.count > 1 && (several || g.sense === null) ? ` ×${g.count}` : '';
    if (g.sense === null) return `ambiguous${times}`;
    const name = label(g.sense);
    const how = g.statuses.join(', ');
    return name ? `${name} (${how})${times}` : `${how}${times}`;
  });
  return { state, caption: parts.join(CAPTION_SEPARATOR), groups, uses: groups.reduce((n, g) => n + g.count, 0) };
}

/** A sense's label for captions: the registry label, "own definition" for `custom`, nothing for a settled term's `default`. */
export function senseLabel(registry: Registry, termId: string, sense: string): string {
  if (sense === 'custom') return 'own definition';
  const term = registry.terms.get(termId);
  if (sense === 'default' && term && !term.contested) return '';
  return term?.senses.find((s) => s.id === sense)?.label ?? sense;
}
