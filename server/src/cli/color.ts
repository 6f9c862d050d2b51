/**
 * Colour decisions: `--no-color` and NO_COLOR win, `--color` forces colour on, and
 * otherwise colour is used only when the stream is a terminal (never in CI logs,
 * pipes or files).
 */
import pc from 'picocolors';
import { flag, type OptionValues } from './command';

/** picocolors' formatter set (identity functions when colour is off). */
export type Colors = ReturnType<typeof pc.createColors>;

/** True when output written to `stream` should be coloured. */
export function useColor(options: OptionValues, stream: NodeJS.WritableStream | undefined, env: NodeJS.ProcessEnv): boolean {
  if (flag(options, 'no-color')) return false;
  if (flag(options, 'color')) return true;
  if (env.NO_COLOR) return false;
  return !!(stream as NodeJS.WriteStream | undefined)?.isTTY;
}

/** Formatters for `stream` under the colour rules above. */
export function colorsFor(options: OptionValues, stream: NodeJS.WritableStream | undefined, env: NodeJS.ProcessEnv): Colors {
  return pc.createColors(useColor(options, stream, env));
}
