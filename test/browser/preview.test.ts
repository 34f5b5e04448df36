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
    const perEntry = await page.$$eval('.mlsd-entry', (figures) =>
      figures.map((f) => ({ line: Number((f as HTMLElement).dataset.line), svgs: f.querySelectorAll('.mlsd-diagram > svg').length, errors: f.querySelectorAll('.mlsd-error').length })),
    );
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
      figures.map((f) => ({
        svg: !!f.querySelector('.mlsd-diagram svg'),
        line: f.querySelector('.mlsd-error-line')?.textContent ?? null,
        message: f.querySelector('.mlsd-error-message')?.textContent ?? '',
      })),
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
    const pwn = 'window.__mlsdPwned.push';
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
    const sources = [
      `flowchart LR\n  A["<img src=x onerror=${pwn}('a')>"] --> B`,
      `classDiagram\n  class A["<img src=x onerror=${pwn}('c')>"]`,
      'gantt\n  title Plan\n  section S\n  Build :a1, 2024-01-01, 3d',
      'sequenceDiagram\n  A->>B: hi',
    ];
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

// ---------------------------------------------------------------------------------------------
// Issue 13 items 9, 10, 11, 13: readable fit, zoom and pan; last good render; plain errors; exports.

/** A side-by-side split on a 1400 px screen leaves the preview about 500 px. */
const SPLIT = { width: 520, height: 760 };
const WIDE = `flowchart LR\n${Array.from({ length: 12 }, (_, i) => `  s${i}[Stage ${i} service] --> s${i + 1}[Stage ${i + 1} service]`).join('\n')}`;
const SMALL = 'flowchart LR\n  a[Request] --> b[Ranker]';

type W = { __mlsdPosted: { type: string; [key: string]: unknown }[]; __mlsdState?: { zoom?: Record<string, Record<string, number>> } };

/** Height on screen of the diagram's first node label, in CSS pixels. */
function labelHeight(page: PageRecord['page'], index = 0): Promise<number> {
  return page.$eval(`.mlsd-entry[data-index="${index}"] .mlsd-diagram > svg .node text`, (text) => text.getBoundingClientRect().height);
}

function figureState(page: PageRecord['page'], index = 0) {
  return page.$eval(`.mlsd-entry[data-index="${index}"]`, (figure) => {
    const viewport = figure.querySelector<HTMLElement>('.mlsd-diagram')!;
    const svg = viewport.querySelector('svg')!;
    return {
      scale: Number((figure as HTMLElement).dataset.scale),
      zoom: (figure as HTMLElement).dataset.zoom,
      level: figure.querySelector('.mlsd-zoom-level')!.textContent,
      svgWidth: svg.getBoundingClientRect().width,
      naturalWidth: Number(svg.dataset.naturalWidth),
      viewportWidth: viewport.clientWidth,
      scrollWidth: viewport.scrollWidth,
      scrollLeft: viewport.scrollLeft,
    };
  });
}

describe('preview zoom, fit and pan (issue 13 item 9)', () => {
  it('fits a wide diagram at a readable size in a side split and scrolls it sideways; a small one stays at its natural size', async () => {
    const record = await openPreviewPage(browser, server, { viewport: SPLIT });
    const { page } = record;
    await renderUpdate(page, { uri: 'file:///wide.md', fileName: 'wide.md', version: 1, diagrams: diagramsFromSources([{ code: WIDE }, { code: SMALL }]), theme: 'auto' });
    const wide = await figureState(page, 0);
    // Shrunk to fit would be ~0.15 (labels ~5 px): the fit stops at a readable scale and the frame scrolls.
    expect(wide.naturalWidth).toBeGreaterThan(2000);
    expect(wide.scale).toBeGreaterThanOrEqual(0.75);
    expect(await labelHeight(page, 0)).toBeGreaterThanOrEqual(11);
    expect(wide.scrollWidth).toBeGreaterThan(wide.viewportWidth + 500);
    // Only the diagram's frame scrolls sideways, not the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const small = await figureState(page, 1);
    expect(small.scale).toBe(1);
    expect(small.scrollWidth).toBeLessThanOrEqual(small.viewportWidth);
    expect(small.level).toBe('100% (fit)');
    await expectNoForeignTraffic(record);
    await page.context().close();
  }, 60_000);

  it('zooms in, out and back to fit with the toolbar, Ctrl+wheel and the keyboard; drags to pan without revealing the source', async () => {
    const { page } = await openPreviewPage(browser, server, { viewport: SPLIT });
    await renderUpdate(page, { uri: 'file:///wide.md', fileName: 'wide.md', version: 1, diagrams: diagramsFromSources([{ code: WIDE }, { code: SMALL }]), theme: 'auto' });
    const fit = (await figureState(page, 1)).scale;
    await page.click('.mlsd-entry[data-index="1"] button[data-action="zoom-in"]');
    expect(await figureState(page, 1)).toMatchObject({ scale: fit * 1.25, zoom: '1.25', level: '125%' });
    expect((await figureState(page, 1)).svgWidth).toBeCloseTo((await figureState(page, 1)).naturalWidth * 1.25, 0);
    await page.click('.mlsd-entry[data-index="1"] button[data-action="zoom-out"]');
    await page.click('.mlsd-entry[data-index="1"] button[data-action="zoom-out"]');
    expect((await figureState(page, 1)).scale).toBe(0.8);
    await page.click('.mlsd-entry[data-index="1"] button[data-action="zoom-fit"]');
    expect(await figureState(page, 1)).toMatchObject({ scale: 1, zoom: 'fit' });
    // Ctrl+wheel over a diagram zooms it (and does not scroll the page).
    const box = (await page.$('.mlsd-entry[data-index="1"] .mlsd-diagram'))!;
    const rect = (await box.boundingBox())!;
    await page.mouse.move(rect.x + 40, rect.y + rect.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.mlsd-entry[data-index="1"]')!.dataset.zoom === '1.25');
    // Keyboard on the focused diagram: + zooms in, - out, 0 back to fit.
    await page.focus('.mlsd-entry[data-index="1"] .mlsd-diagram');
    await page.keyboard.press('+');
    expect((await figureState(page, 1)).zoom).toBe('1.563');
    await page.keyboard.press('0');
    expect((await figureState(page, 1)).zoom).toBe('fit');
    await page.keyboard.press('-');
    expect((await figureState(page, 1)).zoom).toBe('0.8');
    // Drag the wide diagram to pan it sideways: it scrolls, and the drag is not a click on the diagram.
    const wideBox = (await (await page.$('.mlsd-entry[data-index="0"] .mlsd-diagram'))!.boundingBox())!;
    const y = wideBox.y + wideBox.height / 2;
    await page.mouse.move(wideBox.x + 400, y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(wideBox.x + 400 - step * 30, y);
    await page.mouse.up();
    expect((await figureState(page, 0)).scrollLeft).toBeGreaterThanOrEqual(290);
    expect((await posted(page)).filter((m) => m.type === 'reveal')).toEqual([]);
    // A plain click still shows the source.
    await page.mouse.click(wideBox.x + 100, y);
    expect((await posted(page)).filter((m) => m.type === 'reveal')).toHaveLength(1);
    await page.context().close();
  }, 60_000);

  it('remembers each document zoom: switching documents and re-creating the webview bring it back', async () => {
    const first = await openPreviewPage(browser, server, { viewport: SPLIT });
    const diagrams = diagramsFromSources([{ code: SMALL }, { code: WIDE }]);
    await renderUpdate(first.page, { uri: 'file:///a.md', fileName: 'a.md', version: 1, diagrams, theme: 'auto' });
    await first.page.click('.mlsd-entry[data-index="1"] button[data-action="zoom-in"]');
    const zoomed = (await figureState(first.page, 1)).zoom;
    expect(Number(zoomed)).toBeGreaterThan(0.75);
    const state = await first.page.evaluate(() => (window as unknown as W).__mlsdState);
    expect(state?.zoom).toEqual({ 'file:///a.md': { '1': Number(zoomed) } });
    // Another document: its diagrams fit; back to the first: its zoom again.
    await renderUpdate(first.page, { uri: 'file:///b.md', fileName: 'b.md', version: 1, diagrams, theme: 'auto' });
    expect((await figureState(first.page, 1)).zoom).toBe('fit');
    await renderUpdate(first.page, { uri: 'file:///a.md', fileName: 'a.md', version: 2, diagrams, theme: 'auto' });
    expect((await figureState(first.page, 1)).zoom).toBe(zoomed);
    expect((await figureState(first.page, 0)).zoom).toBe('fit');
    const saved = (await first.page.evaluate(() => (window as unknown as W).__mlsdState)) as never;
    await first.page.context().close();
    const second = await openPreviewPage(browser, server, { viewport: SPLIT, savedState: saved });
    await renderUpdate(second.page, { uri: 'file:///a.md', fileName: 'a.md', version: 1, diagrams, theme: 'auto' });
    expect((await figureState(second.page, 1)).zoom).toBe(zoomed);
    await second.page.context().close();
  }, 60_000);
});

describe('preview errors (issue 13 items 10 and 11)', () => {
  it('keeps the last good render visible, dimmed, with the error above it, until the diagram parses again', async () => {
    const record = await openPreviewPage(browser, server, { viewport: SPLIT });
    const { page } = record;
    const good = diagramsFromSources([{ code: 'flowchart LR\n  a[Request] --> b[Ranker]\n  b --> c[Response]' }, { code: SMALL }]);
    await renderUpdate(page, { uri: 'file:///typo.md', fileName: 'typo.md', version: 1, diagrams: good, theme: 'auto' });
    // A typo: the closing bracket of "Ranker" is gone.
    const typo = good.map((d, i) => (i === 0 ? { ...d, code: 'flowchart LR\n  a[Request] --> b[Ranker\n  b --> c[Response]' } : d));
    expect(await renderUpdate(page, { uri: 'file:///typo.md', fileName: 'typo.md', version: 2, diagrams: typo, theme: 'auto' })).toMatchObject({ rendered: 1, failed: 1 });
    const broken = await page.$eval('.mlsd-entry[data-index="0"]', (figure) => {
      const svg = figure.querySelector('.mlsd-diagram > svg');
      const error = figure.querySelector('.mlsd-error');
      return {
        stale: figure.classList.contains('mlsd-stale'),
        svgLabels: svg?.textContent ?? '',
        opacity: svg ? Number(getComputedStyle(svg).opacity) : 1,
        errorAbove: !!error && !!svg && error.getBoundingClientRect().bottom <= svg.getBoundingClientRect().top,
        line: figure.querySelector('.mlsd-error-line')?.textContent,
        message: figure.querySelector('.mlsd-error-message')?.textContent,
        details: figure.querySelector('.mlsd-error-details')?.textContent ?? '',
        exportVisible: (figure.querySelector('button[data-action="png"]') as HTMLElement).offsetParent !== null,
      };
    });
    expect(broken).toMatchObject({
      stale: true,
      errorAbove: true,
      line: `Line ${good[0]!.codeStartLine + 2}: `,
      message: "The '[' after 'b' is never closed: end its label with ']'.",
      exportVisible: false,
    });
    expect(broken.svgLabels).toContain('Response');
    expect(broken.opacity).toBeLessThan(0.6);
    expect(broken.details).toContain("Expecting 'SQE'");
    // The other diagram was not touched.
    expect(await page.$eval('.mlsd-entry[data-index="1"]', (figure) => figure.classList.contains('mlsd-stale') || !!figure.querySelector('.mlsd-error'))).toBe(false);
    // Another typo on top: still the last good render, with the new error.
    const typo2 = good.map((d, i) => (i === 0 ? { ...d, code: 'flowchart LR\n  a[Request] -> b[Ranker]\n  b --> c[Response]' } : d));
    await renderUpdate(page, { uri: 'file:///typo.md', fileName: 'typo.md', version: 3, diagrams: typo2, theme: 'auto' });
    expect(await page.textContent('.mlsd-entry[data-index="0"] .mlsd-error-message')).toBe("'->' is not a flowchart link: use '-->' (or '---', '-.->', '==>').");
    expect(await page.$eval('.mlsd-entry[data-index="0"] .mlsd-diagram > svg', (svg) => svg.textContent)).toContain('Response');
    // Fixed: the new render replaces it, not dimmed, no error.
    const fixed = good.map((d, i) => (i === 0 ? { ...d, code: 'flowchart LR\n  a[Request] --> b[Ranker]\n  b --> c[Reply]' } : d));
    await renderUpdate(page, { uri: 'file:///typo.md', fileName: 'typo.md', version: 4, diagrams: fixed, theme: 'auto' });
    const after = await page.$eval('.mlsd-entry[data-index="0"]', (figure) => ({
      stale: figure.classList.contains('mlsd-stale'),
      errors: figure.querySelectorAll('.mlsd-error').length,
      text: figure.querySelector('.mlsd-diagram > svg')!.textContent,
      opacity: getComputedStyle(figure.querySelector('.mlsd-diagram > svg')!).opacity,
    }));
    expect(after).toMatchObject({ stale: false, errors: 0, opacity: '1' });
    expect(after.text).toContain('Reply');
    await expectNoForeignTraffic(record);
    await page.context().close();
  }, 60_000);

  it('says what is wrong in a plain sentence with the line, and keeps mermaid text in the details', async () => {
    const { page } = await openPreviewPage(browser, server, { viewport: SPLIT });
    const cases = [
      { code: 'flowchart LR\n  a[Request] --> b[Ranker\n  b --> c', line: 2, message: "The '[' after 'b' is never closed: end its label with ']'.", mermaid: "Expecting 'SQE'" },
      { code: 'flowchart LR\n  a["Request] --> b', line: 2, message: `The quote opened at column 5 is never closed: end the text with a '"'.`, mermaid: "Expecting 'SQE'" },
      { code: 'flowchart LR\n  a --> b\n  b => c', line: 3, message: "'=>' is not a flowchart link: use '-->' (or '---', '-.->', '==>').", mermaid: 'Lexical error' },
      { code: 'flowchat LR\n  a --> b', line: 1, message: "'flowchat' is not a mermaid diagram type: did you mean 'flowchart'?", mermaid: "Unknown mermaid diagram type 'flowchat'" },
      {
        code: 'flowchart LR\n  subgraph serving\n    a --> b\n  c --> d',
        line: 4,
        message: "The 'subgraph' on line LINE2 has no matching 'end': add a line with 'end' after its last line.",
        mermaid: "'end'",
      },
      {
        code: 'sequenceDiagram\n  loop every minute\n    A->>B: ping',
        line: 3,
        message: "The 'loop' on line LINE2 has no matching 'end': add a line with 'end' after its last line.",
        mermaid: "'end'",
      },
    ];
    const diagrams = diagramsFromSources(cases.map((c) => ({ code: c.code })));
    await renderUpdate(page, { uri: 'file:///errors.md', fileName: 'errors.md', version: 1, diagrams, theme: 'auto' });
    const shown = await page.$$eval('.mlsd-entry', (figures) =>
      figures.map((f) => ({
        line: f.querySelector('.mlsd-error-line')?.textContent,
        message: f.querySelector('.mlsd-error-message')?.textContent,
        details: f.querySelector('.mlsd-error-details code')?.textContent ?? '',
      })),
    );
    cases.forEach((c, i) => {
      const documentLine = diagrams[i]!.codeStartLine + c.line;
      expect(shown[i]).toMatchObject({ line: `Line ${documentLine}: `, message: c.message.replace('LINE2', String(diagrams[i]!.codeStartLine + 2)) });
      expect(shown[i]!.message).not.toMatch(/Expecting|got '/);
      expect(shown[i]!.details).toContain(c.mermaid);
    });
    await page.context().close();
  }, 60_000);
});

describe('preview exports (issue 13 item 13)', () => {
  /** Inside the page: the natural size of an image, and the colour of the pixel at (x, y) when drawn over `under`. */
  async function inspectImage(page: PageRecord['page'], src: string, under: string, x = 1, y = 1) {
    return page.evaluate(
      async ({ src, under, x, y }) => {
        const image = new Image();
        await new Promise((resolve, reject) => {
          image.onload = resolve;
          image.onerror = () => reject(new Error('image did not load'));
          image.src = src;
        });
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d')!;
        context.fillStyle = under;
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0);
        return { width: image.naturalWidth, height: image.naturalHeight, pixel: Array.from(context.getImageData(x, y, 1, 1).data) };
      },
      { src, under, x, y },
    );
  }

  function pngSize(dataUrl: string): { width: number; height: number } {
    const bytes = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }

  async function exportBoth(page: PageRecord['page'], index: number): Promise<{ svg: string; png: string }> {
    const before = (await posted(page)).filter((m) => m.type === 'export').length;
    await page.click(`.mlsd-entry[data-index="${index}"] button[data-action="svg"]`);
    await page.click(`.mlsd-entry[data-index="${index}"] button[data-action="png"]`);
    await page.waitForFunction((n) => (window as unknown as W).__mlsdPosted.filter((m) => m.type === 'export').length >= n + 2, before, { timeout: 30_000 });
    const exports = (await posted(page)).filter((m) => m.type === 'export').slice(before) as { format: string; data: string }[];
    expect((await posted(page)).filter((m) => m.type === 'problem')).toEqual([]);
    return { svg: exports.find((m) => m.format === 'svg')!.data, png: exports.find((m) => m.format === 'png')!.data };
  }

  it('exports at the diagram size (SVG with real width and height, PNG at 2x) on a light background, also from a dark theme', async () => {
    const record = await openPreviewPage(browser, server, { viewport: SPLIT, bodyClass: 'vscode-dark' });
    const { page } = record;
    await page.evaluate(() => document.body.style.setProperty('--vscode-editor-background', '#1e1e1e'));
    await renderUpdate(page, {
      uri: 'file:///x.md',
      fileName: 'x.md',
      version: 1,
      diagrams: diagramsFromSources([{ code: WIDE }, { code: 'flowchart LR\n  a[Request] --> b[Ranker] --> c[Feed]' }]),
      theme: 'auto',
    });
    for (const index of [0, 1]) {
      const natural = await page.$eval(`.mlsd-entry[data-index="${index}"] .mlsd-diagram > svg`, (svg) => ({
        width: Math.ceil(Number((svg as SVGSVGElement).dataset.naturalWidth)),
        height: Math.ceil(Number((svg as SVGSVGElement).dataset.naturalHeight)),
      }));
      const { svg, png } = await exportBoth(page, index);
      // The SVG says its size: an <img> of it is the diagram's size, not 300×150 or the preview's width.
      expect(svg).toMatch(new RegExp(`^<svg[^>]* width="${natural.width}"`));
      expect(svg).toMatch(new RegExp(`^<svg[^>]* height="${natural.height}"`));
      expect(svg).not.toMatch(/^<svg[^>]*width="100%"/);
      // On a black page the SVG's own background shows: white, in mermaid's light theme (light node fill).
      const svgImage = await inspectImage(page, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, '#000000');
      expect(svgImage).toMatchObject({ width: natural.width, height: natural.height, pixel: [255, 255, 255, 255] });
      expect(svg.toLowerCase()).toContain('#ececff');
      // The PNG is twice the diagram's size (not the size it is shown at in the split) and white behind it.
      expect(pngSize(png)).toEqual({ width: natural.width * 2, height: natural.height * 2 });
      const pngImage = await inspectImage(page, png, '#000000');
      expect(pngImage.pixel).toEqual([255, 255, 255, 255]);
    }
    // mlsd.preview.exportTheme = "current": as shown, on the preview's background.
    await renderUpdate(page, {
      uri: 'file:///x.md',
      fileName: 'x.md',
      version: 2,
      diagrams: diagramsFromSources([{ code: WIDE }, { code: 'flowchart LR\n  a[Request] --> b[Ranker] --> c[Feed]' }]),
      theme: 'auto',
      exportTheme: 'current',
    });
    const current = await exportBoth(page, 1);
    expect((await inspectImage(page, current.png, '#ffffff')).pixel).toEqual([30, 30, 30, 255]);
    expect(current.svg.toLowerCase()).not.toContain('#ececff');
    await expectNoForeignTraffic(record);
    await page.context().close();
  }, 90_000);
});
