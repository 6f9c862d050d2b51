/**
 * A block that is one paragraph of plain text is read without the parser
 * (core/markdown/plain-paragraph.ts). Whatever it accepts must be exactly what the
 * parser gives for that block; whatever it declines goes to the parser, so declining
 * is always safe. Checked over generated blocks that mix plain lines with every
 * character and line shape that means something to the parser, over the blocks of
 * generated and hostile drafts, and over the blocks of every Markdown file shipped in
 * the repository.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitChunks } from '../../server/src/core/markdown/chunks';
import { parseBlocks } from '../../server/src/core/markdown/parse';
import { plainParagraph } from '../../server/src/core/markdown/plain-paragraph';
import { hostileString, markdownDraft } from '../reliability/generators';
import { agreeAndTakeAFairShare, repositoryMarkdownFiles } from './fast-path';


/** Checks one block both ways; returns whether the fast path took it. */
function agreesWithParser(block: string): boolean {
  const fast = plainParagraph(block);
  if (!fast) return false;
  // A block at the document's start is parsed with front matter recognised; elsewhere without.
  expect(fast).toStrictEqual(parseBlocks(block, block.length, true));
  expect(fast).toStrictEqual(parseBlocks(block, block.length, false));
  return true;
}

/** Every block of `text`, as the analysis cuts it. */
function blocksOf(text: string): string[] {
  return splitChunks(text).map((c) => text.slice(c.start, c.end));
}

// Pieces of a line: prose, Unicode the parser keeps as it is, and everything that
// means something to it (markup, escapes, entities, URLs, math, footnotes, pipes).
const WORD = fc.constantFrom('inner', 'alignment', 'Shah', 'mesa-optimizer', 'it’s', '“quoted”', '(aside)', 'é', 'İ', '😀', '\u00a0', '\u2028', '\uFFFC', '—', '5', '2024.', 'x:', 'a=b', '#', '!', '?', '$5', '$x$', 'https://example.com', 'www.example.com', '[^1]');
const MARK = fc.constantFrom('*', '_', '`', '[', ']', '<', '>', '&amp;', '&', '\\', '|', '~', '\t', '\r', '\u0000', '  ', ' ', '![x](y)', '<b>', '**');
const LINE = fc
  .array(fc.oneof({ arbitrary: WORD, weight: 30 }, { arbitrary: MARK, weight: 1 }), { minLength: 1, maxLength: 10 })
  .map((words) => words.join(' '));
/** Mostly a word; else what the start of a line decides: the block it opens or continues. */
const PREFIX = fc.oneof(
  { arbitrary: fc.constant('Inner '), weight: 12 },
  { arbitrary: fc.constantFrom('', ' ', '   ', '    ', '\t', '- ', '* ', '+ ', '1. ', '2) ', '# ', '> ', '---', '===', '```', '<div>', '|', '"', '“', '('), weight: 2 },
);
const SUFFIX = fc.oneof({ arbitrary: fc.constant(''), weight: 12 }, { arbitrary: fc.constantFrom(' ', '  ', '\t', '\\'), weight: 1 });
const BLOCK = fc
  .tuple(fc.array(fc.tuple(PREFIX, LINE, SUFFIX), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '\n', '\n\n', '\n  \n', '\n\t\n\n', ' \n'))
  .map(([lines, end]) => lines.map(([prefix, line, suffix]) => prefix + line + suffix).join('\n') + end);

describe('plain paragraphs read without the parser', () => {
  it('equal the parser on every generated block they accept, and accept a fair share of them', () => {
    agreeAndTakeAFairShare(BLOCK, agreesWithParser, 11, 3000);
  });

  it('equal the parser on every block of generated and hostile drafts', () => {
    fc.assert(
      fc.property(fc.oneof(markdownDraft, hostileString), (text) => {
        for (const block of blocksOf(text)) agreesWithParser(block);
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('equal the parser on every block of the Markdown files in the repository', () => {
    let taken = 0;
    for (const file of repositoryMarkdownFiles()) for (const block of blocksOf(readFileSync(file, 'utf8'))) if (agreesWithParser(block)) taken++;
    expect(taken).toBeGreaterThan(50);
  });

  it.each([
    ['emphasis', 'Inner alignment is *hard*.'],
    ['a hard break (two trailing spaces)', 'Inner alignment  \nis hard.'],
    ['a trailing space', 'Inner alignment is hard. \n'],
    ['a setext heading', 'Inner alignment\n==='],
    ['a list item interrupting', 'Inner alignment\n- is hard'],
    ['a second paragraph after a blank line', 'Inner alignment.\n\nOuter alignment.\n'],
    ['an indented line', 'Inner alignment\n  is hard.'],
    ['a pipe table', 'a | b\n--|--\nc | d'],
    ['an entity', 'Inner &amp; outer.'],
    ['a tab', 'Inner\talignment.'],
    ['a carriage return', 'Inner alignment.\r\nOuter.'],
    ['a byte order mark', '\uFEFFInner alignment.'],
    ['NUL, which the parser replaces', 'Inner\u0000alignment.'],
    ['a run of tildes past the markup limits (masked before parsing)', `Inner ${'~'.repeat(40)} alignment.`],
  ])('go to the parser with %s', (_, block) => {
    expect(plainParagraph(block)).toBeNull();
  });

  it('take a plain paragraph with the blank lines after it, its span ending at its last character', () => {
    const block = 'Inner alignment, in “Shah’s” sense,\nis about generalization.\n\n  \n';
    const parsed = plainParagraph(block);
    expect(parsed?.contexts.map((c) => [c.kind, c.plain, c.span])).toEqual([['paragraph', block.trimEnd(), { start: 0, end: block.trimEnd().length }]]);
    agreesWithParser(block);
  });
});
