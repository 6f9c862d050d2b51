/**
 * House glossaries for the server: for each draft, the nearest .alignment-terms.yaml
 * walking up from the draft to its workspace folder, loaded (with its `extends`
 * chain) through the core and compiled once. A broken glossary is reported as
 * diagnostics on the glossary file itself, and drafts keep the last good registry of
 * that glossary; the server never fails because of one.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { compileRegistry, loadGlossary, presetRegistry, type Registry } from '../core';
import { dirname, isInside } from '../core/paths';
import type { ConfigProblem } from '../core/types';
import { SOURCE } from './convert';
import { GLOSSARY_FILE, pathToUri } from './paths';
import type { Settings } from './settings';

/** What the service needs from the server. */
export interface GlossaryHooks {
  /** The text of an open document at this path, if the editor has it open (unsaved edits win over disk). */
  openText(file: string): string | undefined;
  /** Publishes diagnostics for a glossary file. */
  publish(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

interface Loaded {
  /** The registry drafts use: the newest good one (or, if it never loaded cleanly, the usable part). */
  registry: Registry;
  /** Every file in the chain (for invalidation). */
  files: Set<string>;
  /** True once a load without problems happened. */
  good: boolean;
  stale: boolean;
}

/** Finds, loads and caches house glossaries; tracks their problems. */
export class GlossaryService {
  private folders: string[] = [];
  private readonly loaded = new Map<string, Loaded>();
  private readonly nearest = new Map<string, string | null>();
  /** Glossary file URI -> (glossary path -> diagnostics it contributes). */
  private readonly problems = new Map<string, Map<string, Diagnostic[]>>();

  constructor(private readonly hooks: GlossaryHooks) {}

  /** Sets the workspace folders (absolute '/'-separated paths); lookups stop at the folder. */
  setFolders(folders: string[]): void {
    this.folders = [...folders].sort((a, b) => b.length - a.length);
    this.nearest.clear();
  }

  /**
   * The registry for a draft at `file` (null for drafts without a path): its house
   * glossary's, else the preset the settings name. A glossary decides its own base
   * preset through `extends`.
   */
  registryFor(file: string | null, settings: Settings): Registry {
    const glossary = file ? this.glossaryFor(file) : null;
    if (!glossary) return presetRegistry(settings.preset);
    return this.load(glossary).registry;
  }

  /**
   * Where workspace-level edits for a draft at `file` go: the glossary that applies to
   * it, else a new .alignment-terms.yaml at its workspace folder (or beside it).
   */
  houseGlossaryFor(file: string): { path: string; exists: boolean } {
    const existing = this.glossaryFor(file);
    if (existing) return { path: existing, exists: true };
    const folder = this.folderOf(file) ?? dirname(file);
    return { path: `${folder === '/' ? '' : folder}/${GLOSSARY_FILE}`, exists: false };
  }

  /** The glossary file that applies to a draft at `file`, or null. */
  glossaryFor(file: string): string | null {
    const folder = this.folderOf(file);
    return this.lookUp(dirname(file), folder);
  }

  /**
   * A file changed, was created or deleted (a watched-file event, or an open glossary
   * edited). Reloads every glossary whose chain contains it, at once, so its problems
   * show on the glossary file. Returns true when drafts should be checked again.
   */
  changed(file: string): boolean {
    let relevant = false;
    if (file.endsWith(`/${GLOSSARY_FILE}`)) {
      this.nearest.clear();
      relevant = true;
    }
    for (const [glossary, entry] of this.loaded) {
      if (!entry.files.has(file) && glossary !== file) continue;
      entry.stale = true;
      relevant = true;
      if (this.exists(glossary)) this.load(glossary);
      else this.forget(glossary);
    }
    // A glossary nobody has loaded yet (only its editor is open): check it so the author sees its problems.
    if (file.endsWith(`/${GLOSSARY_FILE}`) && !this.loaded.has(file) && this.hooks.openText(file) !== undefined) this.load(file);
    return relevant;
  }

  private load(glossary: string): Loaded {
    const existing = this.loaded.get(glossary);
    if (existing && !existing.stale) return existing;
    const host = { readFile: (p: string) => this.read(p) };
    const folder = this.folderOf(glossary);
    const loaded = loadGlossary(host, glossary, folder ? { boundary: folder } : {});
    const compiled = compileRegistry(loaded.glossary);
    const problems = [...loaded.problems, ...compiled.problems];
    const files = new Set(loaded.glossary.files.filter((f) => !f.startsWith('<built-in:')));
    files.add(glossary);
    this.report(glossary, problems);
    let entry: Loaded;
    if (problems.length === 0) {
      entry = { registry: compiled.registry, files, good: true, stale: false };
    } else if (existing?.good) {
      // Keep serving the last good registry; watch the new chain too, so fixing any file in it reloads.
      entry = { registry: existing.registry, files: new Set([...existing.files, ...files]), good: true, stale: false };
      this.hooks.log(`alignment-terms: ${glossary} has ${problems.length} problem(s); drafts keep its last good version`);
    } else {
      entry = { registry: compiled.registry, files, good: false, stale: false };
      this.hooks.log(`alignment-terms: ${glossary} has ${problems.length} problem(s); using the parts that load`);
    }
    this.loaded.set(glossary, entry);
    return entry;
  }

  private forget(glossary: string): void {
    this.loaded.delete(glossary);
    this.report(glossary, []);
  }

  /** Publishes `problems` of one glossary load, replacing what that glossary reported before. */
  private report(glossary: string, problems: ConfigProblem[]): void {
    const byUri = new Map<string, Diagnostic[]>();
    for (const problem of problems) {
      if (problem.file.startsWith('<built-in:')) continue;
      const uri = pathToUri(problem.file);
      const list = byUri.get(uri) ?? [];
      list.push(this.toDiagnostic(problem));
      byUri.set(uri, list);
    }
    const touched = new Set<string>(byUri.keys());
    for (const [uri, contributions] of this.problems) if (contributions.has(glossary)) touched.add(uri);
    for (const uri of touched) {
      let contributions = this.problems.get(uri);
      if (!contributions) this.problems.set(uri, (contributions = new Map()));
      const mine = byUri.get(uri);
      if (mine) contributions.set(glossary, mine);
      else contributions.delete(glossary);
      const seen = new Set<string>();
      const merged: Diagnostic[] = [];
      for (const list of contributions.values()) {
        for (const d of list) {
          const key = `${d.range.start.line}:${d.range.start.character}:${d.message}`;
          if (!seen.has(key)) merged.push(d), seen.add(key);
        }
      }
      if (contributions.size === 0) this.problems.delete(uri);
      this.hooks.publish(uri, merged);
    }
  }

  private toDiagnostic(problem: ConfigProblem): Diagnostic {
    const line = Math.max(0, problem.line - 1);
    const character = Math.max(0, problem.column - 1);
    const text = this.read(problem.file);
    const lineText = text?.split(/\r\n|\r|\n/)[line] ?? '';
    const end = Math.max(character + 1, lineText.trimEnd().length);
    return {
      range: { start: { line, character }, end: { line, character: end } },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'glossary',
      message: problem.message,
    };
  }

  private read(file: string): string | undefined {
    const open = this.hooks.openText(file);
    if (open !== undefined) return open;
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  private exists(file: string): boolean {
    return this.hooks.openText(file) !== undefined || existsSync(file);
  }

  private folderOf(file: string): string | undefined {
    return this.folders.find((folder) => isInside(file, folder));
  }

  private lookUp(dir: string, folder: string | undefined): string | null {
    const cached = this.nearest.get(dir);
    if (cached !== undefined) return cached;
    const candidate = `${dir === '/' ? '' : dir}/${GLOSSARY_FILE}`;
    let found: string | null;
    if (this.isFile(candidate)) found = candidate;
    else if (dir === folder || dirname(dir) === dir) found = null;
    else found = this.lookUp(dirname(dir), folder);
    this.nearest.set(dir, found);
    return found;
  }

  private isFile(file: string): boolean {
    if (this.hooks.openText(file) !== undefined) return true;
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  }
}
