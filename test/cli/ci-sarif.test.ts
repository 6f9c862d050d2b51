/**
 * `lint --format sarif` as code scanning consumes it: valid against the official
 * SARIF 2.1.0 schema (vendored in test/fixtures/sarif), one run whose driver lists
 * every rule, and results carrying rule, level, message, a %SRCROOT%-relative URI,
 * a UTF-16 region and the safe fixes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, FIXTURES, runCli, tempDir, cleanup } from '../fixtures/ci/cli';

const ALL_RULES = path.join(FIXTURES, 'all-rules');
const schema = JSON.parse(readFileSync(path.join(FIXTURES, '../sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema is draft-04. One of its patterns (the language tag) is not a valid
// Unicode-mode regular expression, so patterns are compiled as plain ones.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

afterAll(cleanup);

beforeAll(() => {
  buildCli();
});

describe('lint --format sarif', () => {
  let log: Sarif.Log;
  let code: number;

  beforeAll(() => {
    const run = runCli(['lint', '--format', 'sarif', '.'], ALL_RULES);
    code = run.code;
    log = JSON.parse(run.stdout);
  });

  it('is valid SARIF 2.1.0 for a multi-file run with every rule', () => {
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(code).toBe(1); // the unknown pin is an error
  });

  it('lists every rule in the driver, each with a help URI and a default level, and reports a result for each', () => {
    const run = log.runs[0];
    const driver = run.tool.driver;
    expect(driver.name).toBe('alignment-terms');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const ids = driver.rules!.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['ambiguous-term', 'sense-drift', 'claim-check', 'preferred-form', 'avoid-term', 'unknown-pin']));
    for (const rule of driver.rules!) {
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.helpUri).toMatch(new RegExp(`^https://.*#${rule.id}$`));
      expect(['error', 'warning', 'note', 'none']).toContain(rule.defaultConfiguration?.level);
    }
    const reported = new Set(run.results!.map((r) => r.ruleId));
    expect([...reported].sort()).toEqual([...ids].sort());
    for (const result of run.results!) expect(driver.rules![result.ruleIndex!].id).toBe(result.ruleId);
  });

  it('gives each result a level, message and a relative location under %SRCROOT% with a UTF-16 region', () => {
    const run = log.runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    const uris = new Set(run.results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri));
    expect([...uris].sort()).toEqual(['pinned.md', 'team%20notes/broken-pin.md', 'team%20notes/claims%20and%20spelling.md']);
    for (const result of run.results!) {
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toBeTruthy();
      expect(result.locations![0].physicalLocation!.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
    }
    const pin = run.results!.find((r) => r.ruleId === 'unknown-pin')!;
    expect(pin.level).toBe('error');
    expect(pin.locations![0].physicalLocation!.region).toEqual({ startLine: 3, startColumn: 20, endLine: 3, endColumn: 28 });
    // "🙂 Whether inner⏎alignment": the emoji is two UTF-16 code units, and the term spans two lines.
    const broken = run.results!.find((r) => r.locations![0].physicalLocation!.region!.startLine === 10)!;
    expect(broken.locations![0].physicalLocation!.region).toEqual({ startLine: 10, startColumn: 12, endLine: 11, endColumn: 10 });
  });

  it('carries the safe fixes as replacements', () => {
    const spelling = log.runs[0].results!.find((r) => r.ruleId === 'preferred-form')!;
    const change = spelling.fixes![0].artifactChanges[0];
    expect(change.artifactLocation.uri).toBe('team%20notes/claims%20and%20spelling.md');
    expect(change.replacements[0]).toEqual({ deletedRegion: { startLine: 5, startColumn: 3, endLine: 5, endColumn: 17 }, insertedContent: { text: 'mesa-optimizer' } });
  });

  it('writes the same log to --output FILE, leaving stdout empty', () => {
    const out = path.join(tempDir(), 'report.sarif');
    const run = runCli(['lint', '--format', 'sarif', '--output', out, '.'], ALL_RULES);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(log);
  });

  it('is valid with no findings at all (an empty results list)', () => {
    const run = runCli(['lint', '--format', 'sarif', 'pinned.md', '--config', path.join(FIXTURES, 'all-rules/.alignment-terms.yaml'), '--quiet'], ALL_RULES);
    const empty: Sarif.Log = JSON.parse(run.stdout);
    expectValid(empty);
    expect(empty.runs[0].results).toEqual([]);
    expect(run.code).toBe(0);
  });
});
