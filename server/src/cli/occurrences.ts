/**
 * The occurrences run: every draft's occurrences as one JSON array on stdout,
 * streamed in file order (a glossary error part-way stops the array; exit code 2).
 * Exit 0 unless the call or a glossary is wrong.
 */
import path from 'node:path';
import { severityCounts } from './cache';
import { stringOption, type CommandIO, type OptionValues } from './command';
import { collectFiles } from './files';
import { arrayFormatter } from './format/json';
import { piecesOf } from './format/types';
import { asError } from './lint';
import { openSink } from './output';
import { displayPath } from './paths';
import { runPipeline } from './pipeline';
import type { Outcome } from './task';
import { VERSION } from './version';

/** Runs `occurrences` over `paths`; resolves to the exit code. */
export async function occurrences(paths: string[], options: OptionValues, io: CommandIO): Promise<number> {
  const files = await collectFiles(paths.length ? paths : ['.'], io.cwd);
  const config = stringOption(options, 'config');
  const formatter = arrayFormatter((result) => ({ file: result.file, occurrences: result.occurrences }));
  const sink = openSink(io.stdout, undefined);
  sink.write(formatter.begin());
  const emit = (outcome: Outcome) => {
    if (outcome.error) throw asError(outcome.error);
    if (outcome.notices.length) io.stderr.write(outcome.notices.map((m) => `alignment-terms: ${m}\n`).join(''));
    if (!outcome.result) return;
    for (const text of piecesOf(formatter.file(outcome.result))) sink.write(text);
    sink.fileDone();
  };
  try {
    await runPipeline({
      settings: { config: config ? path.resolve(io.cwd, config) : undefined, fix: 'off', pins: [], version: VERSION, detail: { diagnostics: false, fixes: false, occurrences: true } },
      jobs: files.map((absolute, index) => ({ index, absolute, shown: displayPath(absolute, io.cwd) })),
      emit,
    });
  } catch (error) {
    sink.abort();
    throw error;
  }
  sink.write(formatter.end({ ...severityCounts([]), files: 0, tooManyWarnings: false }));
  sink.close();
  return 0;
}
