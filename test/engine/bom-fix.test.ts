import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli';

describe('a draft with a byte-order mark', () => {
  it('keeps its BOM when --fix writes it, and the fix lands where the columns said', () => {
    const dir = tempDir();
    const file = path.join(dir, 'post.md');
    writeFileSync(file, '\uFEFFThe inner alignment question stays open.\n');
    const run = cli(['lint', '--fix-pin', 'inner-alignment=objective-focused', '--fix', 'post.md'], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('\uFEFF---\nalignment-terms:\n  inner-alignment: objective-focused\n---\n\nThe inner alignment question stays open.\n');
  });
});
