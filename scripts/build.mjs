// Bundles everything that ships (client, server, CLI, webview) and the dev scripts with esbuild.
// Entries whose source does not exist yet are skipped so the build works while the project grows.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMermaidWorker } from './mermaid-worker-build.mjs';

const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
const loader = { '.md': 'text' };
const node = { loader, platform: 'node', format: 'cjs', target: 'node20', bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', plugins: [] };

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

const cliEntry = { in: 'server/src/cli/main.ts', out: 'dist/cli-main.js', opts: { ...node, plugins: [...node.plugins, mermaidInWorkerOnly] } };
// dist/cli.js starts the first lint worker, then loads dist/cli-main.js (server/src/cli/launch.ts).
const cliLauncherEntry = { in: 'server/src/cli/launch.ts', out: 'dist/cli.js', opts: node };
const serverEntry = { in: 'server/src/lsp/main.ts', out: 'dist/server.js', opts: { ...node, plugins: [...node.plugins, mermaidInWorkerOnly] } };

// `--server-package [DIR]`: the npm package `mlsd-lint` (server/package.json: the CLI and the language
// server) staged in DIR (default server/), ready for `npm pack`. The same entries as the extension's
// bundles, minified and without source maps, and the version of the root package.json, the one place
// it is set. Nothing else is built and dist/ is not touched.
const serverPackageFlag = process.argv.indexOf('--server-package');
if (serverPackageFlag >= 0) {
  const next = process.argv[serverPackageFlag + 1];
  // DIR is relative to where the command runs (npm's prepack runs in server/); the rest to the repository.
  const dir = resolve(next && !next.startsWith('--') ? next : join(repoRoot, 'server'));
  process.chdir(repoRoot);
  await stageServerPackage(dir);
  process.exit(0);
}

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', opts: { ...node, external: ['vscode'] } },
  serverEntry,
  cliEntry,
  cliLauncherEntry,
  {
    in: 'client/webview/preview.ts',
    out: 'dist/webview/preview.js',
    opts: { loader, platform: 'browser', format: 'iife', target: 'es2022', bundle: true, sourcemap: false, minify: production, logLevel: 'warning' },
  },
  { in: 'client/webview/preview.css', out: 'dist/webview/preview.css', opts: { bundle: true, minify: production, logLevel: 'warning' } },
  {
    in: 'client/webview/debrief.ts',
    out: 'dist/webview/debrief.js',
    opts: { platform: 'browser', format: 'iife', target: 'es2022', bundle: true, sourcemap: false, minify: production, logLevel: 'warning' },
  },
  { in: 'client/webview/debrief.css', out: 'dist/webview/debrief.css', opts: { bundle: true, minify: production, logLevel: 'warning' } },
  { in: 'scripts/eval.ts', out: 'dist/eval.js', opts: node },
  { in: 'scripts/bench.ts', out: 'dist/bench.js', opts: { ...node, external: ['esbuild', 'playwright-core'] } },
];

// Generated sources first: the template registry's imports (from templates/index.json) and the rule
// catalogue (from the rule files). Each is written only when it changed.
(await import('./gen-template-sources.mjs')).generateTemplateSources();
(await import('./gen-rule-index.mjs')).generateRuleIndex();
mkdirSync('dist/webview', { recursive: true });
// The Design Practice activity-bar icon and the debrief's tab icon.
copyFileSync('client/webview/practice.svg', 'dist/webview/practice.svg');
// The single-file worker of earlier builds would be shipped by nothing and confuse whoever finds it.
rmSync('dist/mermaid-worker.js', { force: true });
rmSync('dist/mermaid-worker.js.map', { force: true });
await Promise.all([...entries.filter((e) => existsSync(e.in)).map((e) => build({ entryPoints: [e.in], outfile: e.out, ...e.opts })), buildMermaidWorker('dist', { production })]);
await (await import('./gen-snippets.mjs')).generateSnippets(); // dist/snippets/mlsd.code-snippets from templates/

/** Builds and stages the `mlsd-lint` npm package in `dir` (see --server-package above). */
async function stageServerPackage(dir) {
  const out = resolve(dir);
  // absWorkingDir: esbuild resolves entries against the folder the command started in, not process.chdir's.
  const production = { ...node, sourcemap: false, minify: true, absWorkingDir: repoRoot };
  for (const stale of ['dist', 'bin', 'docs']) rmSync(join(out, stale), { recursive: true, force: true });
  await Promise.all([
    ...[serverEntry, cliEntry, cliLauncherEntry].map((e) => build({ entryPoints: [e.in], outfile: join(out, e.out), ...e.opts, ...production, plugins: e.opts.plugins })),
    buildMermaidWorker(join(out, 'dist'), { production: true, root: repoRoot }),
  ]);
  mkdirSync(join(out, 'bin'), { recursive: true });
  for (const bin of ['mlsd-lint.js', 'mlsd-language-server.js']) {
    copyFileSync(join('bin', bin), join(out, 'bin', bin));
    chmodSync(join(out, 'bin', bin), 0o755);
  }
  mkdirSync(join(out, 'docs', 'rules'), { recursive: true });
  for (const page of readdirSync('docs/rules').filter((name) => name.endsWith('.md'))) copyFileSync(join('docs/rules', page), join(out, 'docs/rules', page));
  copyFileSync('LICENSE', join(out, 'LICENSE'));
  // The manifest and README are server/'s own; the version is the root's.
  const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
  const manifest = JSON.parse(readFileSync('server/package.json', 'utf8'));
  const target = join(out, 'package.json');
  if (resolve(target) !== resolve('server/package.json') || manifest.version !== version) {
    writeFileSync(target, `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
  }
  if (resolve(out) !== resolve('server')) copyFileSync('server/README.md', join(out, 'README.md'));
  console.log(`staged mlsd-lint@${version} in ${relative(process.cwd(), out) || '.'}; run npm pack there`);
}
