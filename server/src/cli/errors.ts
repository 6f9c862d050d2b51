/**
 * Errors the CLI reports to the user as one clear line on stderr with exit code 2
 * (usage or configuration), never as a stack trace.
 */

/** A problem with how the CLI was called or configured. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
