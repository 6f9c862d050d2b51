/**
 * The CLI reads each draft when its turn comes, or, once reads are slow, the next
 * drafts on the thread pool while it analyses the current one (cli/read-ahead.ts).
 * What is handed over must be the file's bytes; a file
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
  function draftsWithAMissingOne(): Job[] {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'at-read-ahead-'));
    const names = Array.from({ length: 20 }, (_, i) => (i === 7 ? 'missing.md' : `draft-${i}.md`));
    for (const name of names) if (name !== 'missing.md') writeFileSync(path.join(dir, name), contentOf(name));
    return jobsIn(dir, names);
  }
  const contentOf = (name: string) => `# ${name}\n\ninner alignment \u2019 ${'x'.repeat(name.length * 100)}\n`;

  it('reads each file when its turn comes while reads are quick, and nothing for a file it could not read', () => {
    const jobs = draftsWithAMissingOne();
    const reader = new ReadAhead(jobs, Infinity);
    for (const job of jobs) {
      const bytes = reader.take(job);
      expect(bytes instanceof Promise).toBe(false);
      if (job.shown === 'missing.md') expect(bytes).toBeUndefined();
      else expect((bytes as Buffer).toString('utf8')).toBe(contentOf(job.shown));
    }
  });

  it('once a read is slow, hands over each later file read ahead, as it is on disk, and nothing for a file it could not read', async () => {
    const jobs = draftsWithAMissingOne();
    const reader = new ReadAhead(jobs, 0);
    // The first read is done at once (and, slower than 0 ms, starts the reads ahead).
    expect((reader.take(jobs[0]) as Buffer).toString('utf8')).toBe(contentOf(jobs[0].shown));
    for (const job of jobs.slice(1)) {
      const taken = reader.take(job);
      expect(taken instanceof Promise).toBe(true);
      const bytes = await taken;
      if (job.shown === 'missing.md') expect(bytes).toBeUndefined();
      else expect(bytes?.toString('utf8')).toBe(contentOf(job.shown));
    }
  });

  it('hands over nothing once cleared (the jobs went to workers)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'at-read-ahead-'));
    const names = ['a.md', 'b.md', 'c.md'];
    for (const name of names) writeFileSync(path.join(dir, name), name);
    const jobs = jobsIn(dir, names);
    const reader = new ReadAhead(jobs, 0);
    reader.take(jobs[0]);
    reader.clear();
    expect(await reader.take(jobs[1])).toBeUndefined();
    expect(await reader.take(jobs[2])).toBeUndefined();
  });
});
