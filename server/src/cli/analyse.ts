/**
 * Walks the paths on the command line and analyses each Markdown draft with the
 * glossary that applies to it, handing results to `each` in a stable (sorted)
 * order. Unreadable or binary files are reported on stderr and skipped; a broken
 * glossary throws ConfigError.
 */
import path from 'node:path';
import { analyze } from '../core';
import type { CommandIO } from './command';
import { ConfigResolver } from './config';
import { collectFiles } from './files';
import { readDraft } from './read';
import { fileResult, type FileResult } from './results';

/** Analyses every draft under `paths` (default: the working folder). */
export async function analyseFiles(paths: string[], config: string | undefined, io: CommandIO, each: (result: FileResult) => void): Promise<void> {
  const files = await collectFiles(paths.length ? paths : ['.'], io.cwd);
  const resolver = new ConfigResolver(config ? path.resolve(io.cwd, config) : undefined);
  for (const absolute of files) {
    const registry = resolver.registryFor(absolute);
    if (resolver.isIgnored(absolute, registry)) continue;
    const shown = displayPath(absolute, io.cwd);
    const draft = readDraft(absolute);
    if ('skip' in draft) {
      io.stderr.write(`alignment-terms: skipped ${shown}: ${draft.skip}\n`);
      each({ file: shown, absolute, diagnostics: [], occurrences: [], skipped: draft.skip });
      continue;
    }
    if (draft.warning) io.stderr.write(`alignment-terms: ${shown}: ${draft.warning}\n`);
    each(fileResult(shown, absolute, analyze(draft.text, registry)));
  }
}

/** `absolute` relative to `cwd` with forward slashes, or absolute when outside it. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}
