// Generates dist/snippets/mlsd.code-snippets (VS Code snippets for Markdown) from templates/.
// The snippets are never kept by hand: this script bundles server/src/engine/skeletons.ts with
// esbuild and renders the same templates and fragments (templates/fragments.md) the engine's
// fixes use, in snippet form (placeholders become tab stops; `$`, `}` and `\` are escaped there).
// Only the small fragments (metrics tables, metric gap, latency budget, diagram) are static snippets:
// VS Code offers a static snippet anywhere, and a whole document or a step section fits only in
// some places. The language server's completion offers those where they fit (server/src/lsp/
// completion.ts): the whole-document skeletons in an empty document, a step's skeleton on a
// heading line when the doc lacks that step.
//
//   node scripts/gen-snippets.mjs [output-file]
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SNIPPETS_FILE = resolve(root, 'dist/snippets/mlsd.code-snippets');

/** Bundles skeletons.ts (templates inlined as text) and imports it from memory. */
async function loadSkeletons() {
  const result = await build({
    entryPoints: [resolve(root, 'server/src/engine/skeletons.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    loader: { '.md': 'text' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const FRAGMENT_SNIPPETS = [
  {
    fragment: 'metrics-table',
    prefix: 'mlsd-metrics-table',
    name: 'ML design doc: offline and online metrics tables',
    description: 'Offline metrics table and online metrics table (with guardrails)',
  },
  {
    fragment: 'metric-gap',
    prefix: 'mlsd-metric-gap',
    name: 'ML design doc: why offline and online metrics disagree',
    description: 'Subsection on the offline/online metric gap: causes (bias, proxies, feedback loops, novelty, drift, calibration) and remedies',
  },
  { fragment: 'latency-budget-table', prefix: 'mlsd-latency-budget', name: 'ML design doc: serving latency budget table', description: 'End-to-end p99 target and a per-stage latency budget table' },
  {
    fragment: 'two-stage-diagram',
    prefix: 'mlsd-two-stage-diagram',
    name: 'ML design doc: two-stage retrieval and ranking diagram',
    description: 'Mermaid flowchart: candidate generation over an ANN index, ranking, re-ranking, logging and training',
  },
];

/** Builds the snippet collection: { [name]: { prefix, description, body: string[] } }. */
export async function buildSnippets() {
  const skeletons = await loadSkeletons();
  const lines = (text) => text.split('\n');
  const snippets = {};

  for (const { fragment, prefix, name, description } of FRAGMENT_SNIPPETS) {
    snippets[name] = { prefix, description, body: lines(skeletons.getFragment(fragment, 'snippet')) };
  }
  return snippets;
}

export async function generateSnippets(outFile = DEFAULT_SNIPPETS_FILE) {
  const snippets = await buildSnippets();
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(snippets, null, 2)}\n`);
  return { file: outFile, count: Object.keys(snippets).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { file, count } = await generateSnippets(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_SNIPPETS_FILE);
  console.log(`wrote ${count} snippets to ${file}`);
}
