/**
 * `--format json`: one JSON array, one entry per linted file with its diagnostics
 * (the contract's shape). Streams: byte-identical to JSON.stringify(entries, null, 2)
 * but written entry by entry, and each entry array element by array element: a draft
 * with 100,000 ambiguous uses (each with its fixes) made one file's entry longer than
 * the longest string Node can build.
 */
import type { FileResult } from '../results';
import type { Formatter } from './types';

/** A streaming formatter for `lint --format json`. */
export function jsonFormatter(): Formatter {
  return arrayFormatter((result) => ({ file: result.file, diagnostics: result.diagnostics }));
}

/** About how much text each write carries. */
const WRITE_SIZE = 64 * 1024;

/** Streams `entry(result)` of every file as a pretty-printed JSON array (also used by `occurrences`). */
export function arrayFormatter(entry: (result: FileResult) => Record<string, unknown>): Formatter {
  let count = 0;
  return {
    begin: () => '',
    *file(result) {
      // Pieces are gathered up to about 64 KB a write: one write per finding made a
      // large report cost a system call per finding.
      let pending = count++ === 0 ? '[\n  ' : ',\n  ';
      for (const piece of entryPieces(entry(result))) {
        pending += piece;
        if (pending.length >= WRITE_SIZE) {
          yield pending;
          pending = '';
        }
      }
      yield pending;
    },
    end: () => (count === 0 ? '[]\n' : '\n]\n'),
  };
}

/** JSON.stringify(value, null, 2), every line after the first indented by `indent` more. */
function pretty(value: unknown, indent: string): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
}

/**
 * An entry of the top-level array as JSON.stringify(entry, null, 2) writes it at
 * that depth, in pieces: each key, and each element of an array-valued key, apart.
 */
export function* entryPieces(entry: Record<string, unknown>): Generator<string> {
  // JSON.stringify leaves out keys whose value is undefined, a function or a symbol.
  const fields = Object.entries(entry).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (fields.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (let i = 0; i < fields.length; i++) {
    const [key, value] = fields[i];
    const head = `${i ? ',' : ''}\n    ${JSON.stringify(key)}: `;
    if (!Array.isArray(value) || value.length === 0) {
      yield head + pretty(value, '    ');
      continue;
    }
    yield `${head}[`;
    for (let j = 0; j < value.length; j++) yield `${j ? ',' : ''}\n      ${pretty(value[j], '      ')}`;
    yield '\n    ]';
  }
  yield '\n  }';
}
