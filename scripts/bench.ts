// `npm run bench`: how fast is a full lint, compared with markdownlint (a plain Markdown linter) and with a
// bare remark parse of the same text, on generated design docs of about 1,000, 10,000 and 50,000 lines?
// Every engine run uses a fresh createEngine() and an empty mermaid validation cache, so nothing is cached:
// the cost of opening a file.
// Prints a table and writes .test-output/bench-results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lint as markdownlintSync } from 'markdownlint/sync';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { unified } from 'unified';
import { createEngine } from '../server/src/engine';
import { clearMermaidValidationCache } from '../server/src/engine/mermaid/validate';
import { isMainScript, median, seededRandom } from './bench-util';

interface SizeResult {
  targetLines: number;
  lines: number;
  bytes: number;
  /** Distinct mermaid diagrams in the doc, each validated cold. */
  diagrams: number;
  runs: number;
  engineMs: number;
  markdownlintMs: number;
  bareParseMs: number;
  /** remark-parse with the GFM and front-matter extensions the engine must use (tables are common in docs). */
  gfmParseMs: number;
  engineVsGfmParse: number;
  engineFindings: number;
  engineVsMarkdownlint: number;
  engineVsBareParse: number;
  engineMsPer1kLines: number;
  markdownlintMsPer1kLines: number;
  bareParseMsPer1kLines: number;
}

const DEFAULT_SIZES = [1_000, 10_000, 50_000];

// --- Document generation -----------------------------------------------------------------------
// Deterministic (seeded) so numbers are comparable across runs and machines.

const CASES = ['video recommendation', 'ad click prediction', 'harmful content detection', 'visual search', 'people you may know', 'event recommendation'];
const WORDS = (
  'the model ranks candidates by predicted engagement while the retrieval stage keeps recall high under a tight latency budget ' +
  'features come from user history item metadata and context signals logged by the serving path and joined in the data lake ' +
  'offline metrics such as ndcg and recall at k disagree with online click through rate because logged data carries position bias'
).split(' ');

function sentence(random: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  const text = picked.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: () => number): string[] {
  const sentences = 2 + Math.floor(random() * 3);
  // Wrapped prose, as people write it in editors: a few sentences per line.
  return Array.from({ length: sentences }, () => sentence(random, 10 + Math.floor(random() * 12)));
}

/**
 * How often a case study carries a mermaid diagram. The labelled corpus (../shared/corpus/dev) has
 * 5 diagrams in 3,114 lines, one per ~620; a case study is ~72 lines, so one in 8 gives one diagram
 * per ~580 lines. Tables (one per case study, seven times the corpus rate) and code blocks stay dense,
 * which makes the GFM parse cost conservative. `--diagram-heavy` runs a diagram in every case study.
 */
export const CORPUS_DIAGRAM_EVERY = 8;

export interface GeneratorOptions {
  /** A mermaid diagram in every Nth case study (1 = all of them). */
  diagramEvery?: number;
}

/** One case study: the seven steps with the material real docs use (lists, tables, mermaid, code, a metric gap, a latency budget). */
function caseStudy(random: () => number, index: number, diagramEvery: number): string[] {
  const name = CASES[index % CASES.length]!;
  const out: string[] = [`# ${name[0]!.toUpperCase()}${name.slice(1)} (part ${index + 1})`, ''];
  out.push('## 1. Clarifying requirements', '', ...paragraph(random), '');
  out.push('- How many daily active users? About 200 million.', '- Peak QPS: 50k ranking requests per second.', '- Privacy: no raw location leaves the region.', '');
  out.push('## 2. Frame the problem as an ML task', '', ...paragraph(random), '', 'Input: user and candidate features. Output: probability of a click, used to rank.', '');
  out.push('## 3. Data preparation', '', ...paragraph(random), '');
  out.push('| Feature | Type | Source | Freshness |', '| --- | --- | --- | --- |');
  for (let row = 0; row < 6; row++) out.push(`| feature_${index}_${row} | ${row % 2 ? 'categorical' : 'numeric'} | ${row % 3 ? 'stream' : 'batch'} | ${1 + row}h |`);
  out.push('', 'Batch logs land in the data lake nightly; streaming events go through Kafka and Flink.', '');
  out.push('## 4. Model development', '', ...paragraph(random), '');
  out.push('```python', 'def score(user, items):', '    candidates = retrieve(user, k=500)', '    return ranker.predict(user, candidates)', '```', '');
  out.push('Baseline first: logistic regression on hashed features, retrained every 6 hours.', '');
  out.push('## 5. Evaluation', '', '- Offline: NDCG@10, recall@100, log loss.', '- Online: CTR, watch time, hide rate, with an A/B test.', '');
  out.push('Offline metrics disagree with online results because the logged data comes from the old model (position and selection bias); interleaving and guardrail metrics close the gap.', '');
  out.push('## 6. Deployment and serving', '', ...paragraph(random), '');
  if (index % diagramEvery === 0) {
    // The case number in a label makes every diagram distinct, so none is a validation-cache hit of another.
    out.push('```mermaid', 'flowchart LR', `  A[Client ${index + 1}] --> B[Candidate generation]`, '  B --> C[Ranker]', '  C --> D[Re-ranking]', '  D --> A', '```', '');
  } else {
    out.push('Requests go from the client to candidate generation, then the ranker and re-ranking (see the diagram in part 1).', '');
  }
  out.push('The latency budget is p99 < 200 ms end to end: retrieval 50 ms, ranking 100 ms, the rest for the network.', '');
  out.push('## 7. Monitoring', '', ...paragraph(random), '', '- Data drift and feature freshness alerts.', '- Retraining triggers when calibration decays.', '');
  return out;
}

export function generateDesignDoc(targetLines: number, seed = 42, options: GeneratorOptions = {}): string {
  const diagramEvery = options.diagramEvery ?? CORPUS_DIAGRAM_EVERY;
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let index = 0; lines.length < targetLines; index++) lines.push(...caseStudy(random, index, diagramEvery));
  return `${lines.join('\n')}\n`;
}

// --- Timing ------------------------------------------------------------------------------------

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function medianMs(runs: number, task: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    collectGarbage();
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function runsFor(lines: number): number {
  if (lines <= 2_000) return 15;
  if (lines <= 20_000) return 7;
  return 5;
}

async function benchSize(targetLines: number, runsOverride?: number, generator: GeneratorOptions = {}): Promise<SizeResult> {
  const text = generateDesignDoc(targetLines, 42, generator);
  const lines = text.split('\n').length - 1;
  const runs = runsOverride ?? runsFor(lines);
  let engineFindings = 0;
  const lintOnce = async () => {
    // The validation cache is module-level: without this, every run after the first would skip mermaid entirely.
    clearMermaidValidationCache();
    const result = await createEngine().lint(text);
    engineFindings = result.findings.length;
  };
  const markdownlintOnce = () => markdownlintSync({ strings: { doc: text } });
  const parseOnce = () => unified().use(remarkParse).parse(text);
  const gfmParseOnce = () => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).parse(text);
  // One warm-up each so JIT compilation and module initialisation (mermaid's parsers) are not measured.
  await lintOnce();
  markdownlintOnce();
  parseOnce();
  gfmParseOnce();
  const engineMs = await medianMs(runs, lintOnce);
  const markdownlintMs = await medianMs(runs, markdownlintOnce);
  const bareParseMs = await medianMs(runs, parseOnce);
  const gfmParseMs = await medianMs(runs, gfmParseOnce);
  const per1k = (ms: number) => (ms / lines) * 1000;
  return {
    targetLines,
    lines,
    bytes: Buffer.byteLength(text),
    diagrams: text.match(/^```mermaid$/gm)?.length ?? 0,
    runs,
    engineMs,
    markdownlintMs,
    bareParseMs,
    gfmParseMs,
    engineVsGfmParse: engineMs / gfmParseMs,
    engineFindings,
    engineVsMarkdownlint: engineMs / markdownlintMs,
    engineVsBareParse: engineMs / bareParseMs,
    engineMsPer1kLines: per1k(engineMs),
    markdownlintMsPer1kLines: per1k(markdownlintMs),
    bareParseMsPer1kLines: per1k(bareParseMs),
  };
}

/**
 * Marginal cost of 1,000 more lines between consecutive sizes. A fixed start-up cost (module and parser
 * initialisation) inflates the per-line figure of small docs; the marginal cost shows how the work grows.
 */
function marginalPer1kLines(results: SizeResult[], key: 'engineMs' | 'markdownlintMs' | 'bareParseMs'): { from: number; to: number; ms: number }[] {
  return results.slice(1).map((result, i) => {
    const previous = results[i]!;
    return { from: previous.lines, to: result.lines, ms: ((result[key] - previous[key]) / (result.lines - previous.lines)) * 1000 };
  });
}

/** Time per 1,000 lines at the largest size over the smallest: 1.0 is perfectly linear. */
function growth(results: SizeResult[], key: 'engineMsPer1kLines' | 'markdownlintMsPer1kLines' | 'bareParseMsPer1kLines'): number {
  return results[results.length - 1]![key] / results[0]![key];
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [format(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)].join('\n');
}

// --- Optional benches written by other parts of the project --------------------------------------

// Loaded on demand: the preview bench pulls in Chromium, which --engine-only runs do not need.
const OPTIONAL_BENCHES = {
  lsp: async () => (await import('./bench-lsp')).benchLsp(),
  preview: async () => (await import('./bench-preview')).benchPreview(),
};

/** Runs one of the other benches; a failure (no Chromium, no dist/server.js) is recorded, not fatal. */
async function runOptionalBench(name: keyof typeof OPTIONAL_BENCHES): Promise<unknown> {
  try {
    return await OPTIONAL_BENCHES[name]();
  } catch (error) {
    return { failed: (error as Error).message };
  }
}

/** Lines of the extra diagram-heavy run: the stress case for mermaid validation, outside the size series. */
const DIAGRAM_HEAVY_LINES = 10_000;

function parseArgs(argv: readonly string[]): { sizes: number[]; runs?: number; optional: boolean; diagramHeavy: boolean } {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const sizes = value('--sizes')?.split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0) ?? DEFAULT_SIZES;
  const runs = value('--runs') !== undefined ? Math.max(1, Number(value('--runs'))) : undefined;
  return { sizes: sizes.length ? sizes : DEFAULT_SIZES, ...(runs !== undefined && Number.isFinite(runs) ? { runs } : {}), optional: !argv.includes('--engine-only'), diagramHeavy: !argv.includes('--no-diagram-heavy') };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!(globalThis as { gc?: unknown }).gc) process.stdout.write('note: run with node --expose-gc for steadier numbers\n');
  const results: SizeResult[] = [];
  for (const size of args.sizes) {
    process.stdout.write(`benchmarking ~${size.toLocaleString('en-US')} lines...\n`);
    results.push(await benchSize(size, args.runs));
  }
  let diagramHeavy: SizeResult | undefined;
  if (args.diagramHeavy) {
    process.stdout.write(`benchmarking ~${DIAGRAM_HEAVY_LINES.toLocaleString('en-US')} lines with a diagram in every case study...\n`);
    diagramHeavy = await benchSize(DIAGRAM_HEAVY_LINES, args.runs, { diagramEvery: 1 });
  }
  const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
  process.stdout.write(
    `\nFull lint (cold cache) vs markdownlint (default rules) vs bare remark parse, median ms\n` +
      `(diagram density as in the labelled corpus, one per ~600 lines; the * row has one per ~70 lines)\n\n${table(
      ['lines', 'KB', 'diagrams', 'runs', 'engine', 'markdownlint', 'bare parse', 'gfm parse', 'engine/mdlint', 'engine/parse', 'engine/gfm parse', 'engine ms/1k lines', 'findings'],
      [...results, ...(diagramHeavy ? [diagramHeavy] : [])].map((r) => [
        `${r.lines.toLocaleString('en-US')}${r === diagramHeavy ? '*' : ''}`,
        (r.bytes / 1024).toFixed(0),
        String(r.diagrams),
        String(r.runs),
        ms(r.engineMs),
        ms(r.markdownlintMs),
        ms(r.bareParseMs),
        ms(r.gfmParseMs),
        `${r.engineVsMarkdownlint.toFixed(2)}x`,
        `${r.engineVsBareParse.toFixed(2)}x`,
        `${r.engineVsGfmParse.toFixed(2)}x`,
        ms(r.engineMsPer1kLines),
        String(r.engineFindings),
      ]),
    )}\n`,
  );
  const linearity =
    results.length > 1
      ? { engine: growth(results, 'engineMsPer1kLines'), markdownlint: growth(results, 'markdownlintMsPer1kLines'), bareParse: growth(results, 'bareParseMsPer1kLines') }
      : undefined;
  if (linearity) {
    process.stdout.write(
      `\nGrowth: ms per 1,000 lines at ${results.at(-1)!.lines.toLocaleString('en-US')} lines / at ${results[0]!.lines.toLocaleString('en-US')} lines ` +
        `(1.00 = linear): engine ${linearity.engine.toFixed(2)}, markdownlint ${linearity.markdownlint.toFixed(2)}, bare parse ${linearity.bareParse.toFixed(2)}\n`,
    );
  }

  const marginal =
    results.length > 1
      ? { engine: marginalPer1kLines(results, 'engineMs'), markdownlint: marginalPer1kLines(results, 'markdownlintMs'), bareParse: marginalPer1kLines(results, 'bareParseMs') }
      : undefined;
  if (marginal) {
    process.stdout.write('Marginal ms per 1,000 more lines (constant = linear):\n');
    marginal.engine.forEach((step, i) => {
      process.stdout.write(
        `  ${step.from.toLocaleString('en-US')} -> ${step.to.toLocaleString('en-US')} lines: engine ${step.ms.toFixed(1)}, ` +
          `markdownlint ${marginal.markdownlint[i]!.ms.toFixed(1)}, bare parse ${marginal.bareParse[i]!.ms.toFixed(1)}\n`,
      );
    });
  }

  const optional: Record<string, unknown> = {};
  if (args.optional) {
    for (const name of ['lsp', 'preview'] as const) {
      process.stdout.write(`\n${name} bench:\n`);
      optional[name] = await runOptionalBench(name);
      process.stdout.write(`${JSON.stringify(optional[name], null, 2)}\n`);
    }
  }

  const output = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    gcExposed: Boolean((globalThis as { gc?: unknown }).gc),
    sizes: results,
    ...(diagramHeavy ? { diagramHeavy } : {}),
    ...(linearity ? { linearity } : {}),
    ...(marginal ? { marginalMsPer1kLines: marginal } : {}),
    ...optional,
  };
  mkdirSync('.test-output', { recursive: true });
  const file = join('.test-output', 'bench-results.json');
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`\nwrote ${file}\n`);
}

// Runs as dist/bench.js (or `tsx scripts/bench.ts`); importing generateDesignDoc elsewhere has no side effects.
if (isMainScript('bench')) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
