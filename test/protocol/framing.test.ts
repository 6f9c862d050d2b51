/**
 * The stdio re-framer in front of vscode-jsonrpc: whole frames pass unchanged however
 * the bytes are cut into chunks; a garbled header is dropped and the next good frame
 * still arrives.
 */
import { describe, expect, it } from 'vitest';
import { Reframer } from '../../server/src/lsp/framing';

function frame(body: string): Buffer {
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** Feeds `bytes` in chunks of `size`; returns the frames passed on and the drop reasons. */
function feed(bytes: Buffer, size: number): { out: string[]; dropped: string[] } {
  const dropped: string[] = [];
  const reframer = new Reframer((reason) => dropped.push(reason));
  const out: string[] = [];
  reframer.on('data', (b: Buffer) => out.push(b.toString()));
  for (let i = 0; i < bytes.length; i += size) reframer.write(bytes.subarray(i, i + size));
  return { out, dropped };
}

describe('the stdio re-framer', () => {
  it('passes each frame whole and once, however the stream is cut', () => {
    const big = JSON.stringify({ jsonrpc: '2.0', method: 'x', params: { text: 'inner alignment '.repeat(20_000) } });
    const small = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'y' });
    const frames = [frame(small), frame(big), frame(small)];
    for (const size of [1, 7, 4096, 65_536, 10_000_000]) {
      const { out, dropped } = feed(Buffer.concat(frames), size);
      expect(out.join('')).toBe(Buffer.concat(frames).toString());
      expect(dropped).toEqual([]);
    }
  });

  it('drops a frame with an unusable header and delivers the next one', () => {
    const good = frame('{"jsonrpc":"2.0","id":2,"method":"z"}');
    const { out, dropped } = feed(Buffer.concat([Buffer.from('Content-Length: abc\r\n\r\n{}'), good]), 5);
    expect(out.join('')).toBe(good.toString());
    expect(dropped).toHaveLength(1);
  });
});
