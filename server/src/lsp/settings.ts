/**
 * Per-resource settings (`alignmentTerms.*`), fetched from the client with
 * workspace/configuration and cached by document URI; the cache entry is dropped when
 * the document closes and the whole cache when the configuration changes. Values are
 * validated: an unknown preset or severity is ignored (and logged), never fatal.
 */
import type { Connection } from 'vscode-languageserver';
import type { Registry } from '../core/registry';
import type { RuleId, Severity } from '../core/types';

/** The settings that apply to one document. */
export interface Settings {
  enable: boolean;
  preset: 'recommended' | 'strict';
  /** Severity overrides per rule id, applied on top of the glossary's. */
  rules: Partial<Record<RuleId, Severity>>;
}

/** Settings when the client gives none. */
export const DEFAULT_SETTINGS: Settings = { enable: true, preset: 'recommended', rules: {} };

const RULE_IDS: readonly RuleId[] = ['ambiguous-term', 'sense-drift', 'claim-check', 'preferred-form', 'avoid-term', 'unknown-pin'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Validates raw settings from the client; `problems` says what was ignored. */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  if (typeof value.enable === 'boolean') settings.enable = value.enable;
  if (value.preset === 'recommended' || value.preset === 'strict') settings.preset = value.preset;
  else if (value.preset !== undefined && value.preset !== null) problems.push(`alignmentTerms.preset: unknown preset ${JSON.stringify(value.preset)}; using recommended`);
  if (value.rules && typeof value.rules === 'object') {
    for (const [rule, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      if (!RULE_IDS.includes(rule as RuleId)) problems.push(`alignmentTerms.rules: unknown rule '${rule}'; expected one of ${RULE_IDS.join(', ')}`);
      else if (!SEVERITIES.includes(severity as Severity)) problems.push(`alignmentTerms.rules.${rule}: unknown severity ${JSON.stringify(severity)}; expected one of ${SEVERITIES.join(', ')}`);
      else settings.rules[rule as RuleId] = severity as Severity;
    }
  }
  return { settings, problems };
}

/** Fetches and caches settings per document URI. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  private fallback: Settings = DEFAULT_SETTINGS;
  private readonly reported = new Set<string>();

  /** `pull` is false when the client cannot answer workspace/configuration. */
  constructor(private readonly connection: Connection, private readonly pull: boolean) {}

  /** The settings for `uri` (cached until the document closes or the configuration changes). */
  get(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.fallback);
    let entry = this.cache.get(uri);
    if (!entry) {
      entry = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'alignmentTerms' }).then(
        (raw) => this.accept(raw),
        (error) => {
          this.connection.console.error(`alignment-terms: cannot read settings for ${uri}: ${String(error)}`);
          this.cache.delete(uri);
          return DEFAULT_SETTINGS;
        },
      );
      this.cache.set(uri, entry);
    }
    return entry;
  }

  /** Forgets the settings of a closed document. */
  drop(uri: string): void {
    this.cache.delete(uri);
  }

  /** Forgets everything (configuration changed). `pushed` is what a client without workspace/configuration sent. */
  clear(pushed?: unknown): void {
    this.cache.clear();
    this.reported.clear();
    if (!this.pull) {
      const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).alignmentTerms : undefined;
      this.fallback = this.accept(section);
    }
  }

  private accept(raw: unknown): Settings {
    const { settings, problems } = parseSettings(raw);
    for (const problem of problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.connection.console.warn(`alignment-terms: ${problem}`);
    }
    return settings;
  }
}

const derived = new WeakMap<Registry, Map<string, Registry>>();

/**
 * `registry` with the settings' rule severities laid over the glossary's. Returns the
 * same object for the same registry and overrides, so analyses stay cached.
 */
export function withRuleOverrides(registry: Registry, rules: Settings['rules']): Registry {
  const entries = Object.entries(rules).filter(([rule, severity]) => registry.severity[rule as RuleId] !== severity);
  if (entries.length === 0) return registry;
  const key = JSON.stringify(entries.sort());
  let byKey = derived.get(registry);
  if (!byKey) derived.set(registry, (byKey = new Map()));
  let result = byKey.get(key);
  if (!result) {
    result = { ...registry, severity: { ...registry.severity, ...Object.fromEntries(entries) } };
    byKey.set(key, result);
  }
  return result;
}
