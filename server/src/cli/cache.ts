/**
 * `--cache`: remembers each draft's findings so an unchanged draft is not analysed
 * again. Entries are content-addressed, as ESLint's and cspell's content strategy:
 * the key hashes the tool version, the glossary (every file of its `extends`
 * chain) and the draft's bytes, so any change to one of them is a miss. One small
 * file per entry (written atomically) lets parallel workers and concurrent runs
 * share the folder without locks and without loading the whole cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GlossaryIndex, GlossaryIndexEntry } from './config';
import type { DiagnosticResult, OccurrenceResult } from './results';

/** Default cache folder, relative to the working folder. */
export const DEFAULT_CACHE_LOCATION = '.alignment-terms-cache';

/** What an entry holds: the file's findings and occurrences. */
export interface CachedResult {
  diagnostics: DiagnosticResult[];
  occurrences: OccurrenceResult[];
}

/** The severities a diagnostic can have, in the order reports count them. */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

/** How many diagnostics there are of each severity. */
export type SeverityCounts = Record<(typeof SEVERITIES)[number], number>;

/**
 * An entry as read: its diagnostics and occurrences as the JSON text that
 * JSON.stringify wrote, parsed only by what needs the objects. A cached run's JSON
 * report copies the text as it is, and its exit code needs only the counts: parsing
 * and re-writing every entry were a third of a fully cached run over 1,000 drafts.
 */
export interface CachedEntry {
  counts: SeverityCounts;
  diagnosticsJson: string;
  occurrencesJson: string;
}

/** Entry files: a header line (counts and both lengths), then each JSON text on its own line (JSON.stringify writes no line breaks). */
interface EntryHeader {
  format: 2;
  counts: SeverityCounts;
  diagnostics: number;
  occurrences: number;
}

/** Entries written longer ago than this are pruned (a draft still in use is simply re-cached). */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** A cache folder. Failures to read or write it never fail a run: they count as misses. */
export class ResultCache {
  private writable = true;

  /** `dir` is created on the first write. `salt` is mixed into every key (the tool version). */
  constructor(readonly dir: string, private readonly salt: string) {}

  /** The key of `text` analysed with the glossary whose key is `registryKey`. */
  key(text: string, registryKey: string): string {
    return createHash('sha256').update(this.salt).update('\0').update(registryKey).update('\0').update(text).digest('hex');
  }

  /** The cached entry for `key`, or undefined (missing, unreadable, or not in this format). */
  get(key: string): CachedEntry | undefined {
    try {
      const text = readFileSync(this.entry(key), 'utf8');
      const first = text.indexOf('\n');
      const header = JSON.parse(text.slice(0, first)) as EntryHeader;
      if (header.format !== 2) return undefined;
      const second = first + 1 + header.diagnostics;
      // The lengths guard against a damaged entry: a report must never carry broken JSON.
      if (text[second] !== '\n' || text.length !== second + 1 + header.occurrences) return undefined;
      const diagnosticsJson = text.slice(first + 1, second);
      const occurrencesJson = text.slice(second + 1);
      if (!isArrayText(diagnosticsJson) || !isArrayText(occurrencesJson)) return undefined;
      return { counts: header.counts, diagnosticsJson, occurrencesJson };
    } catch {
      return undefined;
    }
  }

  /** Stores `value` under `key`. Returns a warning to print once when the folder cannot be written. */
  set(key: string, value: CachedResult): string | undefined {
    if (!this.writable) return undefined;
    const file = this.entry(key);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const diagnostics = JSON.stringify(value.diagnostics);
      const occurrences = JSON.stringify(value.occurrences);
      const header: EntryHeader = { format: 2, counts: severityCounts(value.diagnostics), diagnostics: diagnostics.length, occurrences: occurrences.length };
      writeFileSync(temp, `${JSON.stringify(header)}\n${diagnostics}\n${occurrences}`);
      renameSync(temp, file);
      return undefined;
    } catch (error) {
      this.writable = false;
      try {
        unlinkSync(temp);
      } catch {
        // never written
      }
      return `cannot write the cache in ${this.dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); continuing without it`;
    }
  }

  /** Where the cache remembers each glossary's files and hashes (see ConfigResolver). */
  glossaryIndex(): GlossaryIndex {
    const file = (glossary: string) => path.join(this.dir, 'glossaries', `${createHash('sha256').update(glossary).digest('hex')}.json`);
    return {
      get: (glossary) => {
        try {
          const entry = JSON.parse(readFileSync(file(glossary), 'utf8')) as GlossaryIndexEntry & { salt?: string };
          return entry.salt === this.salt && Array.isArray(entry.files) && entry.files.length > 0 ? entry : undefined;
        } catch {
          return undefined;
        }
      },
      set: (glossary, entry) => {
        if (!this.writable) return;
        const target = file(glossary);
        const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
        try {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(temp, JSON.stringify({ ...entry, salt: this.salt }));
          renameSync(temp, target);
        } catch {
          // the result entries report an unwritable cache; the index only saves time
          try {
            unlinkSync(temp);
          } catch {
            // never written
          }
        }
      },
    };
  }

  /** Deletes entries written more than MAX_AGE_MS ago, so old versions of edited drafts do not pile up. */
  prune(now = Date.now()): void {
    let shards: string[];
    try {
      shards = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      const folder = path.join(this.dir, shard);
      let names: string[];
      try {
        names = readdirSync(folder);
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(folder, name);
        try {
          if (now - statSync(file).mtimeMs > MAX_AGE_MS) unlinkSync(file);
        } catch {
          // raced with another run; nothing to do
        }
      }
    }
  }

  private entry(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

/** How many of `diagnostics` have each severity. */
export function severityCounts(diagnostics: readonly DiagnosticResult[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const d of diagnostics) counts[d.severity as keyof SeverityCounts]++;
  return counts;
}

function isArrayText(json: string): boolean {
  return json.startsWith('[') && json.endsWith(']');
}
