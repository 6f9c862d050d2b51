/**
 * `alignment-terms occurrences --format json`: one JSON array, one entry per file,
 * every occurrence (ignored and mention ones included) in the contract's shape, with
 * 1-based lines and columns counted in UTF-16 code units.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, FIXTURES, tempDir } from '../helpers/cli';

beforeAll(() => {
  buildCli();
});

interface Entry {
  file: string;
  occurrences: Record<string, unknown>[];
}

const occurrencesIn = (dir: string, ...args: string[]): Entry[] => {
  const run = cli(['occurrences', ...args, '--format', 'json'], dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Entry[];
};

describe('occurrences --format json', () => {
  it('has the contract example shape, and lists every status', () => {
    const [entry, ...rest] = occurrencesIn(path.join(FIXTURES, 'occurrences'), 'drafts');
    expect(rest).toEqual([]);
    expect(entry.file).toBe('drafts/post.md');
    for (const o of entry.occurrences) {
      expect(Object.keys(o).sort()).toEqual(['column', 'endColumn', 'endLine', 'likelySense', 'line', 'sense', 'status', 'term', 'text', 'via']);
    }
    // The contract's own example entry.
    expect(entry.occurrences[1]).toEqual({
      term: 'inner-alignment',
      text: 'inner misalignment',
      line: 12,
      column: 5,
      endLine: 12,
      endColumn: 23,
      status: 'ambiguous',
      sense: null,
      likelySense: 'generalization-focused',
      via: null,
    });
    expect(entry.occurrences.map((o) => [o.line, o.text, o.status, o.sense, o.via])).toEqual([
      [10, 'inner alignment', 'ignored', null, null],
      [12, 'inner misalignment', 'ambiguous', null, null],
      [15, 'inner alignment', 'mention', null, null],
      [15, 'Outer alignment', 'pinned', 'objective-function', 'frontmatter'],
      [16, 'inner alignment', 'qualified', 'objective-focused', 'qualifier'],
      [17, 'mesa-optimizer', 'settled', 'default', null],
      [19, 'base objective', 'defined', 'default', 'definition'],
    ]);
  });

  it('one entry per file of a walked folder, in path order', () => {
    const entries = occurrencesIn(FIXTURES, 'clean');
    expect(entries.map((e) => [e.file, e.occurrences.length])).toEqual([
      ['clean/plain.md', 3],
      ['clean/settled.md', 3],
    ]);
  });

  it('columns count UTF-16 code units, lines split at CRLF and lone CR', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), 'x \u{1F642} inner alignment\r\ncafe\u0301\tmesa-optimizer\router\r\nalignment\n');
    const [entry] = occurrencesIn(dir, 'a.md');
    expect(entry.occurrences.map((o) => [o.text, o.line, o.column, o.endLine, o.endColumn])).toEqual([
      ['inner alignment', 1, 6, 1, 21],
      ['mesa-optimizer', 2, 7, 2, 21],
      // A term broken across lines starts on its first line.
      ['outer alignment', 3, 1, 4, 10],
    ]);
  });

  // BUG (CLI, server/src/cli/read.ts keeps the BOM in the text): a BOM is not a
  // character the writer sees, and editors (VS Code, and so LSP) report the first
  // word of a file with a BOM at column 1; the CLI reports column 2.
  it.fails('a BOM does not shift the columns of the first line', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bom.md'), '\uFEFFinner alignment\n');
    const [entry] = occurrencesIn(dir, 'bom.md');
    expect(entry.occurrences.map((o) => [o.line, o.column, o.endColumn])).toEqual([[1, 1, 16]]);
  });

  it('an empty or term-free file has an empty list', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'empty.md'), '');
    writeFileSync(path.join(dir, 'plain.md'), 'Nothing to see.\n');
    expect(occurrencesIn(dir, '.')).toEqual([
      { file: 'empty.md', occurrences: [] },
      { file: 'plain.md', occurrences: [] },
    ]);
  });

  it('exit 2 for an unknown format or a missing file', () => {
    const format = cli(['occurrences', 'drafts', '--format', 'stylish']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('stylish');
    const missing = cli(['occurrences', 'nope.md', '--format', 'json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.md');
  });
});
