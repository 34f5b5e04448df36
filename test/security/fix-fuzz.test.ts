// Fuzzing --fix (issue 11): random design docs, from fragments that matter to the fixes (step
// headings, prose, lists, tables, closed and unclosed fences and HTML comments, front matter, control
// comments, no final newline) with LF, CRLF or mixed line endings. Through the CLI's own lintOneFile
// (the fix loop and the write; hostile-repo.test.ts runs the bundle): no line of the writer's text is
// ever lost or split, and a second --fix changes nothing. Diagrams are left out (their rules off), so
// that mermaid is never loaded into the test process.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintOneFile } from '../../server/src/cli/lint-file';
import { clearConfigCache } from '../../server/src/engine/config';
import { createEngine } from '../../server/src/engine/engine';

const SEED = Number(process.env.MLSD_FUZZ_SEED ?? 20261130);
const DOCS = Number(process.env.MLSD_FUZZ_DOCS ?? 60);

/** mulberry32: small, seeded, good enough to pick fragments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS: string[][] = [
  ['## Clarifying requirements', '', 'We serve 10M users at 5k QPS. What is the business goal?'],
  ['## 1. Clarify requirements', '', '- Who are the users?', '- Which regions?'],
  ['## Problem framing', '', 'Binary classification of clicks; the ML objective is CTR.'],
  ['## Data', '', 'Logs in a data lake, daily batch jobs.'],
  ['## Model', '', 'TBD'],
  ['## Model development', '', 'Baseline: logistic regression. Retrained daily.'],
  ['## Evaluation', '', 'Offline AUC; online CTR with an A/B test.'],
  ['## Serving', '', 'Online prediction, p99 < 100 ms.'],
  ['## Monitoring', '', 'Drift alerts.'],
  ['Serving', '-------', '', 'Setext heading body.'],
  ['**Data**', '', 'A bold line used as a heading.'],
  ['Plain prose with *emphasis*, `code` and a [link](https://example.com).'],
  ['| metric | target |', '| --- | --- |', '| p99 | 100 ms |'],
  ['> a quote', '> on two lines'],
  ['```python', 'print("closed fence")', '```'],
  ['```mermaid', 'flowchart LR', '  A --> B', '```'],
  ['<!-- a closed comment -->'],
  ['<!-- mlsd-disable-next-line thin-step -->'],
  ['- [ ] task', '- [x] done'],
  ['Ünïcödé prose — with “quotes” and emoji 🚀.'],
  [''],
];
const UNCLOSED_ENDINGS: string[][] = [
  ['```', 'code that never ends'],
  ['~~~~', 'tilde fence', '~~~'],
  ['<!-- comment that never ends', '', 'text'],
];

function randomDoc(next: () => number): { text: string; lines: string[] } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const lines: string[] = [];
  if (next() < 0.15) lines.push('---', 'title: Fuzzed', 'mlsd: true', '---', '');
  if (next() < 0.8) lines.push('# Fuzzed design doc', '');
  const count = Math.floor(next() * 8);
  for (let i = 0; i < count; i++) lines.push(...pick(FRAGMENTS), '');
  if (next() < 0.3) lines.push(...pick(UNCLOSED_ENDINGS));
  const style = pick(['lf', 'crlf', 'mixed'] as const);
  let text = '';
  lines.forEach((line, i) => {
    const eol = style === 'lf' ? '\n' : style === 'crlf' ? '\r\n' : next() < 0.5 ? '\n' : '\r\n';
    text += line + (i < lines.length - 1 || next() < 0.7 ? eol : '');
  });
  return { text, lines };
}

/** The original lines appear, whole and in order, among the lines of the fixed text. */
function missingLine(original: string, fixed: string): string | undefined {
  const split = (text: string) => text.split(/\r\n|\n|\r/);
  const have = split(fixed);
  let at = 0;
  for (const line of split(original)) {
    while (at < have.length && have[at] !== line) at++;
    if (at === have.length) return line;
    at++;
  }
  return undefined;
}

let dir: string;

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'mlsd-fix-fuzz-')));
  writeFileSync(join(dir, '.mlsdrc.json'), JSON.stringify({ rules: { 'architecture-diagram': 'off', 'mermaid-syntax': 'off' } }));
  clearConfigCache();
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const engine = createEngine();

async function fix(files: readonly string[]): Promise<void> {
  for (const path of files) {
    const { report } = await lintOneFile(engine, { path, cwd: dir, fix: true, writeRoots: [dir] });
    expect(report.error, `${path}: ${report.error}`).toBeUndefined();
    expect(report.fixError, `${path}: ${report.fixError}`).toBeUndefined();
  }
}

describe(`--fix over ${DOCS} random documents (seed ${SEED}; MLSD_FUZZ_SEED and MLSD_FUZZ_DOCS to vary)`, () => {
  it('never loses a line of the document, and a second --fix changes nothing', async () => {
    const next = random(SEED);
    const folder = join(dir, 'docs');
    mkdirSync(folder);
    const originals = new Map<string, string>();
    for (let i = 0; i < DOCS; i++) {
      const { text } = randomDoc(next);
      const name = `doc-${String(i).padStart(3, '0')}.md`;
      writeFileSync(join(folder, name), text);
      originals.set(name, text);
    }
    const paths = [...originals.keys()].map((name) => join(folder, name));
    await fix(paths);
    const once = new Map<string, string>();
    for (const [name, original] of originals) {
      const fixed = readFileSync(join(folder, name), 'utf8');
      once.set(name, fixed);
      const lost = missingLine(original, fixed);
      expect(lost, `${name} (seed ${SEED}) lost the line ${JSON.stringify(lost)}; original ${JSON.stringify(original)}`).toBeUndefined();
    }
    await fix(paths);
    for (const [name, fixed] of once) {
      expect(readFileSync(join(folder, name), 'utf8'), `${name} (seed ${SEED}) changed on a second --fix; original ${JSON.stringify(originals.get(name))}`).toBe(fixed);
    }
  }, 120_000);
});
