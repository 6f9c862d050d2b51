/**
 * `--format json` and `occurrences` stream their array: the text must be exactly
 * the entries' JSON.stringify, one per line, written in pieces small enough that a
 * draft with a huge number of findings never needs one giant string.
 */
import { describe, expect, it } from 'vitest';
import { arrayFormatter, jsonFormatter } from '../../server/src/cli/format/json';
import { piecesOf, type Formatter } from '../../server/src/cli/format/types';
import type { FileResult } from '../../server/src/cli/results';

const totals = { error: 0, warning: 0, info: 0, hint: 0, files: 0, tooManyWarnings: false };

/** Everything a formatter writes for `results`, piece by piece. */
function pieces(formatter: Formatter, results: FileResult[]): string[] {
  const out = [formatter.begin()];
  for (const result of results) {
    out.push(...piecesOf(formatter.file(result)));
  }
  out.push(formatter.end(totals));
  return out;
}

/** The whole report as the formatter must write it: compact JSON, one file's entry per line. */
function report(entries: unknown[]): string {
  const text = entries.length ? `[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]\n` : '[]\n';
  // It is the same array as one JSON.stringify.
  expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(entries)));
  return text;
}

function diagnostic(i: number) {
  return {
    rule: 'ambiguous-term',
    severity: 'warning',
    message: `"inner alignment" is ambiguous (use ${i}): quotes ", backslashes \\ and\nnewlines`,
    line: i + 1,
    column: 3,
    endLine: i + 1,
    endColumn: 18,
    fixes: [
      { title: 'Pin inner alignment to "objective-focused"', safe: false, edits: [{ start: 0, end: 0, text: '---\n' }] },
      { title: 'Qualify this use', safe: false, edits: [] },
    ],
  };
}

function file(name: string, diagnostics: unknown[]): FileResult {
  return { file: name, absolute: `/x/${name}`, diagnostics, occurrences: [] } as unknown as FileResult;
}

describe('the JSON report', () => {
  it('is the entries as compact JSON, one per line, for none, empty and nested results', () => {
    const cases: FileResult[][] = [[], [file('a.md', [])], [file('a.md', [diagnostic(0)]), file('b.md', []), file('c "quoted".md', [diagnostic(1), diagnostic(2)])]];
    for (const results of cases) {
      const expected = report(results.map((r) => ({ file: r.file, diagnostics: r.diagnostics })));
      expect(pieces(jsonFormatter(), results).join('')).toBe(expected);
    }
  });

  it('leaves out keys JSON.stringify leaves out, and writes other values as it does', () => {
    const entries = [{ file: 'a.md', gone: undefined, list: [1, undefined, { x: [] }], nested: { deep: [[1, 2], []] }, text: 'line\nbreak' }];
    const formatter = arrayFormatter((r) => entries[Number(r.file)]);
    expect(pieces(formatter, [file('0', [])]).join('')).toBe(report(entries));
  });

  it('writes a file with 20,000 findings in pieces of about 64 KB, not as one string', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => diagnostic(i));
    const written = pieces(jsonFormatter(), [file('big.md', many)]);
    expect(written.join('')).toBe(report([{ file: 'big.md', diagnostics: many }]));
    const longestFinding = Math.max(...many.map((d) => JSON.stringify(d).length));
    expect(written.length).toBeGreaterThan(50);
    expect(Math.max(...written.map((p) => p.length))).toBeLessThanOrEqual(64 * 1024 + longestFinding + 200);
  });
});
