/**
 * The editor's glossary edits ("Pin this sense for the whole workspace", "Add this
 * phrase to the house avoid list") produce byte-exact files: the new entry where a
 * person would put it, and every other byte (comments, order, quoting, blank lines,
 * line endings) as it was. A file that does not parse is left alone, with the reason.
 */
import { describe, expect, it } from 'vitest';
import { applyTextEdits, avoidInGlossary, GLOSSARY_HEADER, pinInGlossary, type GlossaryEdit } from '../../server/src/core/glossary/edit';
import { problemsOf } from '../fixtures/glossary/memory';

/** The new text, checked to be what the edits produce and a valid glossary. */
function after(edit: GlossaryEdit, before: string | undefined): string {
  if (!edit.ok) throw new Error(`refused: ${edit.message}`);
  expect(applyTextEdits(before ?? '', edit.edits)).toBe(edit.text);
  expect(problemsOf(edit.text)).toEqual([]);
  return edit.text;
}

const pin = (before: string | undefined) => after(pinInGlossary(before, 'outer-alignment', 'objective-function'), before);

describe('pin this sense for the whole workspace', () => {
  it('no glossary: creates one with the comment header', () => {
    const edit = pinInGlossary(undefined, 'inner-alignment', 'objective-focused');
    expect(edit.ok && edit.create).toBe(true);
    expect(after(edit, undefined)).toBe(`${GLOSSARY_HEADER}\nextends: recommended\npin:\n  inner-alignment: objective-focused\n`);
    expect(GLOSSARY_HEADER.split('\n').every((line) => line.startsWith('# '))).toBe(true);
  });

  it('an empty file', () => {
    const edit = pinInGlossary('', 'outer-alignment', 'objective-function');
    expect(edit.ok && edit.create).toBe(false);
    expect(pin('')).toBe('pin:\n  outer-alignment: objective-function\n');
  });

  it('a file of comments only', () => {
    expect(pin('# our glossary\n')).toBe('# our glossary\npin:\n  outer-alignment: objective-function\n');
  });

  it('a file without pin: a pin block at the end, indented like the file', () => {
    expect(pin('extends: recommended\n\n# stricter than the default\nrules:\n    ambiguous-term: error # CI fails on these\n')).toBe(
      'extends: recommended\n\n# stricter than the default\nrules:\n    ambiguous-term: error # CI fails on these\npin:\n    outer-alignment: objective-function\n',
    );
  });

  it('a file without a final line break', () => {
    expect(pin('extends: strict')).toBe('extends: strict\npin:\n  outer-alignment: objective-function\n');
  });

  it('a pin block map: a new line after the last entry, before the comments that follow it', () => {
    const before = [
      '# House senses',
      'pin:',
      '  # what our posts mean by inner',
      '  inner-alignment: objective-focused   # see the style guide',
      '  # outer-alignment: training-signal  (discussed, not adopted)',
      '',
      'rules:',
      '  ambiguous-term: error',
      '',
    ].join('\n');
    expect(pin(before)).toBe(
      [
        '# House senses',
        'pin:',
        '  # what our posts mean by inner',
        '  inner-alignment: objective-focused   # see the style guide',
        '  outer-alignment: objective-function',
        '  # outer-alignment: training-signal  (discussed, not adopted)',
        '',
        'rules:',
        '  ambiguous-term: error',
        '',
      ].join('\n'),
    );
  });

  it('a pin flow map: the entry goes inside the braces', () => {
    expect(pin('pin: { inner-alignment: objective-focused }  # house\n')).toBe('pin: { inner-alignment: objective-focused, outer-alignment: objective-function }  # house\n');
    expect(pin('pin: {inner-alignment: objective-focused}\n')).toBe('pin: {inner-alignment: objective-focused, outer-alignment: objective-function}\n');
    expect(pin('pin: {}\n')).toBe('pin: { outer-alignment: objective-function }\n');
  });

  it('an existing pin of the term: only its sense changes, comments stay', () => {
    expect(pin('pin:\n  outer-alignment: training-signal # adopted 2024\n  inner-alignment: objective-focused\n')).toBe('pin:\n  outer-alignment: objective-function # adopted 2024\n  inner-alignment: objective-focused\n');
    expect(pin('pin: { outer-alignment: "training-signal" }\n')).toBe('pin: { outer-alignment: objective-function }\n');
  });

  it('the same pin already there: no edit', () => {
    const edit = pinInGlossary('pin:\n  outer-alignment: objective-function\n', 'outer-alignment', 'objective-function');
    expect(edit).toEqual({ ok: true, create: false, edits: [], text: 'pin:\n  outer-alignment: objective-function\n' });
  });

  it('pin: with its entries commented out, or an explicit null', () => {
    expect(pin('pin:   # house senses\n  # inner-alignment: objective-focused\nrules: {}\n')).toBe('pin:   # house senses\n  outer-alignment: objective-function\n  # inner-alignment: objective-focused\nrules: {}\n');
    expect(pin('pin: ~\n')).toBe('pin: { outer-alignment: objective-function }\n');
  });

  it('CRLF line endings stay CRLF', () => {
    expect(pin('extends: recommended\r\npin:\r\n  inner-alignment: objective-focused\r\n')).toBe('extends: recommended\r\npin:\r\n  inner-alignment: objective-focused\r\n  outer-alignment: objective-function\r\n');
    expect(pin('extends: recommended\r\n')).toBe('extends: recommended\r\npin:\r\n  outer-alignment: objective-function\r\n');
  });

  it('a flow-style glossary', () => {
    expect(pin('{ extends: recommended }\n')).toBe('{ extends: recommended, pin: { outer-alignment: objective-function } }\n');
  });

  it('the starter glossary written by init', async () => {
    const { starterGlossary } = await import('../../server/src/core/glossary/starter');
    const before = starterGlossary();
    const text = pin(before);
    expect(text).toBe(before.replace('pin:\n  # inner-alignment: objective-focused\n', 'pin:\n  outer-alignment: objective-function\n  # inner-alignment: objective-focused\n'));
  });

  it('a glossary it cannot edit safely is left alone, with the reason', () => {
    expect(pinInGlossary('pin:\n  inner-alignment: [objective-focused\n', 'outer-alignment', 'objective-function')).toEqual({
      ok: false,
      message: 'the glossary is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1); fix it first',
    });
    expect(pinInGlossary('pin: objective-focused\n', 'outer-alignment', 'objective-function')).toEqual({ ok: false, message: "'pin' in the glossary is not a map (term: sense); fix it first" });
    expect(pinInGlossary('- a\n', 'outer-alignment', 'objective-function')).toEqual({ ok: false, message: 'the glossary is not a map of keys; fix it first' });
    expect(pinInGlossary('rules: {}\n---\npin: {}\n', 'outer-alignment', 'objective-function').ok).toBe(false);
  });
});

describe('add this phrase to the house avoid list', () => {
  const entry = { phrase: 'inner alignment failure', use: 'goal misgeneralization', reason: 'we keep "inner" for mesa-optimizers: see #12' };
  const avoid = (before: string | undefined) => after(avoidInGlossary(before, entry), before);

  it('no glossary: creates one with the comment header', () => {
    expect(avoid(undefined)).toBe(`${GLOSSARY_HEADER}\nextends: recommended\navoid:\n  - phrase: inner alignment failure\n    use: goal misgeneralization\n    reason: 'we keep "inner" for mesa-optimizers: see #12'\n`);
  });

  it('a file without avoid', () => {
    expect(avoid('extends: recommended\n')).toBe(`extends: recommended\navoid:\n  - phrase: inner alignment failure\n    use: goal misgeneralization\n    reason: 'we keep "inner" for mesa-optimizers: see #12'\n`);
  });

  it('an avoid list: appended after the last item, in its indentation', () => {
    expect(avoid('avoid:\n  - phrase: sharp left turn   # too vague\n    reason: say what generalizes\n# end of list\nignore: []\n')).toBe(
      `avoid:\n  - phrase: sharp left turn   # too vague\n    reason: say what generalizes\n  - phrase: inner alignment failure\n    use: goal misgeneralization\n    reason: 'we keep "inner" for mesa-optimizers: see #12'\n# end of list\nignore: []\n`,
    );
    expect(avoid('avoid:\n- phrase: sharp left turn\n')).toBe(`avoid:\n- phrase: sharp left turn\n- phrase: inner alignment failure\n  use: goal misgeneralization\n  reason: 'we keep "inner" for mesa-optimizers: see #12'\n`);
  });

  it('a flow list', () => {
    expect(avoid('avoid: [ { phrase: sharp left turn } ]\n')).toBe('avoid: [ { phrase: sharp left turn }, { phrase: inner alignment failure, use: goal misgeneralization, reason: "we keep \\"inner\\" for mesa-optimizers: see #12" } ]\n');
    expect(avoid('avoid: []\n')).toBe('avoid: [ { phrase: inner alignment failure, use: goal misgeneralization, reason: "we keep \\"inner\\" for mesa-optimizers: see #12" } ]\n');
  });

  it('a phrase already on the list, in any spelling: no edit', () => {
    const before = 'avoid:\n  - phrase: Inner-Alignment failure\n';
    expect(avoidInGlossary(before, entry)).toEqual({ ok: true, create: false, edits: [], text: before });
  });

  it('only a phrase: no use, no reason; words YAML would misread are quoted', () => {
    expect(after(avoidInGlossary('avoid:\n', { phrase: 'null' }), 'avoid:\n')).toBe('avoid:\n  - phrase: "null"\n');
    expect(after(avoidInGlossary('', { phrase: 'reward: hacking' }), '')).toBe('avoid:\n  - phrase: "reward: hacking"\n');
  });
});
