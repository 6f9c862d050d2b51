/**
 * fast-check generators for the property tests: hostile strings (any code point,
 * lone surrogates, CR/LF mixes, BOMs, markup characters) and Markdown drafts built
 * from the pieces real drafts have (front matter with pins, headings, lists, quotes,
 * code, links, tables, directives, math, terms and near misses).
 */
import fc from 'fast-check';

/** Terms, inflections, elisions, and words that look like terms but are not. */
export const TERMS = [
  'inner alignment',
  'Inner misalignment',
  'inner-aligned',
  'outer alignment',
  'outer misalignment',
  'outer and inner alignment',
  'inner\nalignment',
  'mesa-optimizer',
  'mesa optimiser',
  'objective robustness',
  'deceptive alignment',
  'impact aligned',
  'intent alignment',
  'capability robustness',
  'goal misgeneralisation',
  'alignment',
  // near misses
  'inner product',
  'inner-loop',
  'outer-loop alignment',
  'gradient alignment',
];

const QUALIFIERS = [
  "in Shah's sense",
  '(objective-focused)',
  'in the generalization-focused sense',
  'as Wentworth defines it',
  '"inner alignment"',
  'the term inner alignment',
];

const WORDS = ['the', 'model', 'after deployment', 'a mesa-optimizer', 'training', 'reward', 'goal', 'fails', 'is', 'we', 'distributional shift', 'competent', 'new environment', 'Hubinger', 'é', '😀', 'ß', 'İ', '\u200d', '\u00a0'];

const sentence = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...TERMS), weight: 2 }, { arbitrary: fc.constantFrom(...WORDS), weight: 3 }, { arbitrary: fc.constantFrom(...QUALIFIERS), weight: 1 }), { minLength: 1, maxLength: 8 })
  .map((words) => `${words.join(' ')}.`);

const CLAIMS = ['Outer and inner alignment together guarantee impact alignment.', 'Impact alignment requires inner alignment.', 'Is inner alignment enough?', 'Yes.', 'Some argue that intent alignment implies impact alignment.'];

const inline = fc.oneof(
  sentence,
  fc.constantFrom(...CLAIMS),
  sentence.map((s) => `*${s}*`),
  sentence.map((s) => `**${s}**`),
  sentence.map((s) => `\`${s}\``),
  sentence.map((s) => `[${s}](https://arxiv.org/abs/1906.01820)`),
  sentence.map((s) => `[${s}][rlo]`),
  sentence.map((s) => `<span>${s}</span>`),
  sentence.map((s) => `$${s}$`),
  fc.constant('<https://example.com/inner-alignment>'),
  fc.constant('![inner alignment](x.png)'),
  fc.constant('[^1]'),
);

const paragraph = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));

const PINS = ['inner-alignment: objective-focused', 'outer-alignment: training-signal', 'inner-alignment: bogus-sense', 'nonsense-term: x', 'alignment: intent'];

/** Front matter as drafts write it, with valid and invalid pins. */
export const markdownFrontMatter = fc.oneof(
  fc.subarray(PINS, { minLength: 1 }).map((pins) => `---\ntitle: Draft\nalignment-terms:\n${pins.map((p) => `  ${p}`).join('\n')}\n---\n`),
  fc.subarray(PINS.slice(0, 2), { minLength: 1 }).map((pins) => `---\nalignment-terms: { ${pins.join(', ')} }\n---\n`),
  fc.constant('---\ntitle: Draft\n---\n'),
  fc.constant('---\nalignment-terms:\n---\n'),
  fc.constant('---\ntitle: [unclosed\n---\n'),
  fc.constant('\uFEFF---\nalignment-terms:\n  outer-alignment: objective-function\n---\n'),
);

const DIRECTIVES = [
  '<!-- alignment-terms pin inner-alignment=generalization-focused -->',
  '<!-- alignment-terms pin outer-alignment=nope -->',
  '<!-- alignment-terms-disable inner-alignment -->',
  '<!-- alignment-terms-enable inner-alignment -->',
  '<!-- alignment-terms-disable -->',
  '<!-- alignment-terms-enable -->',
  '<!-- alignment-terms-disable-next-line -->',
  '<!-- alignment-terms pin -->',
];

/** One block of a generated draft (see markdownDraft). */
export const markdownBlock = fc.oneof(
  { arbitrary: paragraph, weight: 5 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), sentence).map(([d, s]) => `${'#'.repeat(d)} ${s}`), weight: 1 },
  { arbitrary: fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => items.map((i, k) => `${k % 2 ? '  ' : ''}- ${i}`).join('\n')), weight: 2 },
  { arbitrary: fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => items.map((i, k) => `${k + 1}. ${i}`).join('\n')), weight: 1 },
  { arbitrary: paragraph.map((p) => `> ${p}\n> > ${p}`), weight: 1 },
  { arbitrary: paragraph.map((p) => `\`\`\`md\n${p}\n\`\`\``), weight: 1 },
  { arbitrary: paragraph.map((p) => `    ${p}`), weight: 1 },
  { arbitrary: fc.tuple(sentence, sentence).map(([a, b]) => `| a | b |\n|---|:-:|\n| ${a} | ${b} |`), weight: 1 },
  { arbitrary: paragraph.map((p) => `$$\n${p}\n$$`), weight: 1 },
  { arbitrary: paragraph.map((p) => `<div>\n${p}\n</div>`), weight: 1 },
  { arbitrary: fc.constantFrom(...DIRECTIVES), weight: 2 },
  { arbitrary: fc.constantFrom('[rlo]: https://arxiv.org/abs/1906.01820', '[^1]: A footnote on inner alignment.', '***', 'Term\n: a definition of inner alignment'), weight: 1 },
  { arbitrary: sentence.map((s) => `**Inner alignment.** ${s}`), weight: 1 },
  { arbitrary: sentence.map((s) => `By inner alignment we mean ${s}`), weight: 1 },
);

/** A Markdown draft from realistic pieces, with \n, \r\n or mixed line endings. */
export const markdownDraft = fc
  .tuple(fc.option(markdownFrontMatter, { nil: '' }), fc.array(markdownBlock, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n', 'mixed'), fc.boolean())
  .map(([fm, blocks, eol, finalNewline]) => {
    let text = fm + blocks.join('\n\n') + (finalNewline ? '\n' : '');
    if (eol === '\r\n') text = text.replace(/\n/g, '\r\n');
    else if (eol === 'mixed') text = text.replace(/\n/g, (_, i: number) => (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : '\n'));
    return text;
  });

/** One UTF-16 unit or code point of any kind: lone surrogates, controls, astral characters, markup. */
const hostileUnit = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 4 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), weight: 1 },
  { arbitrary: fc.constantFrom('\r', '\n', '\r\n', '\t', '\uFEFF', '\u0000', '\u2028', '\uFFFC', '\uFFFD', '😀', 'e\u0301'), weight: 2 },
  { arbitrary: fc.constantFrom('*', '_', '`', '[', ']', '(', ')', '<', '>', '!', '#', '-', '|', '$', '\\', '"', '\u201c', "'", ' '), weight: 4 },
  { arbitrary: fc.constantFrom(...TERMS, ...DIRECTIVES, '---\n', '```\n'), weight: 2 },
);

/** Any string, weighted towards what breaks parsers and offset arithmetic. */
export const hostileString = fc.string({ unit: hostileUnit, maxLength: 200 });

/** An edit to apply to a text: where (as a fraction of its length), how much to delete, what to insert. */
export const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.integer({ min: 0, max: 40 }),
  insert: fc.oneof(fc.constantFrom('', '\n', '\n\n', '\r\n', ' inner alignment', '- ', '> ', '```\n', '---\n', '[x]: https://arxiv.org/abs/1906.01820\n', '<!-- alignment-terms-disable -->\n', '\uD83D'), sentence, hostileString.map((s) => s.slice(0, 20))),
});

/** Applies a generated edit to `text`. */
export function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.min(text.length, Math.floor(e.at * text.length));
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}
