import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze as analyzeOnce, analyzeWhole as analyze, analyzeIncremental, presetRegistry, type Analysis } from '../../server/src/core';
import { structure } from '../reliability/invariants';

const registry = presetRegistry();
const examples = path.join(__dirname, '../../examples');
const drafts = readdirSync(examples).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(examples, f), 'utf8'));

/** What a user sees of an analysis: every occurrence and finding, positions included. */
function visible(a: Analysis) {
  return {
    occurrences: a.occurrences.map((o) => [o.term, o.text, o.span.start, o.span.end, o.status, o.sense, o.likelySense, o.via]),
    findings: a.findings.map((f) => [f.rule, f.severity, f.message, f.span.start, f.span.end, f.fixes.map((x) => [x.title, x.edits])]),
  };
}

const LONG_DRAFT = [
  '---',
  'title: Long draft',
  'alignment-terms:',
  '  outer-alignment: objective-function',
  '---',
  '',
  'See [the paper][rlo] on inner alignment and [this post][w].',
  '',
  ...drafts,
  '<!-- alignment-terms pin inner-alignment=optimization-focused -->',
  '',
  'Inner misalignment here is visible on the training distribution.',
  '',
  '```md',
  'inner alignment in code',
  '',
  'still code',
  '```',
  '',
  '[rlo]: https://arxiv.org/abs/1906.01820',
  '[w]: https://www.alignmentforum.org/posts/HYERofGZE6j9Tuigi/x',
].join('\n');

describe('incremental analysis', () => {
  it('equals a full analysis after each of many edits, reusing unchanged blocks', () => {
    const edits: [string, (t: string) => string][] = [
      ['type a word', (t) => t.replace('inner misalignment', 'inner misalignment really')],
      ['qualify a use', (t) => t.replace('outer misalignment', 'outer misalignment (training-signal)')],
      ['open a code fence', (t) => t.replace('# How we classify incidents', '```\n# How we classify incidents')],
      ['close it again', (t) => t.replace('```\n# How we classify incidents', '# How we classify incidents')],
      ['remove the link definition', (t) => t.replace('[rlo]: https://arxiv.org/abs/1906.01820', '')],
      ['edit the front matter pin', (t) => t.replace('outer-alignment: objective-function', 'outer-alignment: training-signal')],
      ['join two paragraphs', (t) => t.replace('have to be asked separately', 'have to be asked\nseparately')],
      ['delete a blank line', (t) => t.replace(/\n\n(?=Others argued)/, '\n')],
      ['add a disable directive', (t) => `<!-- alignment-terms-disable -->\n\n${t}`],
    ];
    let text = LONG_DRAFT;
    let previous = analyzeIncremental(text, registry);
    expect(visible(previous)).toEqual(visible(analyze(text, registry)));
    for (const [, edit] of edits) {
      const next = edit(text);
      expect(next).not.toBe(text);
      text = next;
      const incremental = analyzeIncremental(text, registry, previous);
      expect(visible(incremental)).toEqual(visible(analyze(text, registry)));
      previous = incremental;
    }
  });

  it('equals a full analysis when typing character by character inside a term', () => {
    const base = drafts.join('\n\n');
    const at = base.indexOf('inner misalignment');
    let previous = analyzeIncremental(base, registry);
    let text = base;
    for (const ch of ' and outer') {
      text = text.slice(0, at) + text.slice(at, at + 5) + ch + text.slice(at + 5);
      const next = analyzeIncremental(text, registry, previous);
      expect(visible(next)).toEqual(visible(analyze(text, registry)));
      previous = next;
    }
  });

  it('resolves reference links as one parse does (labels in any case, spacing or line break), and an edit to one definition re-analyses only the blocks that use it', () => {
    const text = [
      'The [inner alignment][Risks  From',
      'Learned] problem is about mesa-optimizers.',
      '',
      'Outer alignment is discussed by [Wentworth][].',
      '',
      'A paragraph on inner alignment with no link.',
      '',
      '[risks from learned]: https://arxiv.org/abs/1906.01820',
      '[WENTWORTH]: https://www.alignmentforum.org/posts/HYERofGZE6j9Tuigi/inner-alignment-failures-which-are-actually-outer-alignment',
    ].join('\n');
    const first = analyzeIncremental(text, registry);
    expect(visible(first)).toEqual(visible(analyze(text, registry)));
    // The reference resolved: the linked paper settles the first use.
    expect(first.occurrences[0]).toMatchObject({ text: 'inner alignment', sense: 'objective-focused' });

    const edited = text.replace('HYERofGZE6j9Tuigi', 'SzecSPYxqRa5GCaSF');
    const second = analyzeIncremental(edited, registry, first);
    expect(visible(second)).toEqual(visible(analyze(edited, registry)));
    const before = new Set(first.cache.blocks.values());
    const redone = [...second.cache.blocks.keys()].filter((key) => !before.has(second.cache.blocks.get(key)!));
    // The Wentworth paragraph and the definitions block changed; the other two paragraphs were reused.
    expect(redone.map((key) => key.slice(key.indexOf('\u0000') + 1, key.indexOf('\u0000') + 12))).toEqual(['Outer align', '[risks from']);
    expect(second.cache.blocks.size).toBe(4);
  });

  it('reads the same front matter at another offset with spans at that offset (what was read last is reused only for the same place)', () => {
    const draft = '---\nalignment-terms:\n  inner-alignment: objective\n---\n\nOn inner alignment.\n';
    const spansOf = (a: Analysis) => a.findings.filter((f) => f.rule === 'unknown-pin').map((f) => f.span.start);
    const plain = spansOf(analyzeIncremental(draft, registry));
    const withBom = spansOf(analyzeIncremental(`\uFEFF${draft}`, registry));
    expect(plain).toEqual([draft.indexOf('objective')]);
    expect(withBom).toEqual([draft.indexOf('objective') + 1]);
  });

  it('parses a long draft in groups of blocks and places every context, heading and directive exactly as one whole parse does', () => {
    // Over 8 KB, so the first analysis parses several groups and splits each back into blocks.
    const text = `${LONG_DRAFT}\n\n${[...drafts, ...drafts, ...drafts, ...drafts].join('\n\n## Again &amp; again\n\n')}\n\n| term | sense |\n|---|---|\n| inner alignment | [x][rlo] |\n\n<!-- alignment-terms disable-next-line inner-alignment -->\nInner alignment &mdash; again.\n`;
    expect(text.length).toBeGreaterThan(2 * 8 * 1024);
    const whole = analyze(text, registry);
    // The editor's analysis (groups split back into blocks) and the CLI's (groups moved in place).
    for (const grouped of [analyzeIncremental(text, registry), analyzeOnce(text, registry)]) {
      expect(structure(grouped)).toEqual(structure(whole));
      expect(visible(grouped)).toEqual(visible(whole));
    }
  });

  it('reuses the cached blocks that an edit did not touch', () => {
    const first = analyzeIncremental(LONG_DRAFT, registry);
    const edited = LONG_DRAFT.replace('Inner misalignment here', 'Inner misalignment now');
    const second = analyzeIncremental(edited, registry, first);
    const reused = [...second.cache.blocks.values()].filter((b) => [...first.cache.blocks.values()].includes(b));
    expect(reused.length).toBe(second.cache.blocks.size - 1);
  });
});
