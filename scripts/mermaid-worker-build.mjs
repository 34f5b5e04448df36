// How the mermaid validation worker is bundled, shared by scripts/build.mjs and the worker tests.
// ESM with code splitting: mermaid loads each diagram type (and its renderer's dependencies, such as
// cytoscape or KaTeX) with a dynamic import, so the worker only loads the types it is asked to parse.
// One bundled file loaded all of mermaid at start: 69 MB more resident memory and 250 ms to the first
// answer, against 42 MB and 150 ms split.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Where the worker's entry lands inside the output directory (validate.ts looks for it beside the server). */
export const MERMAID_WORKER_ENTRY = join('mermaid-worker', 'worker.mjs');

/** Bundles server/src/engine/mermaid/worker.ts into OUTDIR/mermaid-worker/ (emptied first: chunk names are hashed). */
export async function buildMermaidWorker(outdir, { production = false, root = process.cwd() } = {}) {
  const dir = join(outdir, 'mermaid-worker');
  rmSync(dir, { recursive: true, force: true });
  await build({
    entryPoints: { worker: join(root, 'server/src/engine/mermaid/worker.ts') },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    // Some of mermaid's CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __mlsdCreateRequire } from 'node:module'; const require = __mlsdCreateRequire(import.meta.url);" },
  });
  return join(outdir, MERMAID_WORKER_ENTRY);
}
