/**
 * `--format json`: one JSON array, one entry per linted file with its diagnostics
 * (the contract's shape). Compact, as ESLint's and textlint's JSON are, with one
 * file's entry per line: byte-identical to `[`, each JSON.stringify(entry) joined by
 * `,` and a line break, `]`. (Indented output was 1.8 times the size, and turning the
 * report into bytes cost more than a tenth of a large run.) Streams: written entry
 * by entry, and each entry array element by array element: a draft with 100,000
 * ambiguous uses (each with its fixes) made one file's entry longer than the longest
 * string Node can build.
 */
import type { FileResult } from '../results';
import type { Formatter } from './types';

/** A streaming formatter for `lint --format json`. */
export function jsonFormatter(): Formatter {
  return arrayFormatter(
    (result) => ({ file: result.file, diagnostics: result.diagnostics }),
    // A cached result carries its diagnostics' JSON text: the same bytes, not parsed and re-written.
    (result) => (result.cached?.diagnosticsJson === undefined ? undefined : [`{"file":${JSON.stringify(result.file)},"diagnostics":`, result.cached.diagnosticsJson, '}']),
  );
}

/**
 * Streams `entry(result)` of every file as a JSON array, one entry per line (also
 * used by `occurrences`); `text(result)`, when it gives pieces, they are that
 * entry's JSON text already written. Pieces are small (a key, or one array element): the
 * sink gathers them into writes of about 64 KB (output.ts), and joining them into
 * long strings here first cost more than encoding them.
 */
export function arrayFormatter(entry: (result: FileResult) => Record<string, unknown>, text?: (result: FileResult) => string[] | undefined): Formatter {
  let count = 0;
  return {
    begin: () => '',
    *file(result) {
      yield count++ === 0 ? '[\n' : ',\n';
      const written = text?.(result);
      if (written !== undefined) yield* written;
      else yield* entryPieces(entry(result));
    },
    end: () => (count === 0 ? '[]\n' : '\n]\n'),
  };
}

/**
 * JSON.stringify(entry), in pieces: each key, and each element of an array-valued
 * key, apart.
 */
export function* entryPieces(entry: Record<string, unknown>): Generator<string> {
  // JSON.stringify leaves out keys whose value is undefined, a function or a symbol.
  const fields = Object.entries(entry).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  yield '{';
  for (let i = 0; i < fields.length; i++) {
    const [key, value] = fields[i];
    const head = `${i ? ',' : ''}${JSON.stringify(key)}:`;
    if (!Array.isArray(value) || value.length === 0) {
      yield head + (JSON.stringify(value) ?? 'null');
      continue;
    }
    yield `${head}[`;
    // Inside an array JSON.stringify writes null for what it leaves out of objects.
    for (let j = 0; j < value.length; j++) yield `${j ? ',' : ''}${JSON.stringify(value[j]) ?? 'null'}`;
    yield ']';
  }
  yield '}';
}
