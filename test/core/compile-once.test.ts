/**
 * compiledOnce (core/compile-once.ts) makes V8 compile a large pattern on its first
 * use by searching the subject padded to a long string with it. It is called in the middle of scans (a
 * global pattern's loop over a paragraph), so the search must leave the pattern as it
 * found it: the same object, the same lastIndex, and every later match unchanged.
 */
import { describe, expect, it } from 'vitest';
import { compiledOnce } from '../../server/src/core/compile-once';

/** Every match of a global pattern over `text`, compiling it after `after` matches. */
function matchesCompilingAfter(regex: RegExp, text: string, after: number): string[] {
  const out: string[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    out.push(`${m.index}:${m[0]}`);
    if (out.length === after) compiledOnce(regex, text);
  }
  return out;
}

describe('compiledOnce', () => {
  it('returns the pattern it was given, and passes null and undefined through', () => {
    const regex = /inner\s+alignment/i;
    expect(compiledOnce(regex, 'inner alignment')).toBe(regex);
    expect(compiledOnce(null, 'inner alignment')).toBeNull();
    expect(compiledOnce(undefined, 'inner alignment')).toBeUndefined();
  });

  it('leaves a global scan where it was, even for a pattern that matches its long search string', () => {
    const oneByte = 'inner alignment, outer alignment, and inner alignment again \u0000\u0000 inner alignment';
    // Curly quotes make a two-byte string, which V8 compiles for apart.
    for (const text of [oneByte, `\u201c${oneByte}\u201d`]) for (const source of ['inner\\s+alignment', '\\u0000+|inner\\s+alignment']) {
      const expected = matchesCompilingAfter(new RegExp(source, 'g'), text, -1);
      expect(expected.length).toBeGreaterThan(2);
      for (const after of [1, 2]) expect(matchesCompilingAfter(new RegExp(source, 'g'), text, after)).toEqual(expected);
    }
  });

  it('keeps lastIndex of a sticky pattern', () => {
    const regex = /\s+/y;
    regex.lastIndex = 5;
    compiledOnce(regex, 'inner  alignment');
    expect(regex.lastIndex).toBe(5);
  });
});
