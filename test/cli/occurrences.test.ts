/**
 * `alignment-terms occurrences --format json`: one JSON array, one entry per file,
 * every occurrence (ignored and mention ones included) in the contract's shape, with
 * 1-based lines and columns counted in UTF-16 code units.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cliAsync, FIXTURES, tempDir } from '../helpers/cli';

beforeAll(() => {
  buildCli();
});

interface Entry {
  file: string;
  occurrences: Record<string, unknown>[];
}

const occurrencesIn = async (dir: string, ...args: string[]): Promise<Entry[]> => {
  const run = await cliAsync(['occurrences', ...args, '--format', 'json'], dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Entry[];
};

/** One folder of small files for the position tests, listed by one run. */
let positions: Promise<Entry[]>;
beforeAll(() => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'a.md'), 'x \u{1F642} inner alignment\r\ncafe\u0301\tmesa-optimizer\router\r\nalignment\n');
  writeFileSync(path.join(dir, 'bom.md'), '\uFEFFinner alignment\n');
  writeFileSync(path.join(dir, 'empty.md'), '');
  writeFileSync(path.join(dir, 'plain.md'), 'Nothing to see.\n');
  positions = occurrencesIn(dir, '.');
});
const positionsOf = async (file: string) => (await positions).find((e) => e.file === file)!.occurrences.map((o) => [o.text, o.line, o.column, o.endLine, o.endColumn]);

describe.concurrent('occurrences --format json', () => {
  it('has the contract example shape, and lists every status', async () => {
    const [entry, ...rest] = await occurrencesIn(path.join(FIXTURES, 'occurrences'), 'drafts');
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

  it('one entry per file of a walked folder, in path order', async () => {
    const entries = await occurrencesIn(FIXTURES, 'clean');
    expect(entries.map((e) => [e.file, e.occurrences.length])).toEqual([
      ['clean/plain.md', 3],
      ['clean/settled.md', 3],
    ]);
  });

  it('columns count UTF-16 code units, lines split at CRLF and lone CR', async () => {
    expect(await positionsOf('a.md')).toEqual([
      ['inner alignment', 1, 6, 1, 21],
      ['mesa-optimizer', 2, 7, 2, 21],
      // A term broken across lines starts on its first line.
      ['outer alignment', 3, 1, 4, 10],
    ]);
  });

  // A BOM is not a character the writer sees: editors (VS Code, and so LSP) report
  // the first word of a file with a BOM at column 1, and so does the CLI.
  it('a BOM does not shift the columns of the first line', async () => {
    expect(await positionsOf('bom.md')).toEqual([['inner alignment', 1, 1, 1, 16]]);
  });

  it('an empty or term-free file has an empty list', async () => {
    expect(await positionsOf('empty.md')).toEqual([]);
    expect(await positionsOf('plain.md')).toEqual([]);
  });

  it('exit 2 for an unknown format or a missing file', async () => {
    const [format, missing] = await Promise.all([cliAsync(['occurrences', 'drafts', '--format', 'stylish']), cliAsync(['occurrences', 'nope.md', '--format', 'json'])]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('stylish');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.md');
  });
});
