/**
 * Qualification skips each large pattern when its cheap gate fails (resolve/qualify.ts,
 * GATES). That is only safe if every gate is a necessary condition: wherever the
 * pattern matches, the gate passes. Checked here on the text around every term-like
 * phrase of the example drafts, of sentences written to hit each pattern, and of the
 * seed essays when they are beside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetRegistry } from '../../server/src/core';
import { termPatterns, type TermPatterns } from '../../server/src/core/resolve/patterns';
import { GATES } from '../../server/src/core/resolve/qualify';

const ROOT = path.resolve(__dirname, '../..');
const SEEDS = path.resolve(ROOT, '../shared/seeds');

/** Sentences each large pattern matches, so none of the checks below is vacuous. */
const WRITTEN = [
  'Here inner alignment (objective-focused) is the question.',
  'Here inner alignment (Hubinger 2020) is the question.',
  'We mean inner alignment, in Shah’s sense, throughout.',
  "We mean inner alignment as Wentworth uses it, not otherwise.",
  "Shah's inner alignment is broader.",
  'A Hubinger-style inner alignment problem.',
  'This is what Wentworth calls inner alignment today.',
  'Wentworth would call this an inner alignment failure.',
  'Shah has endorsed a definition under which inner alignment fails here.',
  'Wentworth argues, against the usual view, that inner alignment is visible in training.',
  'To Shah, inner alignment is about generalization.',
  'Hubinger et al. describe the base objective and mesa-optimizer as distinct.',
];

function corpus(): string[] {
  const texts = [WRITTEN.join('\n\n')];
  for (const name of readdirSync(path.join(ROOT, 'examples'))) if (name.endsWith('.md')) texts.push(readFileSync(path.join(ROOT, 'examples', name), 'utf8'));
  if (existsSync(SEEDS)) for (const name of readdirSync(SEEDS)) texts.push(readFileSync(path.join(SEEDS, name), 'utf8'));
  return texts;
}

/** The texts qualification reads around a use: `after` (160 chars), `before` (120), the clause (1,000). */
function windows(text: string): { after: string; before: string; clause: string }[] {
  const out = [];
  for (const m of text.matchAll(/\b(?:inner|outer|mesa|intent|impact|objective|capability|deceptive|base)[\s-]+[A-Za-z]+/gi)) {
    const start = m.index;
    const end = start + m[0].length;
    out.push({ after: text.slice(end, end + 160), before: text.slice(Math.max(0, start - 120), start), clause: text.slice(Math.max(0, start - 1000), start) });
  }
  return out;
}

function matches(regex: RegExp | null, text: string): boolean {
  if (!regex) return false;
  regex.lastIndex = 0;
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
}

describe('qualification gates', () => {
  it('pass wherever their pattern matches, for every contested term', () => {
    const registry = presetRegistry('recommended');
    const contested = [...registry.terms.values()].filter((t) => t.senses.length > 1).map((t) => termPatterns(t));
    expect(contested.length).toBeGreaterThanOrEqual(3);
    const hits: Record<keyof typeof GATES, number> = { parenAfter: 0, tiedAfter: 0, attributionBefore: 0, subjectBefore: 0, reportedBy: 0 };
    const missed: string[] = [];
    const check = (name: keyof typeof GATES, patterns: TermPatterns, text: string) => {
      if (!matches(patterns[name], text)) return;
      hits[name]++;
      if (!GATES[name].test(text)) missed.push(`${name}: ${JSON.stringify(text)}`);
    };
    for (const text of corpus()) {
      for (const w of windows(text)) {
        for (const patterns of contested) {
          check('parenAfter', patterns, w.after);
          check('tiedAfter', patterns, w.after);
          check('attributionBefore', patterns, w.before);
          check('subjectBefore', patterns, w.clause);
          check('reportedBy', patterns, w.clause);
        }
      }
    }
    expect(missed).toEqual([]);
    for (const [name, count] of Object.entries(hits)) expect({ name, matched: count > 0 }).toEqual({ name, matched: true });
  });

  it('fail on text that names no sense or source, so the large patterns are skipped there', () => {
    const plain = 'the model is trained on a wide distribution and then deployed ';
    expect(Object.entries(GATES).filter(([, gate]) => gate.test(plain)).map(([name]) => name)).toEqual([]);
  });
});
