// The benchmark is only as good as its input: check the generated docs are the size asked for and look like real design docs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDesignDoc } from '../../scripts/bench';
import { isMainScript, median, percentile, seededRandom } from '../../scripts/bench-util';
import { createEngine } from '../../server/src/engine';

const repoRoot = resolve(__dirname, '..', '..');

describe('bench document generator', () => {
  it.each([1_000, 10_000])('makes a doc of about %i lines with headings, lists, tables, mermaid and code', (target) => {
    const text = generateDesignDoc(target);
    const lines = text.split('\n').length - 1;
    expect(lines).toBeGreaterThanOrEqual(target);
    expect(lines).toBeLessThan(target * 1.1);
    expect(text).toMatch(/^## 3\. Data preparation$/m);
    expect(text).toMatch(/^\| --- \| --- \|/m);
    expect(text).toMatch(/^```mermaid$/m);
    expect(text).toMatch(/^```python$/m);
    expect(text).toMatch(/^- /m);
    expect(generateDesignDoc(target)).toBe(text); // seeded: identical across runs
  });

  it('covers every step and check, so the engine does its full work on it', async () => {
    const { coverage, findings } = await createEngine().lint(generateDesignDoc(1_000));
    for (const [id, entry] of Object.entries(coverage)) expect(entry.status, id).toBe('present');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('makes every diagram distinct, so the mermaid validation cache cannot serve one from another', async () => {
    const { doc } = await createEngine().lint(generateDesignDoc(10_000));
    const codes = doc.mermaidBlocks.map((block) => block.code);
    expect(new Set(codes).size).toBe(codes.length);
    // As dense as the labelled corpus (one diagram per ~620 lines), within reason.
    expect(codes.length).toBeGreaterThanOrEqual(Math.floor(10_000 / 700));
    expect(codes.length).toBeLessThanOrEqual(Math.ceil(10_000 / 500));
  });

  it('has tables as often as the labelled corpus (one per ~520 lines), within reason', () => {
    const tables = generateDesignDoc(10_000).match(/^\| --- \|/gm)!.length;
    expect(tables).toBeGreaterThanOrEqual(Math.floor(10_000 / 600));
    expect(tables).toBeLessThanOrEqual(Math.ceil(10_000 / 450));
  });

  it('puts a diagram and a table in every case study when asked to (the dense run)', async () => {
    const text = generateDesignDoc(1_000, 42, { diagramEvery: 1, tableEvery: 1 });
    const caseStudies = text.match(/^## 1\. Clarifying requirements$/gm)!.length;
    const { doc } = await createEngine().lint(text);
    expect(doc.mermaidBlocks.length).toBe(caseStudies);
    expect(new Set(doc.mermaidBlocks.map((block) => block.code)).size).toBe(doc.mermaidBlocks.length);
    expect(text.match(/^\| --- \|/gm)!.length).toBe(caseStudies);
  });
});

describe('bench helpers', () => {
  it('recognises the script node was started with, not a bench bundled into it', () => {
    expect(isMainScript('bench', '/repo/dist/bench.js')).toBe(true);
    expect(isMainScript('bench', 'scripts/bench.ts')).toBe(true);
    expect(isMainScript('bench-lsp', '/repo/scripts/bench-lsp.ts')).toBe(true);
    expect(isMainScript('bench-preview', 'bench-preview.mjs')).toBe(true);
    expect(isMainScript('bench-lsp', '/repo/dist/bench.js')).toBe(false);
    expect(isMainScript('bench', '/repo/scripts/bench-lsp.ts')).toBe(false);
    expect(isMainScript('bench', '/repo/dist/benchXjs')).toBe(false);
    expect(isMainScript('bench', undefined)).toBe(false);
  });

  it('computes medians and percentiles from unsorted samples', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0)).toBe(10);
    expect(percentile([50, 40, 30, 20, 10], 100)).toBe(50);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(() => median([])).toThrow();
  });

  it('draws the same seeded sequence every time, in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = Array.from({ length: 100 }, () => a());
    expect(draws).toEqual(Array.from({ length: 100 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('bundled benches start only as their own script', () => {
  // Under the repository so the bundles find esbuild and playwright-core in node_modules, as dist/ does.
  mkdirSync(join(repoRoot, '.test-output'), { recursive: true });
  const dir = mkdtempSync(join(repoRoot, '.test-output', 'bench-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bundle = async (entry: string, outName: string) => {
    const outfile = join(dir, outName);
    await build({
      entryPoints: [join(repoRoot, 'scripts', entry)],
      outfile,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      bundle: true,
      loader: { '.md': 'text' },
      external: ['esbuild', 'playwright-core'],
      logLevel: 'silent',
    });
    return outfile;
  };
  const run = (file: string, args: string[]) => spawnSync(process.execPath, [file, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

  // In a bundle `require.main === module` is true for every module in it: dist/bench.js with --sizes 1000
  // used to start a second LSP bench with "--sizes" as the server path, and fail.
  // (Not named bench.js here: bench-lsp imports bench.ts, whose own main would then rightly run.)
  it.each(['bench-lsp.ts', 'bench-preview.ts'])(
    '%s does nothing when bundled into another script',
    async (entry) => {
      const result = run(await bundle(entry, `other-${entry.replace('.ts', '.js')}`), ['--sizes', '1000']);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('');
      expect(result.status).toBe(0);
    },
    60_000,
  );

  it('times the four contenders, each in a process of its own, and writes the results', async () => {
    const result = run(await bundle('bench.ts', 'bench.js'), ['--engine-only', '--sizes', '300', '--runs', '2', '--no-dense']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/engine\/mdlint/);
    const written = JSON.parse(readFileSync(join(dir, '.test-output', 'bench-results.json'), 'utf8')) as { sizes: Record<string, number>[] };
    expect(written.sizes).toHaveLength(1);
    const [size] = written.sizes;
    for (const key of ['engineMs', 'markdownlintMs', 'bareParseMs', 'gfmParseMs']) expect(size![key], key).toBeGreaterThan(0);
    expect(size!.runs).toBe(2);
  }, 120_000);

  it('bench-lsp runs as its own script', async () => {
    const result = run(await bundle('bench-lsp.ts', 'bench-lsp.js'), [join(dir, 'no-server.js')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no-server.js does not exist');
  }, 60_000);
});
