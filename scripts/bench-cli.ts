// The command line against markdownlint-cli2, part of `npm run bench` (scripts/bench.ts): the packaged
// `mlsd-lint` (staged as `npm pack` would ship it) and markdownlint-cli2 (default config) run as
// processes on the same files, in turn, in the same run, so both see the same machine load. Two
// cases: a folder of 300 distinct ~200-line design docs, and a single 20,000-line doc. Each
// contender's wall time (median of its runs) and peak resident memory (the most any of its runs
// reached, the process's maxRSS: every thread of it) are reported, and mlsd-lint's ratio to
// markdownlint-cli2. The targets: folder <= 0.6x, single doc <= 0.5x, memory <= 1x.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './bench-util';

export interface CliCase {
  name: 'folder' | 'single';
  files: number;
  lines: number;
  runs: number;
  mlsdMs: number;
  markdownlintCli2Ms: number;
  /** mlsd-lint's time over markdownlint-cli2's. */
  timeRatio: number;
  mlsdPeakRssMb: number;
  markdownlintCli2PeakRssMb: number;
  /** mlsd-lint's peak memory over markdownlint-cli2's. */
  memoryRatio: number;
}

export interface CliBenchResult {
  cores: number;
  mlsdLint: string;
  markdownlintCli2: string;
  cases: CliCase[];
}

/** Writes the process's peak resident memory (KB) to $MLSD_BENCH_RSS_FILE when it exits; loaded with --require. */
const PEAK_RSS_PRELOAD = `const { isMainThread } = require('node:worker_threads');
if (isMainThread && process.env.MLSD_BENCH_RSS_FILE) {
  const file = process.env.MLSD_BENCH_RSS_FILE;
  process.on('exit', () => require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
`;

/**
 * The docs: the bench generator's case studies with a seed per doc, so no two docs share their prose;
 * the case number in every diagram's label also gets the doc's number, so no diagram is a validation
 * cache hit of another doc's.
 */
function writeDocs(root: string, generate: (lines: number, seed: number) => string): { folder: string; single: string; folderLines: number; singleLines: number } {
  const folder = join(root, 'docs');
  mkdirSync(folder, { recursive: true });
  let folderLines = 0;
  for (let doc = 0; doc < 300; doc++) {
    const text = generate(200, 1_000 + doc).replace(/\[Client (\d+)\]/g, (_, n: string) => `[Client ${doc + 1}.${n}]`);
    folderLines += text.split('\n').length - 1;
    writeFileSync(join(folder, `doc-${String(doc).padStart(3, '0')}.md`), text);
  }
  const single = join(root, 'single', 'big.md');
  mkdirSync(join(root, 'single'));
  const big = generate(20_000, 42);
  writeFileSync(single, big);
  return { folder, single, folderLines, singleLines: big.split('\n').length - 1 };
}

/** Runs a node script with the peak-memory preload; resolves with wall ms and peak RSS in MB. */
function timeProcess(script: string, args: string[], cwd: string, preload: string, rssFile: string): Promise<{ ms: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    rmSync(rssFile, { force: true });
    const start = performance.now();
    const child = spawn(process.execPath, ['--require', preload, script, ...args], { cwd, stdio: 'ignore', env: { ...process.env, MLSD_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' } });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      // Both exit 1 on these docs (findings); anything else is a failed run.
      if (code !== 0 && code !== 1) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
      try {
        resolve({ ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 });
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

export async function benchCli(repoRoot: string, generate: (lines: number, seed: number) => string, runs = { folder: 3, single: 5 }): Promise<CliBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'mlsd-bench-cli-'));
  try {
    // The package as `npm pack` ships it (minified bundles), not the development build.
    const pkg = join(work, 'package');
    execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--server-package', pkg], { cwd: repoRoot, stdio: 'ignore' });
    const mlsd = join(pkg, 'bin', 'mlsd-lint.js');
    const cli2 = join(repoRoot, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
    const preload = join(work, 'peak-rss.cjs');
    writeFileSync(preload, PEAK_RSS_PRELOAD);
    const rssFile = join(work, 'rss');
    const docs = writeDocs(join(work, 'work'), generate);
    const cwd = join(work, 'work');

    const cases: CliCase[] = [];
    for (const [name, input, files, lines] of [
      ['folder', 'docs', 300, docs.folderLines],
      ['single', 'single/big.md', 1, docs.singleLines],
    ] as const) {
      const count = runs[name];
      const samples = { mlsd: [] as number[], cli2: [] as number[] };
      const peaks = { mlsd: 0, cli2: 0 };
      // One unmeasured run each warms the file cache; then one run of each in turn.
      await timeProcess(mlsd, [input], cwd, preload, rssFile);
      await timeProcess(cli2, [name === 'folder' ? 'docs/**/*.md' : input], cwd, preload, rssFile);
      for (let run = 0; run < count; run++) {
        const a = await timeProcess(mlsd, [input], cwd, preload, rssFile);
        const b = await timeProcess(cli2, [name === 'folder' ? 'docs/**/*.md' : input], cwd, preload, rssFile);
        samples.mlsd.push(a.ms);
        samples.cli2.push(b.ms);
        peaks.mlsd = Math.max(peaks.mlsd, a.rssMb);
        peaks.cli2 = Math.max(peaks.cli2, b.rssMb);
      }
      const mlsdMs = median(samples.mlsd);
      const cli2Ms = median(samples.cli2);
      cases.push({
        name,
        files,
        lines,
        runs: count,
        mlsdMs,
        markdownlintCli2Ms: cli2Ms,
        timeRatio: mlsdMs / cli2Ms,
        mlsdPeakRssMb: peaks.mlsd,
        markdownlintCli2PeakRssMb: peaks.cli2,
        memoryRatio: peaks.mlsd / peaks.cli2,
      });
    }
    const version = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    return {
      cores: availableParallelism(),
      mlsdLint: version(join(pkg, 'package.json')),
      markdownlintCli2: version(join(repoRoot, 'node_modules', 'markdownlint-cli2', 'package.json')),
      cases,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatCliBench(result: CliBenchResult): string {
  const rows = result.cases.map((c) => {
    const what = c.name === 'folder' ? `folder: ${c.files} docs, ${c.lines.toLocaleString('en-US')} lines` : `single doc: ${c.lines.toLocaleString('en-US')} lines`;
    return (
      `  ${what.padEnd(36)} mlsd-lint ${c.mlsdMs.toFixed(0).padStart(6)} ms  markdownlint-cli2 ${c.markdownlintCli2Ms.toFixed(0).padStart(6)} ms  ` +
      `ratio ${c.timeRatio.toFixed(2)}x   peak memory ${c.mlsdPeakRssMb.toFixed(0)} MB vs ${c.markdownlintCli2PeakRssMb.toFixed(0)} MB (${c.memoryRatio.toFixed(2)}x)   (median of ${c.runs})`
    );
  });
  return `\nCommand line: mlsd-lint ${result.mlsdLint} (packaged, ${result.cores} cores) vs markdownlint-cli2 ${result.markdownlintCli2}, same files, same run\n${rows.join('\n')}\n`;
}
