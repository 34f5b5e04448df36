// Builds the CLI bundle (and the mermaid worker it validates diagrams in) into a temporary folder
// for the security tests, the way scripts/build.mjs builds dist/cli.js, without touching dist/
// (other test runs may be rebuilding it at the same time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { buildMermaidWorker } from '../../scripts/mermaid-worker-build.mjs';
import { bundleForNode } from '../helpers/nodeBundle';

export const repoRoot = resolve(__dirname, '..', '..');

/** As in scripts/build.mjs: mermaid runs in the worker only. */
const mermaidInWorkerOnly: Plugin = {
  name: 'mermaid-in-worker-only',
  setup(b) {
    b.onResolve({ filter: /^mermaid$/ }, () => ({ path: 'mermaid', namespace: 'mermaid-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'mermaid-stub' }, () => ({ contents: "throw new Error('mermaid runs in the worker');", loader: 'js' }));
  },
};

export interface CliBundle {
  /** The bundled CLI, to run with `node`. */
  cli: string;
  dispose(): void;
}

export async function buildCliBundle(): Promise<CliBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'mlsd-security-cli-'));
  await Promise.all([
    bundleForNode({ entryPoints: [join(repoRoot, 'server/src/cli/main.ts')], outfile: join(dir, 'cli.js'), plugins: [mermaidInWorkerOnly] }),
    buildMermaidWorker(dir, { root: repoRoot }),
  ]);
  return { cli: join(dir, 'cli.js'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
