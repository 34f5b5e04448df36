// What both extension-test runners share: the suite bundled for the extension host, a fresh copy of
// the fixture workspace, and reading the suite's results file.
import { build } from 'esbuild';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './codeServer.mjs';

/** Bundles test/e2e/suite into one CommonJS file the extension host can require (`vscode` stays external). */
export async function bundleSuite(outDir) {
  const outfile = path.join(outDir, 'suite/index.js');
  await build({
    entryPoints: [path.join(ROOT, 'test/e2e/suite/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    loader: { '.md': 'text' },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

/** A fresh copy of test/e2e/workspace: the tests edit files and settings in it. */
export function freshWorkspace(outDir, name) {
  const target = path.join(outDir, name);
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'test/e2e/workspace'), target, { recursive: true });
  return target;
}

/** The per-test lines the suite appended ("ok …" / "FAIL …" and the summary). */
export function readSuiteResults(resultsFile) {
  const lines = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').trim().split('\n').filter(Boolean) : [];
  const tests = lines.filter((line) => /^\s*(ok|FAIL)\s/.test(line)).map((line) => ({ ok: /^\s*ok\s/.test(line), name: line.trim().replace(/^(ok|FAIL)\s+/, '') }));
  return { lines, tests };
}
