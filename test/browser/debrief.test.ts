// The practice debrief page as shipped (buildDebriefHtml + the bundled client/webview/debrief.ts and
// .css) in headless Chromium: it renders the table and the charts, no request leaves the page, and
// nothing taken from the doc (titles, headings in reasons, a latency figure) runs as script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { buildDebriefHtml, debriefCsp } from '../../client/src/practice/debriefHtml';
import { buildDebriefModel, type DebriefModel } from '../../server/src/cli/format-report';
import type { CoverageItem } from '../../server/src/protocol';
import { launchChromium, REPO_ROOT } from './harness';

const { build } = createRequire(join(REPO_ROOT, 'package.json'))('esbuild') as typeof import('esbuild');
const OUTPUT = join(REPO_ROOT, '.test-output', 'browser');
const NONCE = 'abcdefghijklmnop1234';

const hostile = '<img src="https://evil.example/pixel.png" onerror="window.__pwned.push(1)"><script>window.__pwned.push(2)</script>';
const step = (id: string, title: string, score: 0 | 1 | 2 | 3, met: number, missed: number, line?: number): CoverageItem => ({
  id,
  title,
  kind: 'step',
  status: score === 0 ? 'missing' : score === 1 ? 'thin' : 'present',
  score,
  reason: `heading "${hostile}" with ${score * 10} words`,
  ...(line !== undefined ? { line } : {}),
  checkpoints: [
    ...Array.from({ length: met }, (_, i) => ({ id: `${id}-met-${i}`, title: `${title} point ${i + 1}`, met: true, line: (line ?? 0) + i + 1 })),
    ...Array.from({ length: missed }, (_, i) => ({ id: `${id}-missed-${i}`, title: `${title} gap ${i + 1}`, met: false, why: `Why it matters ${i + 1} ${hostile}` })),
  ],
});

function model(): DebriefModel {
  const items: CoverageItem[] = [
    step('clarify', 'Clarify requirements', 3, 4, 1, 5),
    step('framing', 'Frame the problem as an ML task', 2, 2, 1, 12),
    step('data', 'Data preparation', 1, 1, 4, 18),
    step('model', 'Model development', 0, 0, 4),
    step('evaluation', 'Evaluation', 2, 2, 2, 30),
    step('serving', 'Deployment and serving', 1, 0, 5, 40),
    step('monitoring', 'Monitoring and maintenance', 0, 0, 5),
    { id: 'metric-gap', title: 'Offline/online metric gap', kind: 'check', status: 'missing', reason: 'offline and online metrics are two lists' },
    { id: 'latency-budget', title: 'Serving latency budget', kind: 'check', status: 'present', reason: 'a p99 target', evidence: `p99 < 100 ms ${hostile}`, line: 44 },
  ];
  const minutes = { clarify: [5, 4.5], framing: [5, 6], data: [8, 11.2], model: [10, 3], evaluation: [5, 5], serving: [8, 2], monitoring: [4, 0] } as Record<string, [number, number]>;
  return buildDebriefModel({
    title: `Visual search ${hostile}`,
    file: 'practice/visual-search-2026-11-30.design.md',
    items,
    readiness: 52,
    minutes: Object.fromEntries(Object.entries(minutes).map(([k, [planned, spent]]) => [k, { planned, spent }])),
    session: { case: 'visual-search', caseTitle: 'Visual search', kind: 'full', date: '2026-11-30T10:00:00.000Z', lengthMinutes: 45, elapsedMinutes: 44.2, finishedEarly: true },
    history: [30, 41, 52].map((readiness, i) => ({
      version: 1 as const,
      case: 'visual-search',
      caseTitle: 'Visual search',
      date: `2026-11-2${i + 1}T10:00:00.000Z`,
      startedAt: `2026-11-2${i + 1}T09:15:00.000Z`,
      lengthMinutes: 45,
      elapsedMinutes: 45,
      kind: 'full' as const,
      finishedEarly: false,
      file: 'x',
      readiness,
      steps: [{ id: 'data', title: 'Data preparation', score: 0 as const, plannedMinutes: 8, spentMinutes: 3, checkpointsMet: [], checkpointsMissed: [] }],
      checks: {},
    })),
  });
}

let assetsDir: string;
let server: Server;
let origin = '';
const requests: string[] = [];
let browser: Browser;

beforeAll(async () => {
  assetsDir = mkdtempSync(join(tmpdir(), 'mlsd-debrief-'));
  await build({
    entryPoints: [join(REPO_ROOT, 'client/webview/debrief.ts')],
    outfile: join(assetsDir, 'debrief.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    bundle: true,
    minify: true,
    logLevel: 'warning',
  });
  await build({ entryPoints: [join(REPO_ROOT, 'client/webview/debrief.css')], outfile: join(assetsDir, 'debrief.css'), bundle: true, minify: true, logLevel: 'warning' });
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    if (path === '/') {
      const html = buildDebriefHtml(model(), { cspSource: origin, nonce: NONCE, scriptUri: `${origin}/debrief.js`, styleUri: `${origin}/debrief.css`, hasWorkedExample: true });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (path === '/debrief.js' || path === '/debrief.css') {
      response.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(readFileSync(join(assetsDir, path.slice(1))));
    } else response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  rmSync(assetsDir, { recursive: true, force: true });
});

async function open(): Promise<{ page: Page; blocked: string[]; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  const page = await context.newPage();
  const blocked: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(`
    window.__pwned = [];
    window.__posted = [];
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))), getState: () => undefined, setState: () => undefined });
  `);
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'rendered'));
  return { page, blocked, errors, dialogs };
}

describe('debrief HTML', () => {
  it('has a strict CSP: no fetch, our script by nonce only, no inline style', () => {
    expect(debriefCsp('vscode-resource:', NONCE)).toBe(
      `default-src 'none'; script-src 'nonce-${NONCE}'; style-src vscode-resource:; img-src vscode-resource: data:; font-src vscode-resource:; base-uri 'none'; form-action 'none'`,
    );
    const html = buildDebriefHtml(model(), { cspSource: 'x', nonce: NONCE, scriptUri: 'x/debrief.js', styleUri: 'x/debrief.css', hasWorkedExample: true });
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/ style="/);
    expect(html).not.toContain('<img');
    expect(() => buildDebriefHtml(model(), { cspSource: 'x', nonce: 'short', scriptUri: 'a', styleUri: 'b', hasWorkedExample: false })).toThrow(/nonce/);
  });
});

describe('debrief page in Chromium', () => {
  it('renders readiness, the per-step table, the minutes chart, the checks and progress; nothing leaves, nothing from the doc runs', async () => {
    const { page, blocked, errors, dialogs } = await open();
    const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    expect(posted[0]).toEqual({ type: 'rendered', rows: 7, bars: 7, progressPoints: 3, readiness: 52 });
    expect(await page.locator('h1').innerText()).toContain('<img src="https://evil.example/pixel.png"');
    expect(await page.locator('.readiness-band').innerText()).toBe('getting there');
    const rows = await page.locator('table.steps tbody tr').allInnerTexts();
    expect(rows[2]).toMatch(/Data preparation\s+1\/3\s+▲ from 0\s+weak\s+1\/5\s+11\.2 \/ 8/);
    expect(rows[3]).toMatch(/Model development\s+0\/3\s+missing\s+0\/4\s+3 \/ 10/);
    expect(await page.locator('.minutes-chart .chart-row .bar-spent.over').count()).toBe(2);
    expect(await page.locator('[data-check="metric-gap"]').innerText()).toMatch(/Offline\/online metric gap\s+missing/);
    expect(await page.locator('[data-check="latency-budget"] .evidence').innerText()).toContain('p99 < 100 ms <img');
    expect(await page.locator('.step-detail[data-step="data"] li.missed').first().innerText()).toContain('Why it matters 1');
    expect(await page.locator('button[data-action="retry"]').innerText()).toBe('Retry weakest step: Monitoring and maintenance');

    expect(await page.evaluate(() => (window as unknown as { __pwned: number[] }).__pwned)).toEqual([]);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(new Set(requests)).toEqual(new Set(['/', '/debrief.js', '/debrief.css']));
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'debrief.png'), fullPage: true });
    await page.context().close();
  });

  it('turns its buttons into messages to the extension', async () => {
    const { page } = await open();
    await page.locator('button[data-action="compare"]').click();
    await page.locator('button[data-action="retry"]').click();
    await page.locator('table.steps button[data-line="18"]').click();
    await page.locator('button[data-action="open"]').click();
    const posted = (await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted)).filter((m) => m.type !== 'rendered');
    expect(posted).toEqual([{ type: 'compare' }, { type: 'retry', stepId: 'monitoring' }, { type: 'jump', line: 18 }, { type: 'open' }]);
    // A step with no section has nothing to jump to.
    expect(await page.locator('table.steps tr[data-step="model"] button').isDisabled()).toBe(true);
    await page.context().close();
  });
});
