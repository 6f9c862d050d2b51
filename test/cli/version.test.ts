/**
 * The version the CLI prints, writes into SARIF logs and mixes into every cache key
 * (cli/version.ts) is the package's: a release that bumped one and not the other
 * would report the wrong version and reuse the old version's cache entries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../server/src/cli/version';
import { buildCli, cliAsync, ROOT } from '../helpers/cli';

beforeAll(() => {
  buildCli();
});

describe('version', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

  it("is package.json's version", () => {
    expect(VERSION).toBe(manifest.version);
  });

  it('--version prints it and exits 0', async () => {
    const run = await cliAsync(['--version']);
    expect({ code: run.code, stdout: run.stdout.trim() }).toEqual({ code: 0, stdout: manifest.version });
  });
});
