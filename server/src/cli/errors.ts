/**
 * Errors the CLI reports to the user as one clear line on stderr with exit code 2
 * (usage or configuration), never as a stack trace. This module imports nothing, so
 * main.ts can recognise them without loading the engine.
 */
import type { ConfigProblem } from '../core/types';

/** A problem with how the CLI was called or configured. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A glossary that could not be used, with every problem in it. Exit code 2. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}
