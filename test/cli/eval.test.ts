// scripts/eval.ts (npm run eval) reads and configures each labelled file as mlsd-lint does: the nearest .mlsdrc
// applies and a byte order mark is dropped, so the agreement it prints is the CLI's and the editor's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(__dirname, '..', '..');

// Checked against the team's own template (from .mlsdrc.json), which has no step called "context" by default.
const DOC = [
  '# Ranking RFC',
  '',
  '## Background',
  '',
  'Search ranking uses a hand-tuned score today; clicks on the first page have dropped by a tenth over the year and support tickets mention stale results.',
  '',
  '## Proposal',
  '',
  'Replace the hand-tuned score by a gradient-boosted ranker trained daily on the last month of clicks, behind the current search API and a feature flag.',
  '',
].join('\n');
const CONFIG = {
  template: {
    name: 'Team RFC',
    sections: [
      { id: 'context', title: 'Context', headings: ['context', 'background'] },
      { id: 'decision', title: 'Decision', headings: ['decision', 'proposal'] },
    ],
  },
};

let dir = '';
let evalScript = '';

beforeAll(async () => {
  mkdirSync(join(repoRoot, '.test-output'), { recursive: true });
  evalScript = join(mkdtempSync(join(repoRoot, '.test-output', 'eval-bundle-')), 'eval.js');
  // Same options as the dist/eval.js entry of scripts/build.mjs.
  await build({
    entryPoints: [join(repoRoot, 'scripts', 'eval.ts')],
    outfile: evalScript,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    bundle: true,
    loader: { '.md': 'text' },
    logLevel: 'silent',
  });
  dir = mkdtempSync(join(tmpdir(), 'mlsd-eval-'));
  writeFileSync(join(dir, 'LABELS.tsv'), 'file\tcontext\tdecision\tnotes\nrfc.md\t1\t1\tsteps of the .mlsdrc.json template\nbom.md\t1\t1\tthe same with a byte order mark\n');
  writeFileSync(join(dir, 'rfc.md'), DOC);
  writeFileSync(join(dir, 'bom.md'), `\uFEFF${DOC}`);
  writeFileSync(join(dir, '.mlsdrc.json'), JSON.stringify(CONFIG));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(evalScript, '..'), { recursive: true, force: true });
});

describe('npm run eval', () => {
  it("applies the file's .mlsdrc and ignores a byte order mark", () => {
    const run = spawnSync(process.execPath, [evalScript, dir, '--verbose'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^context\s+2\s+2\s+0\s+100\.0%$/m);
    expect(run.stdout).toMatch(/^decision\s+2\s+2\s+0\s+100\.0%$/m);
  });
});
