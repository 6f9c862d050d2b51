/**
 * The registry's phrase matcher (a trie behind a native prefilter, so that a house
 * glossary of thousands of terms stays fast) finds exactly what one RegExp built by
 * phrases.ts finds: same starts, same ends, longest phrase first. Checked on the
 * registry's own forms over the example drafts and over seeded random text made of
 * form fragments, separators and near misses, and on large synthetic glossaries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetRegistry } from '../../server/src/core';
import { parseMarkdown } from '../../server/src/core/markdown/parse';
import { compilePhraseMatcher, type PhraseMatcher } from '../../server/src/core/phrase-matcher';
import { compilePhrases } from '../../server/src/core/phrases';

function all(matcher: PhraseMatcher | RegExp, text: string): string[] {
  const out: string[] = [];
  matcher.lastIndex = 0;
  for (let m = matcher.exec(text); m; m = matcher.exec(text)) out.push(`${m.index}:${m[0]}`);
  return out;
}

function formsOf(name: 'recommended' | 'strict'): string[] {
  return [...presetRegistry(name).terms.values()].flatMap((t) => (t.enabled ? t.forms : []));
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const SEPARATORS = [' ', '  ', '-', ' - ', '\u2010', '\u2013', '-\n', '\n', '\t', '', '_', '.', ', ', '\u00a0', '-\r\n  '];
const NOISE = ['x', 'the ', 'inner product', 'outer-loop', 'Mesa', 'misaligned', 'optimis', 'ation', 's', "'s", 'é', '\u0001', 'behaviour', 'behavioural', 'IZE', '1'];

function randomText(forms: string[], rand: () => number, pieces: number): string {
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)];
  let text = '';
  for (let i = 0; i < pieces; i++) {
    const r = rand();
    if (r < 0.45) {
      // A form with its words re-joined at random and its letters re-cased at random.
      const words = pick(forms).split(/[\s-]+/);
      text += words.map((w) => (rand() < 0.3 ? w.toUpperCase() : rand() < 0.3 ? w.replace(/iz/g, 'is').replace(/behavior/g, 'behaviour') : w)).join(pick(SEPARATORS));
    } else if (r < 0.75) text += pick(NOISE);
    else text += pick(SEPARATORS);
  }
  return text;
}

describe('the trie matcher agrees with the RegExp of phrases.ts', () => {
  for (const preset of ['recommended', 'strict'] as const) {
    it(`${preset}: on the example drafts`, () => {
      const forms = formsOf(preset);
      const trie = compilePhraseMatcher(forms);
      const regex = compilePhrases(forms);
      const dir = path.resolve(__dirname, '..', '..', 'examples');
      let matches = 0;
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
        for (const context of parseMarkdown(readFileSync(path.join(dir, name), 'utf8')).contexts) {
          const expected = all(regex, context.plain);
          matches += expected.length;
          expect(all(trie, context.plain), `${name}: ${context.plain.slice(0, 80)}`).toEqual(expected);
        }
      }
      expect(matches).toBeGreaterThan(20);
    });

    it(`${preset}: on 2,000 seeded random texts of form fragments and near misses`, () => {
      const forms = formsOf(preset);
      const trie = compilePhraseMatcher(forms);
      const regex = compilePhrases(forms);
      const rand = random(preset === 'strict' ? 7 : 11);
      let matches = 0;
      for (let i = 0; i < 2000; i++) {
        const text = randomText(forms, rand, 12);
        const expected = all(regex, text);
        matches += expected.length;
        expect(all(trie, text), JSON.stringify(text)).toEqual(expected);
      }
      expect(matches).toBeGreaterThan(500);
    });
  }

  it('phrases with punctuation, digits and shared prefixes', () => {
    const forms = ['GPT-4', 'gpt 4o', "Goodhart's law", 'e.g. this', 'a/b test', 'reward', 'reward model', 'reward modeling', 'reward hacking'];
    const trie = compilePhraseMatcher(forms);
    const regex = compilePhrases(forms);
    for (const text of ["GPT 4, gpt-4o and GPT4; Goodhart's Law; goodhart's law's", 'e.g. this, e.g this', 'an A/B test', 'reward modelling, reward-modeling, reward model, rewards, reward hacking']) {
      expect(all(trie, text), text).toEqual(all(regex, text));
    }
  });

  it('exec and lastIndex behave like a global RegExp', () => {
    const trie = compilePhraseMatcher(['inner alignment']);
    const text = 'inner alignment, Inner-Alignment.';
    expect(trie.exec(text)).toMatchObject({ 0: 'inner alignment', index: 0 });
    expect(trie.lastIndex).toBe(15);
    expect(trie.exec(text)).toMatchObject({ 0: 'Inner-Alignment', index: 17 });
    expect(trie.exec(text)).toBeNull();
    expect(trie.lastIndex).toBe(0);
    expect(compilePhraseMatcher([]).exec(text)).toBeNull();
  });

  it('a synthetic glossary of 20,000 forms matches like the RegExp (on a sample)', () => {
    const rand = random(3);
    const stems = ['arbor', 'brisk', 'caldera', 'dorsal', 'ember', 'fjord', 'glint', 'hollow'];
    const common = ['reward', 'model', 'policy', 'optimizer', 'behaviour', 'goal', 'signal'];
    const forms: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const label = `${stems[i % stems.length]}${i} ${common[Math.floor(rand() * common.length)]}`;
      forms.push(label, `${label}s`, `${label.replace(' ', '-')} failure`, `${label} problem`);
    }
    const trie = compilePhraseMatcher(forms);
    // The RegExp of all 20,000 forms takes V8 seconds to compile: compare on 300 of them.
    const sample = forms.filter((_, i) => i % 67 === 0);
    const sampleTrie = compilePhraseMatcher(sample);
    const regex = compilePhrases(sample);
    for (let i = 0; i < 300; i++) {
      const text = randomText(sample, rand, 10);
      expect(all(sampleTrie, text), JSON.stringify(text)).toEqual(all(regex, text));
    }
    expect(all(trie, `${forms[8]} and ${forms[9].toUpperCase()}`)).toEqual([`0:${forms[8]}`, `${forms[8].length + 5}:${forms[9].toUpperCase()}`]);
  });
});
