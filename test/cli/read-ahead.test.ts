/**
 * The CLI reads the next drafts on the thread pool while it analyses the current one
 * (cli/read-ahead.ts). What a read-ahead hands over must be the file's bytes; a file
 * it cannot read must come back as "not read", so the processor reads it itself and
 * reports the problem in its usual words; after clear() nothing is handed over.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../../server/src/cli/read-ahead';
import type { Job } from '../../server/src/cli/task';

function jobsIn(dir: string, names: string[]): Job[] {
  return names.map((name, index) => ({ index, absolute: path.join(dir, name), shown: name }));
}

describe('ReadAhead', () => {
  it('hands over each later file as it is on disk, and nothing for a file it could not read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'at-read-ahead-'));
    const names = Array.from({ length: 20 }, (_, i) => (i === 7 ? 'missing.md' : `draft-${i}.md`));
    for (const name of names) if (name !== 'missing.md') writeFileSync(path.join(dir, name), `# ${name}\n\ninner alignment \u2019 ${'x'.repeat(name.length * 100)}\n`);
    const jobs = jobsIn(dir, names);
    const ahead = new ReadAhead(jobs);
    // Nothing was read before the first job was taken.
    expect(ahead.take(jobs[0])).toBeUndefined();
    for (const job of jobs.slice(1)) {
      const bytes = await ahead.take(job);
      if (job.shown === 'missing.md') expect(bytes).toBeUndefined();
      else expect(bytes?.toString('utf8')).toBe(`# ${job.shown}\n\ninner alignment \u2019 ${'x'.repeat(job.shown.length * 100)}\n`);
    }
  });

  it('hands over nothing once cleared (the jobs went to workers)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'at-read-ahead-'));
    const names = ['a.md', 'b.md', 'c.md'];
    for (const name of names) writeFileSync(path.join(dir, name), name);
    const jobs = jobsIn(dir, names);
    const ahead = new ReadAhead(jobs);
    ahead.take(jobs[0]);
    ahead.clear();
    expect(await ahead.take(jobs[1])).toBeUndefined();
    expect(await ahead.take(jobs[2])).toBeUndefined();
  });
});
