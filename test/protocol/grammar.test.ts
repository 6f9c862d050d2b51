/**
 * The Markdown injection grammar (syntaxes/), generated from the registry at build
 * time, run through the real TextMate engine (vscode-textmate + vscode-oniguruma, as
 * in VS Code) over a small host grammar standing in for VS Code's Markdown grammar.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { parse } from 'yaml';
import { presetRegistry } from '../../server/src/core';
import * as phrases from '../../server/src/core/phrases';
import { ensureBuilt, ROOT } from './build';

const GRAMMAR_FILE = path.join(ROOT, 'syntaxes', 'alignment-terms.injection.json');
const SCOPE = 'markdown.alignment-terms.injection';

/** Enough of VS Code's Markdown grammar for the injection selector to have something to exclude. */
const HOST = {
  scopeName: 'text.html.markdown',
  patterns: [
    { begin: '^```', end: '^```', name: 'markup.fenced_code.block.markdown' },
    { match: '`[^`]+`', name: 'markup.inline.raw.string.markdown' },
    { begin: '<!--', end: '-->', name: 'comment.block.html' },
    { match: '(\\[)([^\\]]*)(\\])(\\()([^)]*)(\\))', captures: { 2: { name: 'string.other.link.title.markdown', patterns: [{ match: '\\.', name: 'constant.character.escape.markdown' }] }, 5: { name: 'markup.underline.link.markdown' } } },
  ],
};

let grammar: IGrammar;
beforeAll(async () => {
  ensureBuilt();
  await loadWASM(readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')).buffer as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (sources: string[]) => new OnigScanner(sources), createOnigString: (text: string) => new OnigString(text) }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'text.html.markdown') return parseRawGrammar(JSON.stringify(HOST), 'host.json');
      if (scopeName === SCOPE) return parseRawGrammar(readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE);
      return null;
    },
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [SCOPE] : undefined),
  });
  grammar = (await registry.loadGrammar('text.html.markdown'))!;
});

/** [text, scope] for every token the injection scoped, line by line. */
function terms(markdown: string): [string, string][] {
  const out: [string, string][] = [];
  let state = INITIAL;
  for (const line of markdown.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const scope = token.scopes.find((s) => s.startsWith('markup.other.alignment-term.'));
      if (scope) out.push([line.slice(token.startIndex, token.endIndex), scope.replace(/^markup\.other\.alignment-term\./, '').replace(/\.markdown$/, '')]);
    }
    state = result.ruleStack;
  }
  return out;
}

describe('the injection grammar', () => {
  it('scopes contested and settled terms in every spelling the linter accepts', () => {
    expect(terms('Inner misalignment, mesa-optimisers and the Behavioural Objective; outer-aligned? Intent aligned.')).toEqual([
      ['Inner misalignment', 'contested.inner-alignment'],
      ['mesa-optimisers', 'settled.mesa-optimizer'],
      ['Behavioural Objective', 'settled.behavioral-objective'],
      ['outer-aligned', 'contested.outer-alignment'],
      ['Intent aligned', 'settled.intent-alignment'],
    ]);
  });

  it('leaves near misses, bare words the preset turns off, code, comments and link targets alone', () => {
    expect(terms('The inner-loop alignment and the inner product of gradient alignment.')).toEqual([]);
    expect(terms('We want alignment and robustness.')).toEqual([]);
    expect(terms('Code `inner alignment` and <!-- inner alignment --> stay plain.')).toEqual([]);
    expect(terms('```\ninner alignment\n```')).toEqual([]);
    expect(terms('[outer alignment](https://example.org/inner-alignment)')).toEqual([['outer alignment', 'contested.outer-alignment']]);
  });

  it('prefers the longer term where one term starts another', () => {
    expect(terms('objective robustness and capability robustness')).toEqual([
      ['objective robustness', 'settled.objective-robustness'],
      ['capability robustness', 'settled.capability-robustness'],
    ]);
  });

  it('is generated from the registry: one pattern per enabled term, contested exactly when the engine says so', async () => {
    const file = JSON.parse(readFileSync(GRAMMAR_FILE, 'utf8'));
    const registry = presetRegistry('recommended');
    const expected = Object.fromEntries([...registry.terms.values()].filter((t) => t.enabled).map((t) => [t.id, t.contested ? 'contested' : 'settled']));
    const actual = Object.fromEntries(Object.entries(file.repository as Record<string, { name: string }>).map(([id, rule]) => [id, rule.name.split('.')[3]]));
    expect(actual).toEqual(expected);
    // And the file on disk is what the generator makes from today's registry (the build is not stale).
    const generator = await import(pathToFileURL(path.join(ROOT, 'scripts', 'gen-grammar.mjs')).href);
    expect(generator.grammarFor(parse(readFileSync(path.join(ROOT, 'server', 'registry', 'recommended.yaml'), 'utf8')).terms, phrases)).toEqual(file);
  });
});
