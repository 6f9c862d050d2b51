/**
 * `alignment-terms graph [FILE] [--format svg|mermaid|dot] [--output FILE]` through
 * the built binary: formats, the draft's highlights under the glossary that applies,
 * --output (atomic, format from the extension), and usage errors (exit 2).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, snapshotTree, tempDir } from '../helpers/cli';

const DRAFT = '---\nalignment-terms:\n  inner-alignment: objective-focused\n---\nA mesa-optimizer can be inner misaligned. Outer alignment is another matter.\n';

let dir: string;
beforeAll(() => {
  buildCli();
  dir = tempDir();
  writeFileSync(path.join(dir, 'post.md'), DRAFT);
});

// Every run is read-only or writes to its own folder, so the runs may overlap.
describe.concurrent('graph', () => {
  it('without a draft: the registry as SVG on stdout', async () => {
    const run = await cli(['graph'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    expect(run.stdout).toContain('Hubinger 2020: impact alignment via intent alignment');
    expect(run.stdout).toContain('Hubinger 2020: impact alignment via robustness');
    expect(run.stdout).not.toContain('this draft');
  });

  it('with a draft: its terms highlighted, captioned with their senses', async () => {
    const run = await cli(['graph', 'post.md', '--format', 'mermaid'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('title: "Concept map of post.md"');
    expect(run.stdout).toContain('c0_inner_alignment["inner alignment<br/>objective-focused (pinned)"]');
    expect(run.stdout).toContain('c0_outer_alignment["outer alignment<br/>ambiguous"]');
    expect(run.stdout).toMatch(/class [a-z0-9_,]*c0_outer_alignment\b[a-z0-9_,]* ambiguous/);
  });

  it('--format dot prints a digraph', async () => {
    const run = await cli(['graph', 'post.md', '-f', 'dot'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('digraph concept_map {\n')).toBe(true);
    expect(run.stdout).toContain('color="#1a7f37", penwidth=3');
  });

  it('uses the glossary that applies to the draft: a team\'s framework and pins', async () => {
    const team = tempDir();
    mkdirSync(path.join(team, 'docs'));
    writeFileSync(path.join(team, '.alignment-terms.yaml'), 'extends: recommended\npin:\n  outer-alignment: training-signal\nterms:\n  corrigibility:\n    forms: [corrigibility]\nimplications:\n  - { id: c, framework: our-lab, all: [corrigibility], gives: intent-alignment }\n');
    writeFileSync(path.join(team, 'docs', 'note.md'), 'Outer alignment and corrigibility.\n');
    const run = await cli(['graph', 'docs/note.md', '--format', 'mermaid'], team);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('subgraph c3["our-lab"]');
    expect(run.stdout).toContain('outer alignment<br/>training-signal (pinned)');
    expect(run.stdout).toContain('corrigibility<br/>settled');
    // Without a draft, the glossary of the current folder.
    expect((await cli(['graph', '--format', 'mermaid'], team)).stdout).toContain('subgraph c3["our-lab"]');
  });

  it('--output writes the file atomically, in the format its extension names', async () => {
    const out = tempDir();
    const svg = await cli(['graph', path.join(dir, 'post.md'), '--output', 'map.svg'], out);
    expect(svg.code).toBe(0);
    expect(svg.stdout).toBe('');
    expect(XMLValidator.validate(readFileSync(path.join(out, 'map.svg'), 'utf8'))).toBe(true);
    expect((await cli(['graph', '-o', 'map.dot'], out)).code).toBe(0);
    expect(readFileSync(path.join(out, 'map.dot'), 'utf8')).toMatch(/^digraph /);
    expect((await cli(['graph', '-o', 'map.mmd'], out)).code).toBe(0);
    expect(readFileSync(path.join(out, 'map.mmd'), 'utf8')).toMatch(/^---\ntitle: /);
    // Markdown gets a fence, so the file renders on GitHub as is.
    expect((await cli(['graph', '-o', 'map.md'], out)).code).toBe(0);
    expect(readFileSync(path.join(out, 'map.md'), 'utf8')).toMatch(/^```mermaid\n---\n[\s\S]*\n```\n$/);
    // An explicit --format wins over the extension.
    expect((await cli(['graph', '-o', 'other.txt', '--format', 'dot'], out)).code).toBe(0);
    expect(readFileSync(path.join(out, 'other.txt'), 'utf8')).toMatch(/^digraph /);
  });

  it('never writes to the draft or its folder', async () => {
    const before = snapshotTree(dir);
    for (const format of ['svg', 'mermaid', 'dot']) expect((await cli(['graph', 'post.md', '--format', format], dir)).code).toBe(0);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('an unknown format is a usage error (exit 2), one line on stderr', async () => {
    const run = await cli(['graph', 'post.md', '--format', 'png'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("alignment-terms: unknown format 'png' for graph; expected svg, mermaid or dot\n");
  });

  it('more than one draft, a missing draft, a broken glossary: exit 2 with a clear message', async () => {
    const two = await cli(['graph', 'a.md', 'b.md'], dir);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe('alignment-terms: graph takes at most one draft, e.g. alignment-terms graph post.md (got 2)\n');

    const missing = await cli(['graph', 'nope.md'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^alignment-terms: cannot read .*nope\.md: /);
    expect(missing.stderr.split('\n')).toHaveLength(2);

    const broken = tempDir();
    writeFileSync(path.join(broken, '.alignment-terms.yaml'), 'pin:\n  inner-alignment: nonsense\n');
    writeFileSync(path.join(broken, 'post.md'), DRAFT);
    const run = await cli(['graph', 'post.md'], broken);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.alignment-terms.yaml:2:');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--output to a folder that does not exist is a usage error; nothing is half-written', async () => {
    const run = await cli(['graph', '-o', 'no/such/folder/map.svg'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^alignment-terms: --output: cannot write /);
  });

  it('lists itself in --help', async () => {
    expect((await cli(['--help'], dir)).stdout).toContain('graph [FILE] [--format svg|mermaid|dot] [--output FILE]');
    const help = await cli(['graph', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--output FILE');
  });
});
