/**
 * Reports reach stdout or --output as UTF-8 pieces of about 64 KB (cli/output.ts,
 * Utf8Pieces): texts are encoded straight into the piece being filled. What arrives
 * must be exactly the UTF-8 of everything written, in order, whatever the mix of
 * small and huge texts and of one-, two-, three- and four-byte characters, and a
 * piece already handed on must never change afterwards (a stream may still hold it).
 */
import { describe, expect, it } from 'vitest';
import { openSink, Utf8Pieces } from '../../server/src/cli/output';

/** Writes `texts` through Utf8Pieces; returns each piece as handed on, and copies of them taken on arrival. */
function piecesOf(texts: string[]): { kept: Buffer[]; copies: Buffer[] } {
  const kept: Buffer[] = [];
  const copies: Buffer[] = [];
  const pieces = new Utf8Pieces((bytes) => {
    kept.push(bytes);
    copies.push(Buffer.from(bytes));
  });
  for (const text of texts) pieces.write(text);
  pieces.flush();
  return { kept, copies };
}

describe('Utf8Pieces', () => {
  it('hands on exactly the UTF-8 of the texts, in pieces of about 64 KB, none changed later', () => {
    const texts: string[] = [];
    const alphabet = ['a', 'é', '\u2019', '\u{1F600}', '"', '\n'];
    for (let i = 0; i < 30_000; i++) texts.push(alphabet[i % alphabet.length].repeat(1 + (i % 7)));
    // Texts larger than a piece's room, one of them mostly three-byte characters.
    texts.splice(100, 0, 'x'.repeat(300_000));
    texts.splice(5_000, 0, '\u2019'.repeat(90_000));
    texts.push('');
    const { kept, copies } = piecesOf(texts);
    const expected = Buffer.from(texts.join(''));
    expect(Buffer.concat(kept).equals(expected)).toBe(true);
    // Each piece as it arrived is the piece as it is now: no later write reused its memory.
    expect(kept.every((piece, i) => piece.equals(copies[i]))).toBe(true);
    expect(kept.length).toBeGreaterThan(5);
    // Only the pieces holding one huge text, and the last one, are far from 64 KB.
    expect(kept.filter((piece) => piece.length < 64 * 1024).length).toBeLessThanOrEqual(3);
  });

  it('hands on nothing for nothing written', () => {
    expect(piecesOf([]).kept).toEqual([]);
    expect(piecesOf(['', '']).kept).toEqual([]);
  });
});

/** A stand-in for process.stdout that records what reaches it. */
function fakeStdout(isTTY: boolean): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = { isTTY, write: (bytes: Buffer) => chunks.push(Buffer.from(bytes)) > 0 } as unknown as NodeJS.WritableStream;
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('the stdout sink', () => {
  it('shows a terminal each file\'s report as soon as the file is done', () => {
    const out = fakeStdout(true);
    const sink = openSink(out.stream, undefined);
    sink.write('draft-1.md\n');
    sink.write('  3:5  warning  \u201cinner alignment\u201d is ambiguous\n');
    sink.fileDone();
    expect(out.text()).toBe('draft-1.md\n  3:5  warning  \u201cinner alignment\u201d is ambiguous\n');
  });

  it('gathers small writes elsewhere and hands everything over on close', () => {
    const out = fakeStdout(false);
    const sink = openSink(out.stream, undefined);
    sink.write('[\n');
    sink.write('{"file":"a.md","diagnostics":[]}');
    sink.fileDone();
    expect(out.text()).toBe('');
    sink.write('\n]\n');
    sink.close();
    expect(out.text()).toBe('[\n{"file":"a.md","diagnostics":[]}\n]\n');
  });
});
