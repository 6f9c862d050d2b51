/**
 * execAfterWordStart (core/phrases.ts) searches the long phrase alternations scanned
 * over whole paragraphs (sense labels and sources, source titles) without their
 * leading lookbehind, which V8 runs slowly, and skips matches inside a word itself.
 * Every match must be the one the pattern with WORD_BEFORE gives: same places, same
 * text, same order, whatever precedes it (case-folded letters included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execAfterWordStart, phrasesToPattern, WORD_AFTER, WORD_BEFORE } from '../../server/src/core/phrases';

const PHRASES = ['inner alignment', 'inner', 'Shah', 'objective-focused', 'a b', 'b'];

/** Every match of a global regex over `text`, as index:text. */
function allMatches(text: string, next: (text: string) => RegExpExecArray | null): string[] {
  const out: string[] = [];
  for (let m = next(text); m; m = next(text)) out.push(`${m.index}:${m[0]}`);
  return out;
}

describe('execAfterWordStart', () => {
  const body = `(?:${phrasesToPattern(PHRASES)})${WORD_AFTER}`;

  it('finds exactly the matches of the pattern with WORD_BEFORE', () => {
    // Letters the lookbehind's class holds only through case folding (ɓ folds to Ɓ, U+0181), digits, underscore, marks.
    const piece = fc.constantFrom(...PHRASES, ' ', '-', 'x', 'é', 'ɓ', 'Ɓ', 'İ', '9', '_', '\u2019', '\u00a0', 'innerinner', 'ShahShah');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const withLookbehind = new RegExp(`${WORD_BEFORE}${body}`, 'gi');
        const without = new RegExp(body, 'gi');
        expect(allMatches(text, (t) => execAfterWordStart(without, t))).toEqual(allMatches(text, (t) => withLookbehind.exec(t)));
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('skips a match inside a word and finds the next one after it', () => {
    const regex = new RegExp(body, 'gi');
    expect(allMatches('xinner alignment, ɓShah and Shah', (t) => execAfterWordStart(regex, t))).toEqual(['28:Shah']);
  });
});
