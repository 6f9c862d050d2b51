/**
 * The built-in presets, shipped as the same YAML a team writes. The bundler (and the
 * test runner) embed each file's text at build time.
 */
import recommended from '../../../registry/recommended.yaml';
import strict from '../../../registry/strict.yaml';

/** Preset names a glossary may extend. */
export const PRESET_NAMES = ['recommended', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** The YAML text of each preset, keyed by name. */
export const PRESET_TEXT: Record<PresetName, string> = { recommended, strict };

/** The pseudo-path under which a preset's problems are reported. */
export function presetPath(name: PresetName): string {
  return `<built-in:${name}.yaml>`;
}

/** True when `name` is a preset name rather than a path. */
export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
