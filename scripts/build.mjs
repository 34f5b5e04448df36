// Bundles everything that ships (client, server, CLI, webview) and the dev scripts with esbuild.
// Entries whose source does not exist yet are skipped so the build works while the project grows.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { buildMermaidWorker } from './mermaid-worker-build.mjs';
import { esbuildMicromarkParserRedirect } from './micromark-parser-redirect.mjs';

const production = process.argv.includes('--production');
const loader = { '.md': 'text' };
const node = { loader, platform: 'node', format: 'cjs', target: 'node20', bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', plugins: [esbuildMicromarkParserRedirect] };

// The server and CLI validate mermaid in dist/mermaid-worker/ (with a time limit), so they do not
// need mermaid's 7 MB in their own bundle: loading it cost the language server ~50 MB at idle.
const mermaidInWorkerOnly = {
  name: 'mermaid-in-worker-only',
  setup(b) {
    b.onResolve({ filter: /^mermaid$/ }, () => ({ path: 'mermaid', namespace: 'mermaid-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'mermaid-stub' }, () => ({
      contents: "throw new Error('mermaid runs in dist/mermaid-worker/worker.mjs, which is missing from this installation');",
      loader: 'js',
    }));
  },
};

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', opts: { ...node, external: ['vscode'] } },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js', opts: { ...node, plugins: [...node.plugins, mermaidInWorkerOnly] } },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', opts: { ...node, plugins: [...node.plugins, mermaidInWorkerOnly] } },
  { in: 'client/webview/preview.ts', out: 'dist/webview/preview.js', opts: { loader, platform: 'browser', format: 'iife', target: 'es2022', bundle: true, sourcemap: false, minify: production, logLevel: 'warning' } },
  { in: 'client/webview/preview.css', out: 'dist/webview/preview.css', opts: { bundle: true, minify: production, logLevel: 'warning' } },
  { in: 'client/webview/debrief.ts', out: 'dist/webview/debrief.js', opts: { platform: 'browser', format: 'iife', target: 'es2022', bundle: true, sourcemap: false, minify: production, logLevel: 'warning' } },
  { in: 'client/webview/debrief.css', out: 'dist/webview/debrief.css', opts: { bundle: true, minify: production, logLevel: 'warning' } },
  { in: 'scripts/eval.ts', out: 'dist/eval.js', opts: node },
  { in: 'scripts/bench.ts', out: 'dist/bench.js', opts: { ...node, external: ['esbuild', 'playwright-core'] } },
];

mkdirSync('dist/webview', { recursive: true });
// The Design Practice activity-bar icon and the debrief's tab icon.
copyFileSync('client/webview/practice.svg', 'dist/webview/practice.svg');
// The single-file worker of earlier builds would be shipped by nothing and confuse whoever finds it.
rmSync('dist/mermaid-worker.js', { force: true });
rmSync('dist/mermaid-worker.js.map', { force: true });
await Promise.all([
  ...entries.filter((e) => existsSync(e.in)).map((e) => build({ entryPoints: [e.in], outfile: e.out, ...e.opts })),
  buildMermaidWorker('dist', { production }),
]);
await (await import('./gen-snippets.mjs')).generateSnippets(); // dist/snippets/mlsd.code-snippets from templates/
