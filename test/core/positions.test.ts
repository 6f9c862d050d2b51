/**
 * Positions: one module (core/positions.ts) turns UTF-16 offsets into lines and
 * columns, 0-based for LSP and 1-based for the CLI. Lines end at \n, \r\n or a lone
 * \r (as LSP says); columns count UTF-16 code units, so an emoji is two and a
 * combining mark is one of its own.
 */
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../server/src/core';
import { check } from '../helpers/check';

describe('LineIndex', () => {
  it('splits lines at \\n, \\r\\n and a lone \\r', () => {
    const lines = new LineIndex('a\nbb\r\nccc\rd');
    expect([...lines.lineStarts]).toEqual([0, 2, 6, 10]);
    expect(lines.lineCount).toBe(4);
    // the \r\n pair belongs to line 1: its \n is not the start of a line of its own
    expect(lines.lineOf(4)).toBe(1);
    expect(lines.lineOf(5)).toBe(1);
    expect(lines.lineOf(6)).toBe(2);
  });

  it('gives 0-based LSP positions and 1-based CLI positions for the same offset', () => {
    const lines = new LineIndex('first\r\nsecond line');
    const offset = 'first\r\nsecond '.length;
    expect(lines.toLsp(offset)).toEqual({ line: 1, character: 7 });
    expect(lines.toLineColumn(offset)).toEqual({ line: 2, column: 8 });
    expect(lines.toOffset({ line: 1, character: 7 })).toBe(offset);
  });

  it('counts a tab as one column', () => {
    const lines = new LineIndex('\t\tinner');
    expect(lines.toLineColumn(2)).toEqual({ line: 1, column: 3 });
  });

  it('counts an emoji (a surrogate pair) as two columns, like LSP', () => {
    const text = 'x \u{1F642} inner';
    const lines = new LineIndex(text);
    expect(lines.toLsp(text.indexOf('inner'))).toEqual({ line: 0, character: 5 });
  });

  it('counts a combining mark as a column of its own', () => {
    const text = 'cafe\u0301 inner';
    expect(new LineIndex(text).toLineColumn(text.indexOf('inner'))).toEqual({ line: 1, column: 7 });
  });

  it('counts a BOM at the start of the text as one code unit', () => {
    // The engine's offsets index the text it was given; faces that strip a BOM do so before.
    expect(new LineIndex('\uFEFFinner').toLsp(1)).toEqual({ line: 0, character: 1 });
  });

  it('clamps offsets and positions outside the text', () => {
    const lines = new LineIndex('ab\ncd');
    expect(lines.toLsp(-5)).toEqual({ line: 0, character: 0 });
    expect(lines.toLsp(99)).toEqual({ line: 1, character: 2 });
    expect(lines.toOffset({ line: 0, character: 99 })).toBe(2); // end of line 0, before its \n
    expect(lines.toOffset({ line: 7, character: 0 })).toBe(5);
    expect(lines.toOffset({ line: -1, character: 3 })).toBe(0);
  });

  it('knows where a line ends, before its line break', () => {
    const lines = new LineIndex('ab\r\ncd\ref\n');
    expect([0, 1, 2, 3].map((l) => lines.lineEnd(l))).toEqual([2, 6, 9, 10]);
  });

  it('gives a text ending in a newline an empty last line', () => {
    expect(new LineIndex('a\n').lineCount).toBe(2);
    expect(new LineIndex('').lineCount).toBe(1);
  });

  it('reports the line break a text uses, for edits that add lines', () => {
    expect(new LineIndex('a\r\nb').eol).toBe('\r\n');
    expect(new LineIndex('a\nb').eol).toBe('\n');
    expect(new LineIndex('one line').eol).toBe('\n');
  });
});

describe('occurrence spans stay exact (UTF-16 offsets into the text as given)', () => {
  it('after CRLF line breaks', () => {
    check.spans('First line.\r\nSecond line with ⟦inner alignment⟧.\r\n');
  });

  it('after a lone CR', () => {
    check.spans('Old Mac text.\rThen ⟦outer alignment⟧.');
  });

  it('after tabs', () => {
    check.spans('Columns:\tone\ttwo\t⟦inner misalignment⟧.\n- item\t⟦mesa-optimizer⟧');
  });

  it('after a BOM', () => {
    check.spans('\uFEFF⟦Inner alignment⟧ opens the file.');
  });

  it('after emoji (surrogate pairs), in the same line and after it', () => {
    check.spans('\u{1F642}\u{1F680} ⟦inner alignment⟧ and \u{1F9E0}\n⟦mesa-optimizers⟧');
  });

  it('after combining marks', () => {
    check.spans('Ne\u0301e and cafe\u0301: ⟦outer misalignment⟧.');
  });

  it('of a term broken across a CRLF line break, from its first word to its last', () => {
    const [occurrence] = check.spans('The ⟦inner\r\nalignment⟧ problem.');
    expect(occurrence.text).toBe('inner alignment');
  });
});
