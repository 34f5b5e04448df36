// Loads the preview page exactly as the extension ships it (buildPreviewHtml + the esbuild
// bundle of client/webview) into headless Chromium, served from a loopback HTTP server, and
// plays the extension's side of the message protocol. Used by the browser tests and by
// scripts/bench-preview.ts.
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { buildPreviewHtml, createNonce } from '../../client/src/preview/html';
import type { HostToPreviewMessage, PreviewPersistedState, PreviewToHostMessage } from '../../client/src/preview/messages';
import type { DiagramInfo } from '../../server/src/protocol';

/** The repository root, found from here whether this file runs from test/browser or bundled into dist/. */
function findRepoRoot(): string {
  for (let dir = resolve(__dirname); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'client', 'webview', 'preview.ts'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}
export const REPO_ROOT = findRepoRoot();
const root = REPO_ROOT;

// esbuild and playwright-core are loaded from node_modules at run time, never bundled: both break
// when bundled (they locate their own binaries and files), and scripts/bench.ts bundles this file.
const requireFromRoot = createRequire(join(root, 'package.json'));
const { build } = requireFromRoot('esbuild') as typeof import('esbuild');
const { chromium } = requireFromRoot('playwright-core') as typeof import('playwright-core');
export const CHROMIUM_PATH = process.env.MLSD_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Bundles the webview with the same options as scripts/build.mjs (production: minified). */
export async function buildWebviewAssets(): Promise<{ dir: string; dispose(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'mlsd-webview-'));
  await build({
    entryPoints: [join(root, 'client/webview/preview.ts')],
    outfile: join(dir, 'preview.js'),
    loader: { '.md': 'text' },
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    bundle: true,
    sourcemap: false,
    minify: true,
    logLevel: 'warning',
  });
  await build({ entryPoints: [join(root, 'client/webview/preview.css')], outfile: join(dir, 'preview.css'), bundle: true, minify: true, logLevel: 'warning' });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface PreviewServer {
  origin: string;
  /** Every path requested from the server, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves the page at `/` with a fresh nonce each load, and the two assets; nothing else. */
export async function startPreviewServer(assetsDir: string): Promise<PreviewServer> {
  const requests: string[] = [];
  const assets: Record<string, { type: string; body: Buffer }> = {
    '/preview.js': { type: 'text/javascript', body: readFileSync(join(assetsDir, 'preview.js')) },
    '/preview.css': { type: 'text/css', body: readFileSync(join(assetsDir, 'preview.css')) },
  };
  let origin = '';
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    if (path === '/') {
      const html = buildPreviewHtml({ cspSource: origin, nonce: createNonce(), scriptUri: `${origin}/preview.js`, styleUri: `${origin}/preview.css` });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    const asset = assets[path];
    if (asset) response.writeHead(200, { 'content-type': asset.type }).end(asset.body);
    else response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium) or set MLSD_CHROMIUM.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/** What the page did that the test wants to see. */
export interface PageRecord {
  page: Page;
  /** URLs the page tried to load from anywhere but the preview server (all were aborted). */
  blockedRequests: string[];
  pageErrors: string[];
  consoleErrors: string[];
  dialogs: string[];
}

// Stands in for VS Code's webview host: records posted messages and state, and CSP violations.
const HOST_STUB = `
  window.__mlsdPosted = [];
  window.__mlsdState = undefined;
  window.__mlsdCspViolations = [];
  window.__mlsdPwned = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__mlsdCspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__mlsdPosted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__mlsdState,
    setState: (s) => { window.__mlsdState = s; },
  });
`;

export async function openPreviewPage(
  browser: Browser,
  server: PreviewServer,
  options: { bodyClass?: string; savedState?: PreviewPersistedState; viewport?: { width: number; height: number } } = {},
): Promise<PageRecord> {
  // 1000 px: a preview in its own editor group on a wide screen; ~500 px: the usual side-by-side split.
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1000, height: 800 } });
  const page = await context.newPage();
  const record: PageRecord = { page, blockedRequests: [], pageErrors: [], consoleErrors: [], dialogs: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    if (url.startsWith('data:')) return route.continue();
    record.blockedRequests.push(url);
    return route.abort();
  });
  page.on('pageerror', (error) => record.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    record.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(HOST_STUB);
  // What VS Code hands back from setState when it re-creates a hidden webview.
  if (options.savedState) await page.addInitScript((state) => ((window as unknown as { __mlsdState: unknown }).__mlsdState = state), options.savedState);
  await page.goto(`${server.origin}/`);
  // VS Code sets the theme kind as a body class.
  await page.evaluate((cls) => document.body.classList.add(cls), options.bodyClass ?? 'vscode-light');
  await page.waitForFunction(() => (window as unknown as { __mlsdPosted: PreviewToHostMessage[] }).__mlsdPosted.some((m) => m.type === 'ready'));
  return record;
}

export function posted(page: Page): Promise<PreviewToHostMessage[]> {
  return page.evaluate(() => (window as unknown as { __mlsdPosted: PreviewToHostMessage[] }).__mlsdPosted);
}

export async function postToPreview(page: Page, message: HostToPreviewMessage): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export type RenderedMessage = Extract<PreviewToHostMessage, { type: 'rendered' }>;

/** Posts an update and resolves with the page's `rendered` report for that version. */
export async function renderUpdate(page: Page, update: Omit<Extract<HostToPreviewMessage, { type: 'update' }>, 'type'>, timeoutMs = 120_000): Promise<RenderedMessage> {
  await postToPreview(page, { type: 'update', ...update });
  const handle = await page.waitForFunction(
    ({ uri, version }) => (window as unknown as { __mlsdPosted: PreviewToHostMessage[] }).__mlsdPosted.find((m) => m.type === 'rendered' && m.uri === uri && m.version === version),
    { uri: update.uri, version: update.version },
    { timeout: timeoutMs, polling: 20 },
  );
  return (await handle.jsonValue()) as RenderedMessage;
}

/** Builds DiagramInfo the way the server does, as if each diagram sat in its own fenced block. */
export function diagramsFromSources(sources: { code: string; heading?: string | null }[]): DiagramInfo[] {
  let line = 0;
  return sources.map(({ code, heading }) => {
    const info: DiagramInfo = { line, codeStartLine: line + 1, endLine: line + code.split('\n').length + 1, code, heading: heading ?? null };
    line = info.endLine + 2;
    return info;
  });
}
