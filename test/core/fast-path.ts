/**
 * Shared by the tests of the parser's fast paths (plain-paragraph.ts, simple-block.ts):
 * each reads some blocks without the parser and must give exactly the parser's reading.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * Checks every generated block with `agrees` (which asserts equality with the parser
 * for a block the fast path takes, and says whether it took it). The test means
 * something only if the fast path is exercised, and only if it declines too: it must
 * take a fair share, between a tenth and nine tenths.
 */
export function agreeAndTakeAFairShare(blocks: fc.Arbitrary<string>, agrees: (block: string) => boolean, seed: number, numRuns: number): void {
  let taken = 0;
  let runs = 0;
  fc.assert(
    fc.property(blocks, (block) => {
      runs++;
      if (agrees(block)) taken++;
    }),
    { seed, numRuns },
  );
  expect(taken / runs).toBeGreaterThan(0.1);
  expect(taken / runs).toBeLessThan(0.9);
}

/** Every Markdown file shipped in the repository: examples/, test/, docs/, README.md and ARCHITECTURE.md. */
export function repositoryMarkdownFiles(): string[] {
  const root = path.resolve(__dirname, '..', '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path.join(dir, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path.join(dir, entry.name));
    }
  };
  for (const dir of ['examples', 'test', 'docs']) walk(path.join(root, dir));
  files.push(path.join(root, 'README.md'), path.join(root, 'ARCHITECTURE.md'));
  return files;
}
