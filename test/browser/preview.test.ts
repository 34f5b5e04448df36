// The preview page as shipped (HTML from buildPreviewHtml + bundled script) in headless Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildPreviewHtml, previewCsp } from '../../client/src/preview/html';
import { buildWebviewAssets, diagramsFromSources, launchChromium, openPreviewPage, posted, postToPreview, renderUpdate, startPreviewServer, type PageRecord, type PreviewServer } from './harness';

const fixtures = join(__dirname, '..', 'fixtures', 'mermaid');
const load = (dir: string) =>
  readdirSync(join(fixtures, dir))
    .filter((f) => f.endsWith('.mmd'))
    .sort()
    .map((file) => ({ file, code: readFileSync(join(fixtures, dir, file), 'utf8').replace(/\n$/, '') }));
const valid = load('valid');
const broken = load('broken');

let assets: { dir: string; dispose(): void };
let server: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  assets = await buildWebviewAssets();
  server = await startPreviewServer(assets.dir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  assets?.dispose();
});

/** Nothing but the page and its two assets was requested, from anywhere. */
async function expectNoForeignTraffic(record: PageRecord): Promise<void> {
  expect(record.blockedRequests).toEqual([]);
  expect(new Set(server.requests)).toEqual(new Set(['/', '/preview.js', '/preview.css']));
  expect(record.pageErrors).toEqual([]);
}

describe('HTML builder', () => {
  it('sets a strict CSP with the nonce on the only script', () => {
    const html = buildPreviewHtml({ cspSource: 'vscode-resource:', nonce: 'abcdefghijklmnop1234', scriptUri: 'x/preview.js', styleUri: 'x/preview.css' });
    expect(previewCsp('vscode-resource:', 'abcdefghijklmnop1234')).toMatch(/^default-src 'none'; script-src 'nonce-abcdefghijklmnop1234';/);
    expect(html).toContain(`content="default-src 'none'; script-src 'nonce-abcdefghijklmnop1234'`.replace(/'/g, '&#39;'));
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="abcdefghijklmnop1234" src="x/preview.js">');
  });

  it('refuses a missing or malformed nonce and escapes attribute values', () => {
    expect(() => buildPreviewHtml({ cspSource: 'x', nonce: '', scriptUri: 'a', styleUri: 'b' })).toThrow(/nonce/);
    expect(() => buildPreviewHtml({ cspSource: 'x', nonce: 'abc"def><script>12345', scriptUri: 'a', styleUri: 'b' })).toThrow(/nonce/);
    const html = buildPreviewHtml({ cspSource: 'x', nonce: 'abcdefghijklmnop1234', scriptUri: '"><script>alert(1)</script>', styleUri: 'b', initialStatus: '<b>hi</b>' });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;b&gt;hi&lt;/b&gt;');
  });
});

describe('preview page in Chromium', () => {
  it(`renders an SVG for each of the ${valid.length} corpus diagrams, under their headings, in order`, async () => {
    expect(valid.length).toBeGreaterThanOrEqual(25);
    const record = await openPreviewPage(browser, server);
    const { page } = record;
    const diagrams = diagramsFromSources(valid.map((v, i) => ({ code: v.code, heading: `Section ${Math.floor(i / 2)}` })));
    const rendered = await renderUpdate(page, { uri: 'file:///corpus.md', fileName: 'corpus.md', version: 1, diagrams, theme: 'auto' });
    expect(rendered).toMatchObject({ total: valid.length, rendered: valid.length, reused: 0, failed: 0 });
    const perEntry = await page.$$eval('.mlsd-entry', (figures) => figures.map((f) => ({ line: Number((f as HTMLElement).dataset.line), svgs: f.querySelectorAll('.mlsd-diagram > svg').length, errors: f.querySelectorAll('.mlsd-error').length })));
    expect(perEntry.map((e) => e.line)).toEqual(diagrams.map((d) => d.line));
    const failures = perEntry.map((e, i) => ({ ...e, file: valid[i]!.file })).filter((e) => e.svgs !== 1 || e.errors !== 0);
    expect(failures).toEqual([]);
    // Two diagrams per section, one heading per section, placed before its diagrams.
    const order = await page.$$eval('#mlsd-diagrams > *', (nodes) => nodes.map((n) => (n.tagName === 'H2' ? `h:${n.textContent}` : 'd')));
    expect(order.slice(0, 6)).toEqual(['h:Section 0', 'd', 'd', 'h:Section 1', 'd', 'd']);
    // Every diagram type exports to PNG (the canvas is never tainted: no foreign resources).
    for (let i = 0; i < valid.length; i++) await page.click(`.mlsd-entry[data-index="${i}"] button[data-action="png"]`);
    await page.waitForFunction((n) => (window as unknown as { __mlsdPosted: { type: string }[] }).__mlsdPosted.filter((m) => m.type === 'export').length === n, valid.length, { timeout: 30_000 });
    const exports = (await posted(page)).filter((m) => m.type === 'export') as { index: number; data: string }[];
    expect(exports.map((m) => m.index).sort((a, b) => a - b)).toEqual(valid.map((_, i) => i));
    expect(exports.filter((m) => !m.data.startsWith('data:image/png;base64,iVBOR'))).toEqual([]);
    expect((await posted(page)).filter((m) => m.type === 'problem')).toEqual([]);
    await expectNoForeignTraffic(record);
    await page.context().close();
  }, 180_000);

  it("shows mermaid's message and the document line in place of a broken diagram; the others still render", async () => {
    const record = await openPreviewPage(browser, server);
    const { page } = record;
    const sources = broken.flatMap((b) => [{ code: b.code }, { code: 'flowchart LR\n  ok --> fine' }]);
    const diagrams = diagramsFromSources(sources);
    const rendered = await renderUpdate(page, { uri: 'file:///broken.md', fileName: 'broken.md', version: 1, diagrams, theme: 'auto' });
    expect(rendered.failed).toBe(broken.length);
    const entries = await page.$$eval('.mlsd-entry', (figures) =>
      figures.map((f) => ({ svg: !!f.querySelector('.mlsd-diagram svg'), line: f.querySelector('.mlsd-error-line')?.textContent ?? null, message: f.querySelector('.mlsd-error-message')?.textContent ?? '' })),
    );
    broken.forEach((b, i) => {
      const expectedInBlock = Number(/%% error-line: (\d+)/.exec(b.code)![1]);
      const entry = entries[i * 2]!;
      expect({ file: b.file, svg: entry.svg, line: entry.line }).toEqual({ file: b.file, svg: false, line: `Line ${diagrams[i * 2]!.codeStartLine + expectedInBlock}: ` });
      expect(entry.message.length).toBeGreaterThan(5);
      expect(entries[i * 2 + 1]!.svg).toBe(true);
    });
    // Lines added above a broken diagram move it: the reused error follows without a re-render.
    const shifted = diagrams.map((d) => ({ ...d, line: d.line + 3, codeStartLine: d.codeStartLine + 3, endLine: d.endLine + 3 }));
    expect(await renderUpdate(page, { uri: 'file:///broken.md', fileName: 'broken.md', version: 2, diagrams: shifted, theme: 'auto' })).toMatchObject({ rendered: 0, failed: broken.length });
    expect(await page.textContent('.mlsd-entry[data-index="0"] .mlsd-error-line')).toBe(entries[0]!.line!.replace(/\d+/, (n) => String(Number(n) + 3)));
    // Mermaid's scratch containers do not pile up in the page.
    expect(await page.$$eval('body > div:not(#mlsd-staging)', (divs) => divs.length)).toBe(0);
    expect(await page.$eval('#mlsd-staging', (staging) => staging.childNodes.length)).toBe(0);
    await expectNoForeignTraffic(record);
    await page.context().close();
  }, 120_000);

  it('runs no script of the document, sends no request and stays responsive with hostile diagrams', async () => {
    const pwn = "window.__mlsdPwned.push";
    const hostile = [
      `flowchart LR\n  A["<script>${pwn}('script')</script>"] --> B["<img src=x onerror=${pwn}('onerror')>"]\n  B --> C["<a href='javascript:${pwn}(1)'>link</a>"]`,
      `flowchart LR\n  A --> B --> C\n  click A callback "tooltip"\n  click B "javascript:${pwn}('click-link')" "tip"\n  click C href "javascript:${pwn}('href')"`,
      `%%{init: {"securityLevel": "loose", "startOnLoad": true, "htmlLabels": true, "flowchart": {"htmlLabels": true}}}%%\nflowchart LR\n  A["<img src=x onerror=${pwn}('loose')>"] --> B\n  click A call ${pwn}('call')`,
      `---\nconfig:\n  securityLevel: loose\n  dompurifyConfig:\n    ADD_TAGS: [script]\n    ADD_ATTR: [onload, onerror]\n---\nflowchart LR\n  A["<svg onload=${pwn}('fm')></svg>"] --> B\n  click B call ${pwn}('fm-call')`,
      `%%{init: {"themeCSS": "@import url(https://attacker.invalid/x.css); .node rect { fill: url(https://attacker.invalid/bg.png) }", "fontFamily": "x;} * {background:url(https://attacker.invalid/f.png)"}}%%\nflowchart LR\n  A["<img src='https://attacker.invalid/pixel.png'>"] --> B`,
      `sequenceDiagram\n  participant A\n  link A: Dashboard @ javascript:${pwn}('seq')\n  links A: {"Repo": "javascript:${pwn}('seq2')"}\n  A->>A: <script>${pwn}('seq3')</script>`,
      `classDiagram\n  class Evil {\n    +x\n  }\n  click Evil call ${pwn}('class')\n  link Evil "javascript:${pwn}('class-link')"`,
      'graph TD\n' + Array.from({ length: 60_000 }, (_, i) => `  n${i}["node ${i}"] --> n${i + 1}`).join('\n'),
      'flowchart LR\n  after --> hostile',
    ];
    expect(hostile[7]!.length).toBeGreaterThan(1_000_000);
    const record = await openPreviewPage(browser, server);
    const { page } = record;
    const diagrams = diagramsFromSources(hostile.map((code) => ({ code })));
    await postToPreview(page, { type: 'update', uri: 'file:///hostile.md', fileName: 'hostile.md', version: 1, diagrams, theme: 'auto' });
    // Responsive while rendering: a trivial round trip into the page answers quickly.
    const pingStart = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - pingStart).toBeLessThan(2000);
    const rendered = await page.waitForFunction(() => (window as unknown as { __mlsdPosted: { type: string }[] }).__mlsdPosted.find((m) => m.type === 'rendered'), undefined, { timeout: 60_000 });
    const report = (await rendered.jsonValue()) as unknown as { total: number; failed: number };
    expect(report.total).toBe(hostile.length);
    // Click every node and link of every diagram, as a curious user would.
    await page.$$eval('.mlsd-diagram svg *', (nodes) => nodes.forEach((n) => n.dispatchEvent(new MouseEvent('click', { bubbles: true }))));
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __mlsdPwned: unknown[] }).__mlsdPwned)).toEqual([]);
    expect(record.dialogs).toEqual([]);
    expect(page.url()).toBe(`${server.origin}/`);
    const markup = await page.$eval('#mlsd-diagrams', (main) => main.innerHTML);
    expect(markup).not.toMatch(/<script|javascript:|\son\w+=/i);
    // The 1 MB diagram is refused with a clear message instead of freezing the page; the last one renders.
    const last = await page.$$eval('.mlsd-entry', (f) => f.slice(-2).map((e) => e.querySelector('.mlsd-error-message')?.textContent ?? (e.querySelector('svg') ? 'svg' : '')));
    expect(last[0]).toMatch(/too large/);
    expect(last[1]).toBe('svg');
    await expectNoForeignTraffic(record);
    await page.context().close();
  }, 120_000);

  it('lets mermaid draw only in an inert staging element that is scrubbed as it grows, never in the page itself (issue 11 item 15)', async () => {
    const record = await openPreviewPage(browser, server);
    const { page } = record;
    // Diagrams and label markup added to the page outside the staging element while diagrams render
    // (mermaid's text measurements, plain SVG text, do not count).
    await page.evaluate(() => {
      const w = window as unknown as { __added: string[] };
      w.__added = [];
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of Array.from(r.addedNodes)) {
            if (!(n instanceof Element) || n.closest('#mlsd-staging, #mlsd-diagrams')) continue;
            for (const e of [n, ...Array.from(n.querySelectorAll('*'))]) {
              if (!['svg', 'text', 'tspan', 'g'].includes(e.localName) || e.getAttributeNames().some((a) => a.startsWith('on'))) w.__added.push(e.outerHTML.slice(0, 80));
            }
          }
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const pwn = 'window.__mlsdPwned.push';
    const sources = [`flowchart LR\n  A["<img src=x onerror=${pwn}('a')>"] --> B`, `classDiagram\n  class A["<img src=x onerror=${pwn}('c')>"]`, 'gantt\n  title Plan\n  section S\n  Build :a1, 2024-01-01, 3d', 'sequenceDiagram\n  A->>B: hi'];
    const report = await renderUpdate(page, { uri: 'file:///staged.md', fileName: 'staged.md', version: 1, diagrams: diagramsFromSources(sources.map((code) => ({ code }))), theme: 'auto' });
    expect(report).toMatchObject({ total: 4, failed: 0 });
    expect(await page.evaluate(() => (window as unknown as { __added: string[] }).__added)).toEqual([]);
    const staging = await page.$eval('#mlsd-staging', (element) => ({ inert: (element as HTMLElement).inert, hidden: element.getAttribute('aria-hidden'), children: element.childNodes.length }));
    expect(staging).toEqual({ inert: true, hidden: 'true', children: 0 });
    // Whatever lands in the staging element loses its handlers and outside links before any event can fire.
    const scrubbed = await page.evaluate(async () => {
      const staging = document.getElementById('mlsd-staging')!;
      const holder = document.createElement('div');
      staging.append(holder);
      holder.insertAdjacentHTML('beforeend', '<img src="x" onerror="window.__mlsdPwned.push(1)"><a href="javascript:void 0" onclick="x()">a</a><script>window.__mlsdPwned.push(2)</script>');
      const img = holder.querySelector('img')!;
      await Promise.resolve();
      img.setAttribute('onload', 'window.__mlsdPwned.push(3)');
      await Promise.resolve();
      const left = holder.innerHTML;
      staging.replaceChildren();
      return left;
    });
    expect(scrubbed).toBe('<img><a>a</a>');
    expect(await page.evaluate(() => (window as unknown as { __mlsdPwned: unknown[] }).__mlsdPwned)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('re-renders only the changed diagram, keeps scroll position and unchanged SVG nodes', async () => {
    const { page } = await openPreviewPage(browser, server);
    const sources = valid.slice(0, 12).map((v) => ({ code: v.code, heading: 'Architecture' }));
    const first = diagramsFromSources(sources);
    await renderUpdate(page, { uri: 'file:///live.md', fileName: 'live.md', version: 1, diagrams: first, theme: 'auto' });
    await page.evaluate(() => {
      document.querySelectorAll('.mlsd-diagram svg').forEach((svg, i) => ((svg as unknown as { __mark: number }).__mark = i));
      window.scrollTo(0, 1500);
    });
    const scrollBefore = await page.evaluate(() => window.scrollY);
    expect(scrollBefore).toBeGreaterThan(1000);
    // One-line edit in diagram 11 (below the fold of 1500 px? no matter: it must not jump).
    const edited = first.map((d, i) => (i === 10 ? { ...d, code: `${d.code}\n  %% edited` } : d));
    const second = await renderUpdate(page, { uri: 'file:///live.md', fileName: 'live.md', version: 2, diagrams: edited, theme: 'auto' });
    expect(second).toMatchObject({ rendered: 1, reused: 11 });
    const marks = await page.$$eval('.mlsd-diagram svg', (svgs) => svgs.map((s) => (s as unknown as { __mark?: number }).__mark ?? -1));
    expect(marks).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 11]);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrollBefore)).toBeLessThan(5);
    // Inserting a diagram at the top re-renders just that one.
    const inserted = diagramsFromSources([{ code: 'pie\n  "new" : 1' }, ...edited.map((d) => ({ code: d.code, heading: d.heading }))]);
    expect(await renderUpdate(page, { uri: 'file:///live.md', fileName: 'live.md', version: 3, diagrams: inserted, theme: 'auto' })).toMatchObject({ rendered: 1, reused: 12 });
    await page.context().close();
  }, 120_000);

  it('saves its scroll position and restores it when the webview is re-created', async () => {
    const diagrams = diagramsFromSources(valid.slice(0, 8).map((v) => ({ code: v.code })));
    const first = await openPreviewPage(browser, server);
    await renderUpdate(first.page, { uri: 'file:///s.md', fileName: 's.md', version: 1, diagrams, theme: 'auto' });
    await first.page.evaluate(() => window.scrollTo(0, 1200));
    await first.page.waitForFunction(() => ((window as unknown as { __mlsdState?: { scrollY: number } }).__mlsdState?.scrollY ?? 0) >= 1200);
    const saved = await first.page.evaluate(() => (window as unknown as { __mlsdState: { uri: string; scrollY: number } }).__mlsdState);
    expect(saved).toEqual({ uri: 'file:///s.md', scrollY: 1200 });
    await first.page.context().close();
    const second = await openPreviewPage(browser, server, { savedState: saved });
    await renderUpdate(second.page, { uri: 'file:///s.md', fileName: 's.md', version: 1, diagrams, theme: 'auto' });
    expect(await second.page.evaluate(() => window.scrollY)).toBe(1200);
    await second.page.context().close();
    // Another document starts at the top.
    const third = await openPreviewPage(browser, server, { savedState: saved });
    await renderUpdate(third.page, { uri: 'file:///other.md', fileName: 'other.md', version: 1, diagrams, theme: 'auto' });
    expect(await third.page.evaluate(() => window.scrollY)).toBe(0);
    await third.page.context().close();
  }, 60_000);

  it('follows the VS Code theme and the theme setting, re-rendering on change', async () => {
    const { page } = await openPreviewPage(browser, server, { bodyClass: 'vscode-light' });
    const diagrams = diagramsFromSources([{ code: 'flowchart LR\n  a --> b' }, { code: 'sequenceDiagram\n  A->>B: hi' }]);
    await renderUpdate(page, { uri: 'file:///t.md', fileName: 't.md', version: 1, diagrams, theme: 'auto' });
    const nodeFill = () => page.$eval('.mlsd-diagram svg .node rect, .mlsd-diagram svg .node polygon', (el) => getComputedStyle(el).fill);
    const lightFill = await nodeFill();
    const countBefore = (await posted(page)).filter((m) => m.type === 'rendered').length;
    await page.evaluate(() => {
      document.body.classList.remove('vscode-light');
      document.body.classList.add('vscode-dark');
    });
    await page.waitForFunction((n) => (window as unknown as { __mlsdPosted: { type: string }[] }).__mlsdPosted.filter((m) => m.type === 'rendered').length > n, countBefore);
    const darkReport = (await posted(page)).filter((m) => m.type === 'rendered').pop();
    expect(darkReport).toMatchObject({ rendered: 2, reused: 0 });
    const darkFill = await nodeFill();
    expect(darkFill).not.toBe(lightFill);
    await page.evaluate(() => {
      document.body.classList.remove('vscode-dark');
      document.body.classList.add('vscode-high-contrast');
    });
    await page.waitForFunction((n) => (window as unknown as { __mlsdPosted: { type: string }[] }).__mlsdPosted.filter((m) => m.type === 'rendered').length > n + 1, countBefore);
    expect(await nodeFill()).toBe('rgb(0, 0, 0)');
    // An explicit setting wins over the VS Code theme.
    await renderUpdate(page, { uri: 'file:///t.md', fileName: 't.md', version: 2, diagrams, theme: 'forest' });
    expect([lightFill, darkFill, 'rgb(0, 0, 0)']).not.toContain(await nodeFill());
    await page.context().close();
  }, 60_000);

  it('reveals the source on click, copies and exports SVG and PNG, and shows status messages', async () => {
    const { page } = await openPreviewPage(browser, server);
    const diagrams = diagramsFromSources([{ code: 'flowchart LR\n  a[Request] --> b[Ranker]' }, { code: 'erDiagram\n  USER ||--o{ ORDER : places' }, { code: 'graph TD\n  broken -->' }]);
    await renderUpdate(page, { uri: 'file:///i.md', fileName: 'i.md', version: 1, diagrams, theme: 'auto' });
    await page.click('.mlsd-entry[data-index="1"] .mlsd-diagram');
    await page.click('.mlsd-entry[data-index="0"] button[data-action="copy"]');
    await page.click('.mlsd-entry[data-index="0"] button[data-action="svg"]');
    await page.click('.mlsd-entry[data-index="1"] button[data-action="png"]');
    await page.waitForFunction(() => (window as unknown as { __mlsdPosted: { type: string; format?: string }[] }).__mlsdPosted.some((m) => m.format === 'png'));
    const messages = await posted(page);
    expect(messages.find((m) => m.type === 'reveal')).toEqual({ type: 'reveal', uri: 'file:///i.md', line: diagrams[1]!.line, endLine: diagrams[1]!.endLine });
    const copy = messages.find((m) => m.type === 'copySvg') as { svg: string };
    expect(copy.svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(copy.svg).toContain('Ranker');
    const svgExport = messages.find((m) => m.type === 'export' && m.format === 'svg') as { index: number; data: string };
    expect(svgExport.index).toBe(0);
    expect(svgExport.data.startsWith('<svg')).toBe(true);
    const png = messages.find((m) => m.type === 'export' && m.format === 'png') as { index: number; data: string };
    expect(png.index).toBe(1);
    const pngBytes = Buffer.from(png.data.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngBytes.length).toBeGreaterThan(1000);
    // The broken diagram offers no export buttons.
    expect(await page.isVisible('.mlsd-entry[data-index="2"] button[data-action="png"]')).toBe(false);
    await postToPreview(page, { type: 'status', message: 'The MLSD language server is not running, so diagrams cannot be read.' });
    expect(await page.textContent('#mlsd-status')).toContain('language server is not running');
    expect(await page.$$('.mlsd-entry')).toHaveLength(0);
    // Junk messages are ignored, not fatal.
    await page.evaluate(() => {
      window.postMessage({ type: 'update', uri: 5, diagrams: 'nope' }, '*');
      window.postMessage(null, '*');
      window.postMessage('<img src=x onerror=alert(1)>', '*');
    });
    await renderUpdate(page, { uri: 'file:///i.md', fileName: 'i.md', version: 2, diagrams: [], theme: 'auto' });
    expect(await page.textContent('#mlsd-status')).toBe('No mermaid diagrams in this document.');
    await page.context().close();
  }, 60_000);
});
