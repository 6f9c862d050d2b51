/**
 * Glossary fuzzing: random and truncated YAML, wrong types at every path, huge files,
 * nesting 10,000 deep, `extends` cycles and escapes, alias bombs. Loading and
 * compiling (in memory, as the CLI and the server do) must never throw or hang, and a
 * glossary that is not usable must come back with positioned problems: a file, a
 * 1-based line and column inside that file, and a one-line message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { compileRegistry, loadGlossary } from '../../server/src/core';
import type { ConfigProblem } from '../../server/src/core/types';
import { hostileString } from './generators';

const ENTRY = '/repo/.alignment-terms.yaml';
/** Loose: a case taking this long is a hang, not slowness (the figures are in bench/). */
const HANG_MS = 5_000;

/** Loads and compiles `files` from ENTRY; fails on a throw, a hang or a malformed problem. */
function load(files: Record<string, string>): ConfigProblem[] {
  const started = performance.now();
  const loaded = loadGlossary({ readFile: (p) => files[p] }, ENTRY, { boundary: '/repo' });
  const compiled = compileRegistry(loaded.glossary);
  const elapsed = performance.now() - started;
  expect(elapsed, 'loading took longer than a hang bound').toBeLessThan(HANG_MS);
  const problems = [...loaded.problems, ...compiled.problems];
  for (const p of problems) {
    const text = files[p.file];
    expect(typeof p.file).toBe('string');
    expect(Number.isInteger(p.line) && p.line >= 1, `line of ${JSON.stringify(p)}`).toBe(true);
    expect(Number.isInteger(p.column) && p.column >= 1, `column of ${JSON.stringify(p)}`).toBe(true);
    if (text !== undefined) expect(p.line, `line inside ${p.file}`).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length + 1);
    expect(p.message.trim().length).toBeGreaterThan(0);
    expect(p.message).not.toMatch(/\n|\bat \w+ \(|TypeError|RangeError|undefined/);
  }
  return problems;
}

const HOUSE = `extends: recommended
pin:
  inner-alignment: objective-focused
rules:
  ambiguous-term: error
terms:
  corrigibility:
    label: corrigibility
    forms: [corrigible, corrigibility]
    senses:
      soares:
        label: Soares et al.
        definition: An agent that does not resist correction.
avoid:
  - phrase: inner alignment failure
    use: goal misgeneralization
    reason: our house style
ignore: ["archive/**"]
`;

const RECOMMENDED = readFileSync(path.join(__dirname, '../../server/registry/recommended.yaml'), 'utf8');

describe('random and truncated YAML', () => {
  it('any string as a glossary: no throw, every problem positioned', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        load({ [ENTRY]: text });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('the shipped preset and a house glossary cut at any point: no throw, every problem positioned', () => {
    fc.assert(
      fc.property(fc.constantFrom(RECOMMENDED, HOUSE), fc.double({ min: 0, max: 1, noNaN: true }), (text, at) => {
        load({ [ENTRY]: text.slice(0, Math.floor(at * text.length)) });
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('wrong types everywhere', () => {
  const base = YAML.parse(HOUSE) as Record<string, unknown>;
  /** Every path into the house glossary, to a map entry or list item. */
  const paths: (string | number)[][] = [];
  const collect = (value: unknown, at: (string | number)[]) => {
    if (at.length) paths.push(at);
    if (Array.isArray(value)) value.forEach((v, i) => collect(v, [...at, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, [...at, k]);
  };
  collect(base, []);
  const anyValue = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string(), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }), fc.constant(''), fc.constant('UPPER Case id'));

  it(`a value of the wrong type at any of the ${paths.length} paths of a house glossary is reported at that place`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), anyValue, (where, value) => {
        const copy = structuredClone(base);
        let parent: Record<string | number, unknown> = copy;
        for (const key of where.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[where[where.length - 1]] = value;
        load({ [ENTRY]: YAML.stringify(copy) });
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('hostile shapes', () => {
  const cases: [string, Record<string, string>, RegExp | null][] = [
    ['10,000 nested flow sequences', { [ENTRY]: '['.repeat(10_000) }, /invalid YAML: nested too deeply/],
    ['10,000 nested flow maps', { [ENTRY]: `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}` }, /invalid YAML: nested too deeply/],
    // 10,000 levels of block maps would be 50 MB; 3,000 stay under the size limit.
    ['3,000 nested block maps ("a:" each indented one more)', { [ENTRY]: Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') }, /invalid YAML|unknown key/],
    ['10,000 nested block maps: over the size limit', { [ENTRY]: Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') }, /larger than/],
    ['10,000 nested block sequences', { [ENTRY]: '- '.repeat(10_000) + 'x' }, /invalid YAML|must be a map/],
    [
      'a billion laughs (aliases of aliases)',
      { [ENTRY]: ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n') },
      /resource exhaustion|alias/i,
    ],
    ['aliases inside terms', { [ENTRY]: 'terms:\n  x: &a\n    label: x\n    forms: [a, b]\n  y: *a\n' }, /also a form of/],
    ['a 1,000,000-character value', { [ENTRY]: `ignore:\n  - "${'x'.repeat(1_000_000)}"\n` }, null],
    ['a 1,000,000-character comment line', { [ENTRY]: `# ${'x'.repeat(1_000_000)}\npin:\n  inner-alignment: nope\n` }, /unknown sense id 'nope'/],
    ['6,000,000 characters', { [ENTRY]: '#'.repeat(6_000_000) }, /larger than/],
    ['5,000 terms', { [ENTRY]: `terms:\n${Array.from({ length: 5_000 }, (_, i) => `  t${i}:\n    label: term ${i}\n    forms: [form${i}]`).join('\n')}\n` }, null],
    ['50,000 forms of one term', { [ENTRY]: `terms:\n  x:\n    label: x\n    forms: [${Array.from({ length: 50_000 }, (_, i) => `f${i}`).join(', ')}]\n` }, null],
    ['forms that look like regular expressions (taken literally)', { [ENTRY]: 'terms:\n  x:\n    label: x\n    forms: ["(a+)+$", "[", "\\\\", ".*"]\n' }, null],
    ['an extends cycle', { [ENTRY]: 'extends: ./a.yaml\n', '/repo/a.yaml': 'extends: ./.alignment-terms.yaml\n' }, /cycle/],
    ['a glossary extending itself', { [ENTRY]: 'extends: ./.alignment-terms.yaml\n' }, /cycle/],
    ['extends ../../ out of the repository', { [ENTRY]: 'extends: ../../etc/passwd\n' }, /leads outside/],
    ['extends an absolute path', { [ENTRY]: 'extends: /etc/passwd\n' }, /leads outside/],
    ['extends a folder', { [ENTRY]: 'extends: ./\n' }, /cannot read/],
    ['extends a path with a NUL byte', { [ENTRY]: 'extends: "./a\\0.yaml"\n' }, /cannot read/],
    ['extends 1,000 missing files', { [ENTRY]: `extends: [${Array.from({ length: 1_000 }, (_, i) => `./f${i}.yaml`).join(', ')}]\n` }, /cannot read/],
    ['a chain of 100 extends', Object.fromEntries([[ENTRY, 'extends: ./f0.yaml\n'], ...Array.from({ length: 100 }, (_, i) => [`/repo/f${i}.yaml`, `extends: ./f${i + 1}.yaml\n`])]), /longer than/],
    ['__proto__ and constructor keys', { [ENTRY]: '__proto__:\n  polluted: true\npin:\n  constructor: x\n  toString: y\n' }, /unknown key '__proto__'/],
    ['YAML tags for code (!!js/function) and binary', { [ENTRY]: 'terms: !!js/function "function(){}"\nx: !!binary aGVsbG8=\n' }, /must be a map|unknown key|tag/],
    ['wrong types at the top', { [ENTRY]: 'terms: 5\npin: [1, 2]\nrules: "x"\navoid: {a: 1}\nignore: 7\nextends: 12\n' }, /must be/],
  ];

  for (const [name, files, expected] of cases) {
    it(`${name}: a clean positioned problem or a usable glossary, never a throw or a hang`, () => {
      const problems = load(files);
      if (expected) expect(problems.map((p) => p.message).join('\n')).toMatch(expected);
      else expect(problems).toEqual([]);
    });
  }

  it('no prototype is polluted by glossary keys', () => {
    load({ [ENTRY]: '__proto__:\n  polluted: true\nterms:\n  __proto__:\n    label: x\n    forms: [y]\n' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
