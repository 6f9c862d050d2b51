/**
 * Turns the raw results of one benchmark run into the Markdown report (tables with
 * medians, p95s, ratios and each target's verdict). Pure: results in, text out.
 */
import { median, p95 } from './stats.mjs';

const LABEL = { single: '1 draft, 20 KB', 'drafts-100': '100 drafts', 'drafts-1000': '1,000 drafts', large: '1 draft, 5 MB' };

const ms = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3)) : 'n/a');
const s = (v) => (Number.isFinite(v) ? (v / 1000).toFixed(2) : 'n/a');
const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1) : 'n/a');
const x = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : '**missed**');

/** The analysis/bare ratio of one in-process case: median pass total over median pass total. */
export function inprocessRatio(time, kind = 'analysis') {
  return median(time.totals[kind]) / median(time.totals.bare);
}

/** The whole Markdown report. */
export function renderReport(r) {
  const out = [];
  out.push(`# alignment-terms benchmark`, '');
  out.push(`${r.date} · ${r.machine.nproc} cores (${r.machine.cpu}) · Node ${r.machine.node} · ${r.machine.commit} · load average ${r.machine.loadBefore} at start, ${r.machine.loadAfter} at end`, '');
  out.push(`Corpus (bench/corpus.mjs, built from the four seed essays, deterministic): ${Object.entries(r.corpus)
    .map(([name, c]) => `${LABEL[name]} ${c.files > 1 ? `(${mb(c.bytes)} MB)` : `(${(c.bytes / 1e3).toFixed(0)} KB)`}`)
    .join(', ')}.`, '');

  if (r.inprocess) {
    out.push('## In-process: whole analysis vs a bare remark-parse', '');
    out.push('`analyze(text, presetRegistry())` (parse, scan, resolve, rules) against `unified().use(remarkParse).parse(text)` on the same documents, alternated document by document after a warm-up; both from esbuild bundles. Per-document times in ms; ratio = median pass total of the analysis / of the bare parse.', '');
    out.push('| documents | bare parse median / p95 | analysis median / p95 | bare MB/s | analysis MB/s | analysis / bare | target |');
    out.push('|---|---|---|---|---|---|---|');
    for (const [name, c] of Object.entries(r.inprocess)) {
      const t = c.time;
      if (!t) continue;
      const ratio = inprocessRatio(t);
      const target = name === 'single' || name === 'drafts-1000' ? `<= 1.5x: ${verdict(ratio <= 1.5)}` : '';
      out.push(`| ${LABEL[name]} (${t.repeats} pass${t.repeats > 1 ? 'es' : ''}) | ${ms(median(t.samples.bare))} / ${ms(p95(t.samples.bare))} | ${ms(median(t.samples.analysis))} / ${ms(p95(t.samples.analysis))} | ${(t.bytes / 1e3 / median(t.totals.bare)).toFixed(2)} | ${(t.bytes / 1e3 / median(t.totals.analysis)).toFixed(2)} | ${x(ratio)} | ${target} |`);
    }
    out.push('');
    out.push("Matching alone: the registry's one compiled matcher run over each document's prose text (what the scan stage does before it looks at a match).", '');
    out.push('| documents | matching median / p95 per document (ms) | share of the bare parse | occurrences | findings |');
    out.push('|---|---|---|---|---|');
    for (const [name, c] of Object.entries(r.inprocess)) {
      const t = c.time;
      if (!t) continue;
      out.push(`| ${LABEL[name]} | ${ms(median(t.samples.match))} / ${ms(p95(t.samples.match))} | ${(inprocessRatio(t, 'match') * 100).toFixed(1)}% | ${t.occurrences} | ${t.findings} |`);
    }
    out.push('');
    out.push('Peak memory (maximum RSS of a process that reads and handles one file at a time; "read only" is Node plus the bundles plus reading):', '');
    out.push('| documents | read only | bare parse | analysis |');
    out.push('|---|---|---|---|');
    for (const [name, c] of Object.entries(r.inprocess)) {
      if (!c.memory) continue;
      out.push(`| ${LABEL[name]} | ${mb(c.memory.read?.maxRss)} MB | ${mb(c.memory.bare?.maxRss)} MB | ${mb(c.memory.analysis?.maxRss)} MB |`);
    }
    out.push('');
  }

  if (r.keystroke) {
    out.push('## Per keystroke (in-process)', '');
    const k20 = r.keystroke.single;
    const k5 = r.keystroke.large;
    out.push(`Re-analysis after a one-line edit (typing a phrase at the end of a line in the middle of the draft, a character at a time, then deleting it). API: ${k20?.api ?? k5?.api}.${k20 && !k20.sameAsFull ? ' **The result differed from a full analysis of the same text.**' : ''}`, '');
    out.push('| case | median | p95 | target |');
    out.push('|---|---|---|---|');
    if (k20) {
      const m = median(k20.samples);
      const p = p95(k20.samples);
      out.push(`| 20 KB draft, ${k20.samples.length} keystrokes | ${ms(m)} ms | ${ms(p)} ms | median <= 3 ms: ${verdict(m <= 3)}; p95 <= 10 ms: ${verdict(p <= 10)} |`);
    }
    if (k5) {
      const m = median(k5.samples);
      out.push(`| 5 MB draft, ${k5.samples.length} keystrokes | ${ms(m)} ms | ${ms(p95(k5.samples))} ms | median <= 100 ms: ${verdict(m <= 100)} |`);
    }
    const l = r.lookups;
    if (l) {
      for (const [name, v] of [['hover', l.hover], ['code actions', l.codeActions]]) {
        const m = median(v.samples);
        const p = p95(v.samples);
        out.push(`| ${name} from the cached analysis (${v.samples.length} lookups, ${v.hits} hits) | ${ms(m)} ms | ${ms(p)} ms | <= 5 ms: ${verdict(p <= 5)} |`);
      }
    }
    const srv = r.server;
    if (srv && !srv.error) {
      out.push(`| language server over stdio: hover round trip | ${ms(median(srv.hoverMs))} ms | ${ms(p95(srv.hoverMs))} ms | <= 5 ms: ${verdict(p95(srv.hoverMs) <= 5)} |`);
    }
    out.push('');
    if (srv && !srv.error) {
      out.push(`Language server (dist/server.js, stdio) with the 20 KB draft open: ${mb(srv.rssBytes)} MB resident, peak ${mb(srv.peakRssBytes)} MB (target <= 100 MB: ${verdict(srv.peakRssBytes <= 100e6)}); first diagnostics ${ms(srv.openToDiagnosticsMs)} ms after didOpen.`, '');
    } else {
      const proxy = r.inprocess?.single?.memory?.analysis?.maxRss;
      out.push(`Language server memory: ${srv?.error ? `the probe failed (${srv.error})` : 'dist/server.js is not built yet'}; as a stand-in, a Node process holding the engine with the 20 KB draft analysed peaks at ${mb(proxy)} MB (target for the server: <= 100 MB).`, '');
    }
  }

  if (r.cli) {
    out.push('## CLI, whole process', '');
    out.push(`\`node bin/alignment-terms.js lint --format json FILES\` against a bare single-threaded remark-parse script over the same files (bench/bare-parse.mjs) ${r.textlint ? `and textlint ${r.textlint.version} + textlint-rule-terminology ${r.textlint.ruleVersion} configured with the same ${r.textlint.terms} term spellings` : '(textlint was not installed: `npm ci --prefix bench`)'}, run in rotating order, start-up included. Medians of ${Object.values(r.cli).map((c) => c.cli.length).join('/')} runs; peak memory is /usr/bin/time's maximum resident set size.`, '');
    out.push('| files | alignment-terms | bare parse | textlint | alignment-terms / bare | textlint / alignment-terms | target |');
    out.push('|---|---|---|---|---|---|---|');
    for (const [name, c] of Object.entries(r.cli)) {
      const a = median(c.cli.map((v) => v.ms));
      const b = median(c.bare.map((v) => v.ms));
      const t = median(c.textlint.map((v) => v.ms));
      const target =
        name === 'single' ? `<= 0.35 s: ${verdict(a <= 350)}` : name === 'drafts-100' ? `<= 1.3x bare: ${verdict(a / b <= 1.3)}` : `<= 1.0x bare: ${verdict(a / b <= 1.0)}; >= 4x faster than textlint: ${verdict(t / a >= 4)}`;
      out.push(`| ${LABEL[name]} | ${s(a)} s | ${s(b)} s | ${s(t)} s | ${x(a / b)} | ${x(t / a)} | ${target} |`);
    }
    out.push('');
    out.push('| files | peak RSS alignment-terms | bare parse | textlint |');
    out.push('|---|---|---|---|');
    for (const [name, c] of Object.entries(r.cli)) {
      out.push(`| ${LABEL[name]} | ${mb(median(c.cli.map((v) => v.maxRssBytes)))} MB | ${mb(median(c.bare.map((v) => v.maxRssBytes)))} MB | ${mb(median(c.textlint.map((v) => v.maxRssBytes)))} MB |`);
    }
    out.push('');
    const m100 = r.cli['drafts-100'] && median(r.cli['drafts-100'].cli.map((v) => v.maxRssBytes));
    const m1000 = r.cli['drafts-1000'] && median(r.cli['drafts-1000'].cli.map((v) => v.maxRssBytes));
    if (m100 && m1000) {
      out.push(`Peak memory on 1,000 drafts: ${mb(m1000)} MB (target <= 280 MB: ${verdict(m1000 <= 280e6)}); 1,000 vs 100 drafts: ${x(m1000 / m100)} (target: flat).`, '');
    }
    if (r.cache) {
      out.push(r.cache.error ? `\`--cache\`: ${r.cache.error}.` : `\`--cache\` on 1,000 drafts: first run ${s(r.cache.first)} s, second run over the unchanged corpus ${s(r.cache.second)} s = ${((r.cache.second / r.cache.first) * 100).toFixed(0)}% (target <= 10%: ${verdict(r.cache.second / r.cache.first <= 0.1)}).`, '');
    }
  }
  out.push('Reproduce: `npm run bench` (needs ../shared/seeds; see README, Performance).', '');
  return out.join('\n');
}
