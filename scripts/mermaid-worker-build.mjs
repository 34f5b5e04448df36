// How the mermaid validation worker is bundled, shared by scripts/build.mjs and the worker tests.
// ESM with code splitting: mermaid loads each diagram type (and its renderer's dependencies, such as
// cytoscape or KaTeX) with a dynamic import, so the worker only loads the types it is asked to parse.
// One bundled file loaded all of mermaid at start: 69 MB more resident memory and 250 ms to the first
// answer, against 42 MB and 150 ms split.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Where mermaid 11 and 12 export assignWithDepth, the function that copies their configuration, to their other files. */
export const MERMAID_ASSIGN_WITH_DEPTH = /^var assignWithDepth_default = assignWithDepth;$/m;

/**
 * Wraps mermaid's assignWithDepth with server/src/engine/mermaid/configCopy.ts's withFastCopy, so
 * that its copies of the whole configuration (getConfig() for every labelled node, and
 * updateCurrentConfig() for every diagram), which took most of the worker's parsing time, are made
 * by plain loops (configCopy.ts says why; docs/perf.md has the figures). The build fails if no file
 * of mermaid's has that export any more (a mermaid upgrade): then check whether the copy is still
 * needed and still equal (test/unit/mermaid-config-copy.test.ts).
 */
function fasterMermaidConfigCopy(root) {
  return {
    name: 'faster-mermaid-config-copy',
    setup(b) {
      let patched = 0;
      b.onStart(() => {
        patched = 0;
      });
      b.onLoad({ filter: /[\\/]node_modules[\\/]mermaid[\\/]dist[\\/].*\.mjs$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!MERMAID_ASSIGN_WITH_DEPTH.test(source)) return undefined;
        patched++;
        const copier = JSON.stringify(join(root, 'server/src/engine/mermaid/configCopy.ts'));
        const contents = `import { withFastCopy as __mlsdWithFastCopy } from ${copier};\n${source.replace(
          MERMAID_ASSIGN_WITH_DEPTH,
          'var assignWithDepth_default = __mlsdWithFastCopy(assignWithDepth);',
        )}`;
        return { contents, loader: 'js' };
      });
      b.onEnd((result) => {
        if (result.errors.length === 0 && patched !== 1) {
          result.errors.push({ text: `faster-mermaid-config-copy: expected mermaid's assignWithDepth export in exactly one file, found it in ${patched}` });
        }
      });
    },
  };
}

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
    plugins: [fasterMermaidConfigCopy(root)],
    // Some of mermaid's CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __mlsdCreateRequire } from 'node:module'; const require = __mlsdCreateRequire(import.meta.url);" },
  });
  return join(outdir, MERMAID_WORKER_ENTRY);
}
