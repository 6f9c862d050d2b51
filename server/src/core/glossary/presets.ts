/**
 * The built-in presets, written as the same YAML a team writes. The bundler (and the
 * test runner) parse and validate each file at build time (scripts/presets.mjs) and
 * embed the data, so starting the CLI or the server parses no YAML.
 */
import recommended from '../../../registry/recommended.yaml';
import strict from '../../../registry/strict.yaml';
import type { GlossaryFile } from './types';

/** Preset names a glossary may extend. */
export const PRESET_NAMES = ['recommended', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** Each preset's data, keyed by name (validated against the glossary schema at build time). */
export const PRESET_DATA: Record<PresetName, GlossaryFile> = { recommended: recommended as GlossaryFile, strict: strict as GlossaryFile };

/** The pseudo-path under which a preset's problems are reported. */
export function presetPath(name: PresetName): string {
  return `<built-in:${name}.yaml>`;
}

/** True when `name` is a preset name rather than a path. */
export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
