// `npm run bench`: how fast is a full lint, compared with markdownlint (a plain Markdown linter) and with a
// bare remark parse of the same text, on generated design docs of about 1,000, 10,000 and 50,000 lines?
// Every engine run uses a fresh createEngine() and an empty mermaid validation cache, so nothing is cached:
// the cost of opening a file.
// Prints a table and writes .test-output/bench-results.json.
import { fork } from 'node:child_process';
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
import { clearJudgmentMemos } from '../server/src/engine/judgment/judge';
import { isMainScript, median, seededRandom } from './bench-util';
import { benchCli, formatCliBench, type CliBenchResult } from './bench-cli';

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
 * How often a case study carries a mermaid diagram, and a table, to match the labelled corpus
 * (../shared/corpus/dev): 5 diagrams and 6 tables in 3,114 lines, one per ~620 and one per ~520. A case
 * study is ~72 lines, so one in 8 gives one diagram per ~580 lines and one in 7 one table per ~500.
 * Both matter because the bare parse does neither: GFM tables cost micromark three to four times
 * what a paragraph does (a tokenizer per cell), and mermaid ~4 ms a diagram. The stress row (`*`)
 * puts both in every case study, seven to eight times the corpus rate, so their cost stays visible.
 */
export const CORPUS_DIAGRAM_EVERY = 8;
export const CORPUS_TABLE_EVERY = 7;

export interface GeneratorOptions {
  /** A mermaid diagram in every Nth case study (1 = all of them). */
  diagramEvery?: number;
  /** A feature table in every Nth case study (1 = all of them). */
  tableEvery?: number;
}

/** One case study: the seven steps with the material real docs use (lists, tables, mermaid, code, a metric gap, a latency budget). */
function caseStudy(random: () => number, index: number, { diagramEvery, tableEvery }: Required<GeneratorOptions>): string[] {
  const name = CASES[index % CASES.length]!;
  const out: string[] = [`# ${name[0]!.toUpperCase()}${name.slice(1)} (part ${index + 1})`, ''];
  out.push('## 1. Clarifying requirements', '', ...paragraph(random), '');
  out.push('- How many daily active users? About 200 million.', '- Peak QPS: 50k ranking requests per second.', '- Privacy: no raw location leaves the region.', '');
  out.push('## 2. Frame the problem as an ML task', '', ...paragraph(random), '', 'Input: user and candidate features. Output: probability of a click, used to rank.', '');
  out.push('## 3. Data preparation', '', ...paragraph(random), '');
  if (index % tableEvery === 0) {
    out.push('| Feature | Type | Source | Freshness |', '| --- | --- | --- | --- |');
    for (let row = 0; row < 6; row++) out.push(`| feature_${index}_${row} | ${row % 2 ? 'categorical' : 'numeric'} | ${row % 3 ? 'stream' : 'batch'} | ${1 + row}h |`);
  } else {
    out.push(
      `- Features: user history, item metadata and context (set ${index + 1}).`,
      '- Sources: the event stream for fresh signals, nightly batch tables for the rest.',
      '- Freshness: from one hour (engagement counts) to a day (profiles).',
    );
  }
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
  const density = { diagramEvery: options.diagramEvery ?? CORPUS_DIAGRAM_EVERY, tableEvery: options.tableEvery ?? CORPUS_TABLE_EVERY };
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let index = 0; lines.length < targetLines; index++) lines.push(...caseStudy(random, index, density));
  return `${lines.join('\n')}\n`;
}

// --- Timing: each contender in a process of its own, timed in turn --------------------------------
//
// All four in one process made them pay for each other: the whole-document parses promote all their
// events to the old generation, and the full GC that follows lands in whichever run comes next and
// deoptimises its hot code ("marking dependent code for deoptimization, reason: weak objects" in
// node --trace-deopt). A forced full GC before each run, which this bench used to do, deoptimised
// every run, so it measured V8 re-optimising micromark at 2.5 to 3 times the steady-state time of all
// of them. Now each contender has its own heap, and a minor GC before each run empties the young
// generation; the parent still asks the processes for one run each in turn, so that every contender
// gets the same share of the machine's drift (other load, CPU frequency).

const CONTENDERS = ['engine', 'markdownlint', 'bareParse', 'gfmParse'] as const;
type Contender = (typeof CONTENDERS)[number];

/** Runs of each contender before timing starts, so JIT compilation and module initialisation (mermaid's parsers) are not measured. */
const WARM_UP_RUNS = 3;

interface DocSpec {
  targetLines: number;
  generator: GeneratorOptions;
}
type ToContender = { kind: 'prepare'; doc: DocSpec } | { kind: 'run' };
type FromContender = { kind: 'ready'; findings?: number } | { kind: 'timed'; ms: number } | { kind: 'failed'; message: string };

/** What a contender does once per run; the engine's result is its number of findings. */
function contenderTask(contender: Contender, text: string): () => Promise<number | undefined> {
  switch (contender) {
    case 'engine':
      return async () => {
        // The validation cache and the judgment's memos are module-level: without this, every run after
        // the first would skip mermaid and find most passages already judged (a doc small enough to fit
        // the memos looked faster than one that overflows them).
        clearMermaidValidationCache();
        clearJudgmentMemos();
        return (await createEngine().lint(text)).findings.length;
      };
    case 'markdownlint':
      return async () => void markdownlintSync({ strings: { doc: text } });
    case 'bareParse':
      return async () => void unified().use(remarkParse).parse(text);
    case 'gfmParse':
      return async () => void unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).parse(text);
  }
}

/** The child side (`bench.js --contender NAME`): prepares the doc, then times one run per request. */
function serveContender(contender: Contender): void {
  const gc = (globalThis as { gc?: (options?: { type?: 'major' | 'minor' }) => void }).gc;
  const reply = (message: FromContender) => process.send!(message);
  let task: (() => Promise<number | undefined>) | undefined;
  process.on('message', (message: ToContender) => {
    void (async () => {
      try {
        if (message.kind === 'prepare') {
          task = contenderTask(contender, generateDesignDoc(message.doc.targetLines, 42, message.doc.generator));
          let findings: number | undefined;
          for (let run = 0; run < WARM_UP_RUNS; run++) findings = await task();
          reply({ kind: 'ready', ...(findings !== undefined ? { findings } : {}) });
        } else {
          gc?.({ type: 'minor' });
          const start = performance.now();
          await task!();
          reply({ kind: 'timed', ms: performance.now() - start });
        }
      } catch (error) {
        reply({ kind: 'failed', message: (error as Error).stack ?? String(error) });
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

/** A contender process, with a way to ask it one thing and wait for the answer. */
function startContender(contender: Contender): { ask(message: ToContender): Promise<FromContender>; stop(): void } {
  const child = fork(process.argv[1]!, ['--contender', contender], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exited: Error | undefined;
  const waiting: ((message: FromContender) => void)[] = [];
  child.on('message', (message: FromContender) => waiting.shift()?.(message));
  child.on('exit', (code) => {
    exited = new Error(`${contender} bench process exited with code ${code}`);
    for (const resolve of waiting.splice(0)) resolve({ kind: 'failed', message: exited.message });
  });
  return {
    ask: (message) =>
      new Promise((resolve, reject) => {
        if (exited) return reject(exited);
        waiting.push((answer) => (answer.kind === 'failed' ? reject(new Error(`${contender}: ${answer.message}`)) : resolve(answer)));
        child.send(message);
      }),
    stop: () => child.disconnect(),
  };
}

/** Median ms per contender over `runs` rounds, and the engine's findings. */
async function timeContenders(doc: DocSpec, runs: number): Promise<{ medians: Record<Contender, number>; engineFindings: number }> {
  const processes = CONTENDERS.map((contender) => [contender, startContender(contender)] as const);
  try {
    let engineFindings = 0;
    for (const [contender, child] of processes) {
      const ready = await child.ask({ kind: 'prepare', doc });
      if (contender === 'engine' && ready.kind === 'ready') engineFindings = ready.findings ?? 0;
    }
    const samples = new Map<Contender, number[]>(CONTENDERS.map((contender) => [contender, []]));
    for (let run = 0; run < runs; run++) {
      for (const [contender, child] of processes) {
        const answer = await child.ask({ kind: 'run' });
        if (answer.kind === 'timed') samples.get(contender)!.push(answer.ms);
      }
    }
    const medians = Object.fromEntries(CONTENDERS.map((contender) => [contender, median(samples.get(contender)!)])) as Record<Contender, number>;
    return { medians, engineFindings };
  } finally {
    for (const [, child] of processes) child.stop();
  }
}

function runsFor(lines: number): number {
  if (lines <= 2_000) return 25;
  if (lines <= 20_000) return 7;
  return 5;
}

async function benchSize(targetLines: number, runsOverride?: number, generator: GeneratorOptions = {}): Promise<SizeResult> {
  const text = generateDesignDoc(targetLines, 42, generator);
  const lines = text.split('\n').length - 1;
  const runs = runsOverride ?? runsFor(lines);
  const { medians, engineFindings } = await timeContenders({ targetLines, generator }, runs);
  const { engine: engineMs, markdownlint: markdownlintMs, bareParse: bareParseMs, gfmParse: gfmParseMs } = medians;
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

/** Lines of the extra dense run, a diagram and a table in every case study: the stress case for mermaid and GFM, outside the size series. */
const DENSE_LINES = 10_000;

function parseArgs(argv: readonly string[]): { sizes: number[]; runs?: number; optional: boolean; dense: boolean; cli: boolean; cliOnly: boolean } {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const sizes =
    value('--sizes')
      ?.split(',')
      .map(Number)
      .filter((n) => Number.isFinite(n) && n > 0) ?? DEFAULT_SIZES;
  const runs = value('--runs') !== undefined ? Math.max(1, Number(value('--runs'))) : undefined;
  return {
    sizes: sizes.length ? sizes : DEFAULT_SIZES,
    ...(runs !== undefined && Number.isFinite(runs) ? { runs } : {}),
    optional: !argv.includes('--engine-only'),
    dense: !argv.includes('--no-dense'),
    cli: !argv.includes('--no-cli') && !argv.includes('--engine-only'),
    cliOnly: argv.includes('--cli-only'),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // The command line against markdownlint-cli2 (scripts/bench-cli.ts): `--cli-only` runs just that, `--no-cli` and `--engine-only` skip it.
  let cli: CliBenchResult | undefined;
  if (args.cli || args.cliOnly) {
    process.stdout.write('benchmarking the command line against markdownlint-cli2 (a folder of 300 docs, a 20,000-line doc)...\n');
    cli = await benchCli(join(__dirname, '..'), (lines, seed) => generateDesignDoc(lines, seed));
    process.stdout.write(formatCliBench(cli));
    if (args.cliOnly) {
      writeResults({ date: new Date().toISOString(), node: process.version, platform: `${process.platform} ${process.arch}`, cli });
      return;
    }
  }
  const results: SizeResult[] = [];
  for (const size of args.sizes) {
    process.stdout.write(`benchmarking ~${size.toLocaleString('en-US')} lines...\n`);
    results.push(await benchSize(size, args.runs));
  }
  let dense: SizeResult | undefined;
  if (args.dense) {
    process.stdout.write(`benchmarking ~${DENSE_LINES.toLocaleString('en-US')} lines with a diagram and a table in every case study...\n`);
    dense = await benchSize(DENSE_LINES, args.runs, { diagramEvery: 1, tableEvery: 1 });
  }
  const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
  process.stdout.write(
    `\nFull lint (cold cache) vs markdownlint (default rules) vs bare remark parse, median ms\n` +
      `(diagrams and tables as dense as in the labelled corpus, one each per ~500-600 lines; the * row has one of each per ~70 lines)\n\n${table(
        ['lines', 'KB', 'diagrams', 'runs', 'engine', 'markdownlint', 'bare parse', 'gfm parse', 'engine/mdlint', 'engine/parse', 'engine/gfm parse', 'engine ms/1k lines', 'findings'],
        [...results, ...(dense ? [dense] : [])].map((r) => [
          `${r.lines.toLocaleString('en-US')}${r === dense ? '*' : ''}`,
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
    results.length > 1 ? { engine: growth(results, 'engineMsPer1kLines'), markdownlint: growth(results, 'markdownlintMsPer1kLines'), bareParse: growth(results, 'bareParseMsPer1kLines') } : undefined;
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
    timing: 'each contender in a process of its own, a minor GC before each run, one run of each in turn',
    sizes: results,
    ...(dense ? { dense } : {}),
    ...(linearity ? { linearity } : {}),
    ...(marginal ? { marginalMsPer1kLines: marginal } : {}),
    ...optional,
    ...(cli ? { cli } : {}),
  };
  if (cli) process.stdout.write(formatCliBench(cli)); // again at the end, where the summary is read
  writeResults(output);
}

function writeResults(output: unknown): void {
  mkdirSync('.test-output', { recursive: true });
  const file = join('.test-output', 'bench-results.json');
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`\nwrote ${file}\n`);
}

// Runs as dist/bench.js (tsx cannot run it: the engine imports its .md templates as text, which esbuild's
// loader provides); it forks itself with --contender for each timed process. Importing generateDesignDoc
// elsewhere has no side effects.
if (isMainScript('bench') && process.argv.includes('--contender')) {
  const contender = process.argv[process.argv.indexOf('--contender') + 1];
  if (!CONTENDERS.includes(contender as Contender)) {
    process.stderr.write(`bench: --contender must be one of ${CONTENDERS.join(', ')}\n`);
    process.exit(2);
  }
  serveContender(contender as Contender);
} else if (isMainScript('bench')) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
