/**
 * `alignment-terms lint [paths or globs ...]`: reports findings per draft. Exit 1
 * when there are error-severity findings or more warnings than --max-warnings.
 */
import type { Command } from '../command';

/** The lint command. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'report contested terms whose sense the draft never settles',
  usage: 'lint [paths or globs ...]',
  options: {
    quiet: { type: 'boolean', description: 'report errors only' },
    'max-warnings': { type: 'string', value: 'N', description: 'exit 1 when there are more than N warnings' },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'write the report to FILE (atomically) instead of stdout' },
    fix: { type: 'boolean', description: 'apply the safe fixes (and --fix-pin pins) to the files, then report what remains' },
    'fix-dry-run': { type: 'boolean', description: 'print the fixes as a unified diff on stdout; write nothing (the report goes only to --output)' },
    'fix-pin': { type: 'string', multiple: true, value: 'TERM=SENSE', description: "with --fix: pin TERM to SENSE in the front matter of drafts where it is ambiguous" },
    cache: { type: 'boolean', description: 'skip drafts unchanged since the last run (same content, glossary and version)' },
    'cache-location': { type: 'string', value: 'DIR', description: 'cache folder (implies --cache; default .alignment-terms-cache)' },
  },
  async run(args, options, io) {
    const { lint } = await import('../lint');
    return lint(args, options, io);
  },
};
