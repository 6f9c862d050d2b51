/**
 * `lint --format github`: one workflow command per finding, which GitHub turns into
 * annotations. Messages and properties are escaped as @actions/core escapes them, so
 * `%`, `,`, `:` and line breaks survive the trip.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, tempDir, cleanup } from '../fixtures/ci/cli';

/** Reverses @actions/core's escaping (for checking round trips). */
function unescape(value: string): string {
  return value.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** Splits `::level k=v,k=v::message` into its parts (properties still escaped). */
function parse(line: string): { level: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const props = Object.fromEntries(m[2].split(',').map((kv) => kv.split('=') as [string, string]));
  return { level: m[1], props, message: m[3] };
}

let dir: string;
const FILE = 'odd, name: 100%.md';

afterAll(cleanup);

beforeAll(() => {
  buildCli();
  dir = tempDir();
  writeFileSync(
    path.join(dir, '.alignment-terms.yaml'),
    ['extends: recommended', 'avoid:', '  - phrase: inner alignment failure', '    use: goal misgeneralization', '    reason: "100% sure, see: the style guide\\nsecond line"', ''].join('\n'),
  );
  writeFileSync(
    path.join(dir, FILE),
    ['---', 'alignment-terms:', '  inner-alignment: objective', '---', '', 'We saw an inner alignment failure, and the mesa optimizer was to blame.', ''].join('\n'),
  );
});

describe('lint --format github', () => {
  it('escapes %, CR and LF in messages and additionally : and , in properties', () => {
    const run = runCli(['lint', '--format', 'github', '.'], dir);
    const lines = run.stdout.trimEnd().split('\n');
    const json = JSON.parse(runCli(['lint', '--format', 'json', '.'], dir).stdout)[0].diagnostics as { rule: string; message: string; severity: string; line: number; column: number; endLine: number; endColumn: number }[];
    // One line per finding: no message breaks out of its command.
    expect(lines).toHaveLength(json.length);
    const avoid = lines.find((l) => l.includes('title=avoid-term'))!;
    expect(avoid).toContain('file=odd%2C name%3A 100%25.md,');
    expect(avoid).toContain('100%25 sure, see: the style guide%0Asecond line');
    lines.forEach((line, i) => {
      const { props, message } = parse(line);
      expect(unescape(props.file)).toBe(FILE);
      expect(unescape(props.title)).toBe(json[i].rule);
      expect(unescape(message)).toBe(json[i].message);
      expect(message).not.toMatch(/[\r\n]/);
      expect(Number(props.line)).toBe(json[i].line);
      expect(Number(props.col)).toBe(json[i].column);
      expect(Number(props.endLine)).toBe(json[i].endLine);
      expect(Number(props.endColumn)).toBe(json[i].endColumn);
    });
  });

  it('uses error for errors, warning for warnings and notice for info and hint', () => {
    const run = runCli(['lint', '--format', 'github', '.'], dir);
    const levels = Object.fromEntries(run.stdout.trimEnd().split('\n').map((l) => [parse(l).props.title, parse(l).level]));
    expect(levels['unknown-pin']).toBe('error');
    expect(levels['avoid-term']).toBe('warning');
    expect(levels['preferred-form']).toBe('notice');
    expect(run.code).toBe(1);
  });

  it('writes exactly this line for a known finding', () => {
    const run = runCli(['lint', '--format', 'github', '.'], dir);
    expect(run.stdout.split('\n')[0]).toBe(`::error file=odd%2C name%3A 100%25.md,line=3,col=20,endLine=3,endColumn=29,title=unknown-pin::unknown sense id 'objective' for inner-alignment in front matter; did you mean 'objective-focused'?`);
  });

  it('reports too many warnings as an error annotation', () => {
    const run = runCli(['lint', '--format', 'github', '--max-warnings', '0', '--quiet', '.'], dir);
    expect(run.stdout).not.toContain('Too many warnings');
    const loud = runCli(['lint', '--format', 'github', '--max-warnings', '0', '--config', path.join(dir, '.alignment-terms.yaml'), FILE], dir);
    expect(loud.stdout).toMatch(/^::error title=alignment-terms::Too many warnings: \d+ \(maximum: 0\)\.$/m);
  });
});
