/**
 * The four seed essays (../shared/seeds, outside the repository), converted to
 * Markdown as they are: each line a paragraph. They lint without a crash, and the
 * uses a careful reader sees as settled by the author are not flagged: 000 defines
 * its terms ("Outer Alignment: An objective function is ..."), and 001 attributes
 * its uses (each judged by hand below; the uses it leaves open are listed in the
 * report of the change that added this file, with the reasons).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizePhrase } from '../../server/src/core/phrases';
import { describeOccurrences, run, unmark } from '../helpers/check';

const SEEDS = path.resolve(__dirname, '..', '..', '..', 'shared', 'seeds');
const present = existsSync(SEEDS);
if (!present) console.log(`seeds.test.ts: skipped: the seed essays are not at ${SEEDS} (they live next to the repository, not in it)`);

/** Each line of the plain text becomes a paragraph. */
const toMarkdown = (text: string) => text.split(/\r\n|\r|\n/).join('\n\n');
const seed = (prefix: string) => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!name) throw new Error(`no seed ${prefix}* in ${SEEDS}`);
  return toMarkdown(readFileSync(path.join(SEEDS, name), 'utf8'));
};

/**
 * The occurrence marked in `snippet` (a verbatim passage of the seed with one
 * ⟦marked⟧ term), found in the analysed seed.
 */
const at = (markdown: string, analysis: ReturnType<typeof run>, snippet: string) => {
  const { text, spans } = unmark(snippet);
  const where = markdown.indexOf(text);
  if (where < 0 || markdown.indexOf(text, where + 1) >= 0) throw new Error(`snippet not found exactly once in the seed: ${text}`);
  const start = where + spans[0].start;
  const occurrence = analysis.occurrences.find((o) => o.span.start === start);
  if (!occurrence) throw new Error(`no occurrence at the marked term of: ${snippet}`);
  return occurrence;
};

describe.skipIf(!present)('the seed essays', () => {
  it.each(['000', '001', '002', '003'])('%s lints without a crash, with exact spans', (prefix) => {
    const markdown = seed(prefix);
    const analysis = run(markdown);
    expect(analysis.occurrences.length).toBeGreaterThan(10);
    for (const o of analysis.occurrences) {
      const written = markdown.slice(o.span.start, o.span.end);
      if (!o.elided) expect(normalizePhrase(written.replace(/[*_]/g, ''))).toBe(normalizePhrase(o.text));
    }
    for (const f of analysis.findings) expect(f.span.end).toBeGreaterThan(f.span.start);
  });

  it('000 defines its terms, so none of its inner or outer alignment uses is flagged', () => {
    const markdown = seed('000');
    const analysis = run(markdown);
    const flagged = analysis.occurrences.filter((o) => o.status === 'ambiguous');
    expect(describeOccurrences(markdown, flagged)).toBe('');
    expect(at(markdown, analysis, '⟦Outer Alignment⟧: An objective function is outer aligned')).toMatchObject({ status: 'defined', sense: 'objective-function' });
    expect(at(markdown, analysis, '⟦Inner Alignment⟧: A mesa-optimizer is inner aligned')).toMatchObject({ status: 'defined', sense: 'objective-focused' });
    expect(analysis.occurrences.filter((o) => o.term === 'inner-alignment' || o.term === 'outer-alignment').length).toBeGreaterThan(25);
  });

  // Hubinger's own post, the source of the implication graph: its definitions ("An
  // agent is intent aligned if ... is impact aligned") assert no implication, and its
  // "outer alignment ensures ... and objective robustness ensures ..." is true.
  it('000 has no claim-check findings: its definitions and its true statements are not false claims', () => {
    const markdown = seed('000');
    const claims = run(markdown).findings.filter((f) => f.rule === 'claim-check');
    expect(claims.map((f) => markdown.slice(f.span.start, f.span.start + 40))).toEqual([]);
  });

  describe('001 attributes its uses: the ones a careful reader sees as settled are not flagged', () => {
    const cases: [string, string, string | null][] = [
      // The author's own definition of outer alignment, which covers the whole essay.
      ['When talking about ⟦outer alignment⟧, I will adopt the definition from Evan Hubinger', 'defined', 'objective-function'],
      ['So, I take ⟦outer alignment⟧ to roughly mean', 'defined', 'objective-function'],
      ['Under this view, ⟦outer alignment⟧ is mainly about', 'defined', 'objective-function'],
      ['I will assume the ⟦outer alignment⟧ step to have already been solved', 'defined', 'objective-function'],
      // Titles, quotations and talk about definitions.
      ['Clarifying the confusion around ⟦inner alignment⟧', 'mention', null],
      ['post clarifying ⟦inner alignment⟧ terminology', 'mention', null],
      ['under the terms of ⟦inner⟧ and outer alignment', 'mention', null],
      ['I will focus on the definition of ⟦inner alignment⟧', 'mention', null],
      ['the paper that first defined ⟦inner alignment⟧', 'mention', null],
      ['as the ⟦inner alignment⟧ problem. This is distinct', 'mention', null],
      ['“A mesa-optimizer is ⟦inner aligned⟧ if the optimal policy', 'mention', null],
      ['“⟦Inner alignment⟧ is the claim that when the circumstances change', 'mention', null],
      ['is always an ⟦outer alignment⟧ failure (regardless', 'mention', null],
      ['Assuming ⟦outer alignment⟧, inner alignment problems', 'mention', null],
      ['Assuming outer alignment, ⟦inner alignment⟧ problems', 'mention', null],
      ['his definition of ⟦outer alignment⟧ into two separate problems', 'mention', null],
      ['His definition of ⟦inner alignment⟧ remains different', 'mention', null],
      ['a definition of ⟦inner alignment⟧ so dependent on the training distribution', 'mention', null],
      ['“masturbation is a true ⟦inner alignment⟧ failure.', 'mention', null],
      // Attributions tied to the use.
      ['Rohin Shah has endorsed a definition under which ⟦inner alignment⟧ encompasses', 'qualified', 'generalization-focused'],
      ['Wentworth considers ⟦inner alignment⟧ failure to be possible', 'qualified', 'optimization-focused'],
      ['masturbation is an ⟦inner alignment⟧ failure according to Wentworth’s definition', 'qualified', 'optimization-focused'],
      ['makes it something else than an ⟦inner alignment⟧ problem.', 'qualified', 'optimization-focused'],
      ['it’s definitely still ⟦inner aligned⟧ by the objective-focused', 'qualified', null],
      ['would consider a pure capability robustness problem an ⟦inner alignment⟧ failure', 'qualified', 'generalization-focused'],
      ['I would consider this an ⟦inner alignment⟧ failure going by the objective-focused approach', 'qualified', 'objective-focused'],
      ['would also consider this an ⟦inner alignment⟧ failure, but', 'qualified', 'generalization-focused'],
      ['rather than an ⟦inner alignment⟧ failure. As we’ll see', 'qualified', 'optimization-focused'],
      ['the optimization-focused approach still doesn’t make humans ⟦inner aligned⟧', 'qualified', 'optimization-focused'],
      ['it’s also an ⟦inner misalignment⟧ failure by Shah’s definition', 'qualified', 'generalization-focused'],
      ['that Wentworth describes as true ⟦inner alignment⟧ failure', 'qualified', 'optimization-focused'],
      ['qualifies as ⟦inner misalignment⟧ under the generalization-focused approach', 'qualified', 'generalization-focused'],
      // The sense is named at the end of the clause, after both uses.
      ['as ⟦inner aligned⟧ in Example 3 and as inner misaligned here in Example 4', 'qualified', 'optimization-focused'],
      ['as inner aligned in Example 3 and as ⟦inner misaligned⟧ here in Example 4', 'qualified', 'optimization-focused'],
    ];
    const markdown = present ? seed('001') : '';
    const analysis = present ? run(markdown) : undefined;

    it.each(cases)('%s', (snippet, status, sense) => {
      const occurrence = at(markdown, analysis!, snippet);
      expect(occurrence.status).toBe(status);
      if (sense) expect(occurrence.sense).toBe(sense);
    });
  });
});
