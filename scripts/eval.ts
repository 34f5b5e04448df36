// npm run eval -- DIR: compares the coverage the engine reports with DIR/LABELS.tsv
// (columns: file, the seven steps, metric_gap, latency_budget; 1 present, 0 absent or
// placeholder, ? skipped) and prints per-column agreement. Each file is read and configured as mlsd-lint does
// (its nearest .mlsdrc, a BOM dropped, binary or oversized files refused): the same lintOneFile.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEngine } from '../server/src/engine';
import { lintOneFile } from '../server/src/cli/lint-file';

const COLUMN_TO_ID: Record<string, string> = { metric_gap: 'metric-gap', latency_budget: 'latency-budget' };

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose') || args.includes('-v');
  const dir = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '--half');
  if (!dir) {
    process.stderr.write('usage: npm run eval -- DIR [--verbose]   (DIR holds LABELS.tsv and the labelled .md files)\n');
    return 2;
  }
  const labelsPath = join(resolve(dir), 'LABELS.tsv');
  if (!existsSync(labelsPath)) {
    process.stderr.write(`eval: ${labelsPath} not found\n`);
    return 2;
  }
  const [header, ...rows] = readFileSync(labelsPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const columns = header
    .split('\t')
    .slice(1)
    .filter((c) => c !== 'notes');
  const engine = createEngine();
  const tally = new Map<string, { agree: number; total: number; skipped: number; misses: string[] }>();
  for (const c of columns) tally.set(c, { agree: 0, total: 0, skipped: 0, misses: [] });
  const configProblems = new Set<string>();

  // --half 1 / --half 2: a stable half of the corpus (by file name), to tune on one and check on the other.
  const halfArg = args.indexOf('--half');
  const half = halfArg >= 0 ? Number(args[halfArg + 1]) : 0;
  const inHalf = (file: string): boolean => !half || ([...file].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 2) + 1 === half;
  for (const row of rows) {
    const cells = row.split('\t');
    if (!inHalf(cells[0])) continue;
    const file = cells[0];
    const path = join(resolve(dir), file);
    if (!existsSync(path)) {
      process.stderr.write(`eval: ${file} listed in LABELS.tsv but not found, skipped\n`);
      continue;
    }
    const { report, configProblems: problems } = await lintOneFile(engine, { path, cwd: process.cwd(), fix: false });
    for (const problem of problems) {
      if (!configProblems.has(problem)) process.stderr.write(`eval: config ${problem}\n`);
      configProblems.add(problem);
    }
    if (report.error !== undefined || !report.coverage) {
      process.stderr.write(`eval: ${file}: ${report.error ?? 'not checked'}; skipped\n`);
      continue;
    }
    const coverage = report.coverage;
    columns.forEach((column, i) => {
      const label = cells[i + 1]?.trim();
      const t = tally.get(column)!;
      if (label !== '0' && label !== '1') {
        t.skipped++;
        return;
      }
      const entry = coverage[COLUMN_TO_ID[column] ?? column];
      const predicted = entry?.status === 'present' ? '1' : '0';
      t.total++;
      if (predicted === label) t.agree++;
      else t.misses.push(`${file}: label ${label}, engine ${entry?.status ?? 'n/a'} (${entry?.reason ?? ''}${entry?.line !== undefined ? `, line ${entry.line + 1}` : ''})`);
    });
  }

  const width = Math.max(...columns.map((c) => c.length));
  process.stdout.write(`${'column'.padEnd(width)}  agree  total  skipped  agreement\n`);
  let worst = 1;
  for (const [column, t] of tally) {
    const ratio = t.total ? t.agree / t.total : 1;
    worst = Math.min(worst, ratio);
    process.stdout.write(`${column.padEnd(width)}  ${String(t.agree).padStart(5)}  ${String(t.total).padStart(5)}  ${String(t.skipped).padStart(7)}  ${(ratio * 100).toFixed(1).padStart(8)}%\n`);
  }
  process.stdout.write(`lowest column agreement: ${(worst * 100).toFixed(1)}%\n`);
  if (verbose) for (const [column, t] of tally) for (const m of t.misses) process.stdout.write(`  [${column}] ${m}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
