/**
 * The command line: `alignment-terms <command> [args] [options]`. Commands are
 * modules under commands/, registered in COMMANDS below; each declares its own
 * options. Exit codes: 0 clean, 1 error-severity findings (or more warnings than
 * --max-warnings), 2 usage or configuration error. Problems with the call or a
 * glossary are one clear message on stderr, never a stack trace.
 */
import { parseArgs } from 'node:util';
import type { Command, CommandIO, OptionSpec, OptionValues } from './command';
import { explainCommand } from './commands/explain';
import { glossaryCommand } from './commands/glossary';
import { graphCommand } from './commands/graph';
import { initCommand } from './commands/init';
import { lintCommand } from './commands/lint';
import { occurrencesCommand } from './commands/occurrences';
import { printConfigCommand } from './commands/print-config';
import { ConfigError, UsageError } from './errors';
import { VERSION } from './version';

/** Every command, in the order `--help` lists them. To add a command, add its module here. */
export const COMMANDS: Command[] = [lintCommand, occurrencesCommand, explainCommand, glossaryCommand, graphCommand, initCommand, printConfigCommand];

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', short: 'f', value: 'FORMAT', description: 'output format (lint: stylish, json, sarif, github; occurrences: json; explain: text, json)' },
  config: { type: 'string', short: 'c', value: 'FILE', description: 'use this glossary instead of the nearest .alignment-terms.yaml' },
  color: { type: 'boolean', description: 'force colours on' },
  'no-color': { type: 'boolean', description: 'force colours off (default: on only for a terminal)' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  version: { type: 'boolean', short: 'v', description: 'show the version' },
};

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function run(argv: string[], io: CommandIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }): Promise<number> {
  let values: OptionValues;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: allOptions() });
    values = parsed.values as OptionValues;
    positionals = parsed.positionals;
  } catch (error) {
    io.stderr.write(`alignment-terms: ${(error as Error).message.split('\n')[0]}\nRun 'alignment-terms --help' for usage.\n`);
    return 2;
  }
  const triggered = COMMANDS.find((c) => c.trigger !== undefined && values[c.trigger] !== undefined);
  const named = triggered ? undefined : positionals[0];
  const command = triggered ?? COMMANDS.find((c) => c.name === named);
  const args = triggered ? positionals : positionals.slice(1);
  if (values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (values.help) {
    io.stdout.write(command ? commandHelp(command) : help());
    return 0;
  }
  try {
    if (!command) {
      if (named === undefined) {
        io.stderr.write(help());
        return 2;
      }
      throw new UsageError(`unknown command '${named}'; expected ${listNames(COMMANDS.filter((c) => !c.trigger).map((c) => c.name))}`);
    }
    for (const name of Object.keys(values)) {
      if (values[name] !== undefined && !(name in GLOBAL_OPTIONS) && !(command.options && name in command.options)) {
        throw new UsageError(`option --${name} does not apply to '${command.name}'; run 'alignment-terms ${command.name} --help'`);
      }
    }
    return await command.run(args, values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`alignment-terms: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`alignment-terms: the glossary has problems:\n${error.problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}\n`);
      return 2;
    }
    throw error;
  }
}

/** The union of the global options and every command's, for one strict parse. */
function allOptions(): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  const add = (name: string, spec: OptionSpec, owner: string) => {
    const seen = out[name];
    // Two commands may share an option name only with the same shape; a clash is a programming error.
    if (seen && (seen.type !== spec.type || !!seen.multiple !== !!spec.multiple || seen.short !== spec.short)) throw new Error(`option --${name} of ${owner} clashes with another command's`);
    out[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  };
  for (const [name, spec] of Object.entries(GLOBAL_OPTIONS)) add(name, spec, 'the global options');
  for (const command of COMMANDS) for (const [name, spec] of Object.entries(command.options ?? {})) add(name, spec, command.name);
  return out;
}

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => (c.usage ?? c.name).length));
  const commands = COMMANDS.map((c) => `  ${(c.usage ?? c.name).padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: alignment-terms <command> [options] [paths or globs ...]

Commands:
${commands}

Options:
${optionRows(GLOBAL_OPTIONS)}

Run 'alignment-terms <command> --help' for the options of a command.
Paths default to the current folder. Folders are searched for *.md and *.markdown,
skipping what .gitignore and the glossary's "ignore" list exclude.
Exit codes: 0 clean, 1 error-severity findings or too many warnings, 2 usage or configuration error.
`;
}

function commandHelp(command: Command): string {
  const own = command.options && Object.keys(command.options).length ? `\nOptions of ${command.name}:\n${optionRows(command.options)}\n` : '';
  return `Usage: alignment-terms ${command.usage ?? command.name} [options]

${command.summary[0].toUpperCase()}${command.summary.slice(1)}.
${own}
Global options:
${optionRows(GLOBAL_OPTIONS)}

Exit codes: 0 clean, 1 error-severity findings or too many warnings, 2 usage or configuration error.
`;
}

function optionRows(options: Record<string, OptionSpec>): string {
  const rows = Object.entries(options).map(([name, spec]) => [`${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`, spec.description + (spec.multiple ? ' (repeatable)' : '')]);
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

function listNames(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
