/**
 * `--format json`: one JSON array, one entry per linted file with its diagnostics
 * (the contract's shape). Streams: byte-identical to JSON.stringify(entries, null, 2)
 * but written entry by entry.
 */
import type { FileResult } from '../results';
import type { Formatter } from './types';

/** A streaming formatter for `lint --format json`. */
export function jsonFormatter(): Formatter {
  return arrayFormatter((result) => ({ file: result.file, diagnostics: result.diagnostics }));
}

/** Streams `entry(result)` of every file as a pretty-printed JSON array (also used by `occurrences`). */
export function arrayFormatter(entry: (result: FileResult) => unknown): Formatter {
  let count = 0;
  return {
    begin: () => '',
    file(result) {
      const text = JSON.stringify(entry(result), null, 2).replace(/\n/g, '\n  ');
      return `${count++ === 0 ? '[\n' : ',\n'}  ${text}`;
    },
    end: () => (count === 0 ? '[]\n' : '\n]\n'),
  };
}
