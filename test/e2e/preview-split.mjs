// The diagram preview in a side-by-side split of a real VS Code (code-server, driven by headless
// Chromium), in the light and dark themes: issue 13 items 9-13 as a user sees them. Loads the
// repository as the development extension (build first: `npm run build`), opens a design doc with a
// wide diagram, opens the preview beside it and checks, inside the webview:
//   - the wide diagram is fitted at a readable size (labels at least 11 px high) and scrolls sideways;
//   - zoom in/out and fit work from the diagram's toolbar;
//   - a typo keeps the last good render visible, dimmed, under a plain sentence;
//   - the editor-title icon is not Markdown's "Open Preview to the Side" glyph;
//   - Export SVG and Export PNG, in the dark theme, write files (through VS Code's save dialog) that,
//     opened again, have the diagram's size (the PNG twice it) and a white background.
// Screenshots: .test-output/e2e/preview-split-{light,dark}.png and preview-split-error-{light,dark}.png.
// Usage: node test/e2e/preview-split.mjs   (prints "N passed, N failed"; exits non-zero on failure)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startCodeServer } from './lib/codeServer.mjs';

const OUTPUT = path.join(ROOT, '.test-output/e2e');
const STATE = path.join(ROOT, '.test-output/e2e-preview-split');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const WIDE = [
  'flowchart LR',
  '  app[App open] --> gateway[API gateway] --> features[Feature store lookup] --> retrieval[Two-tower retrieval]',
  '  retrieval --> filter[Business rules filter] --> ranker[GBDT ranker] --> rerank[Diversity re-ranker] --> feed[Home feed]',
  '  feed --> logs[Impression logs] --> training[Nightly training job]',
].join('\n');

const DOC = `# Feed ranking design

<!-- mlsd-design-doc -->

## Serving architecture

\`\`\`mermaid
${WIDE}
\`\`\`

## Request flow

\`\`\`mermaid
sequenceDiagram
  App->>Ranker: candidates for user
  Ranker-->>App: top 20 recipes
\`\`\`
`;

const results = [];
function record(name, ok, detail = '') {
  results.push({ ok });
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${name}${detail ? `\n        ${detail.replace(/\n/g, '\n        ')}` : ''}`);
}
async function check(name, body) {
  try {
    await body();
    record(name, true);
  } catch (error) {
    record(name, false, error instanceof Error ? error.message.split('\n').slice(0, 8).join('\n') : String(error));
  }
}

async function waitUntil(what, read, predicate, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await read().catch((error) => `(${error.message})`);
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not seen within ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 400)}`);
}

mkdirSync(OUTPUT, { recursive: true });
rmSync(STATE, { recursive: true, force: true });
const workspace = path.join(STATE, 'workspace');
cpSync(path.join(ROOT, 'test/e2e/workspace'), workspace, { recursive: true });
writeFileSync(path.join(workspace, 'design-docs', 'serving.design.md'), DOC);
const settingsFile = path.join(workspace, '.vscode', 'settings.json');
const setTheme = (theme) => {
  mkdirSync(path.dirname(settingsFile), { recursive: true });
  writeFileSync(settingsFile, JSON.stringify({ 'workbench.colorTheme': theme }, null, 2));
};
setTheme('Default Light Modern');

const server = await startCodeServer({ stateDir: path.join(STATE, 'code-server'), workspace });
let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  // The repository as the development extension (its dist/ build), without a test runner.
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${ROOT}`],
    ['skipWelcome', 'true'],
  ];
  await page.goto(`${server.url}?${new URLSearchParams({ folder: workspace, payload: JSON.stringify(payload) })}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  const shot = async (name) => {
    await page.mouse.move(700, 880);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
  };
  const theme = async (name, cssClass) => {
    setTheme(name);
    await page.locator(`.monaco-workbench.${cssClass}`).waitFor({ timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
  };

  await check('preview split: opens beside the doc; the wide diagram is fitted at a readable size and scrolls sideways', async () => {
    for (const name of ['design-docs', 'serving.design.md']) {
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
      await row.waitFor({ timeout: 20_000 });
      if (name === 'design-docs' && (await row.getAttribute('aria-expanded')) === 'true') continue;
      await row.click();
    }
    await page.locator('.tabs-container .tab.active', { hasText: 'serving.design.md' }).waitFor({ timeout: 10_000 });
    // The editor-title button, as a user clicks it.
    const button = page.locator('.editor-actions .action-label[aria-label="MLSD: Open Diagram Preview"], .editor-actions .action-label[aria-label="Open Diagram Preview"]').first();
    await button.waitFor({ timeout: 30_000 });
    const glyph = await button.getAttribute('class');
    if (!/codicon-type-hierarchy/.test(glyph) || /codicon-open-preview/.test(glyph)) throw new Error(`editor-title icon classes: ${glyph}`);
    await button.click();
    await webview.locator('svg', { hasText: 'Diversity re-ranker' }).first().waitFor({ timeout: 60_000 });
    const state = await waitUntil(
      'the fitted wide diagram',
      () =>
        webview.locator('.mlsd-entry[data-index="0"]').evaluate((figure) => {
          const viewport = figure.querySelector('.mlsd-diagram');
          const label = figure.querySelector('.mlsd-diagram > svg .node text');
          return { scale: Number(figure.dataset.scale), label: label?.getBoundingClientRect().height ?? 0, viewport: viewport.clientWidth, scroll: viewport.scrollWidth };
        }),
      (s) => s && s.label > 0,
    );
    if (state.viewport > 700) throw new Error(`the preview is not a side split: ${state.viewport} px wide`);
    if (state.label < 11) throw new Error(`labels are ${state.label.toFixed(1)} px high (scale ${state.scale})`);
    if (state.scroll <= state.viewport) throw new Error(`the wide diagram does not scroll sideways: ${JSON.stringify(state)}`);
    await shot('preview-split-light');
  });

  await check('preview split: zoom in, out and fit from the toolbar', async () => {
    const figure = webview.locator('.mlsd-entry[data-index="1"]');
    const level = () => figure.locator('.mlsd-zoom-level').innerText();
    await figure.locator('button[data-action="zoom-in"]').click();
    await waitUntil('125%', level, (t) => t === '125%');
    await figure.locator('button[data-action="zoom-out"]').click();
    await figure.locator('button[data-action="zoom-out"]').click();
    await waitUntil('80%', level, (t) => t === '80%');
    await figure.locator('button[data-action="zoom-fit"]').click();
    await waitUntil('fit', level, (t) => /\(fit\)/.test(t));
  });

  await check('preview split: a typo keeps the last good render, dimmed, under a plain sentence', async () => {
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+F');
    await page.keyboard.type('[Feature store lookup]');
    await page.keyboard.press('Escape');
    // Delete the closing bracket of the selected match: the label is left open.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Backspace');
    const error = webview.locator('.mlsd-entry[data-index="0"] .mlsd-error-message');
    await error.waitFor({ timeout: 20_000 });
    const text = await error.innerText();
    if (!/never closed/.test(text) || /Expecting/.test(text)) throw new Error(`error says: ${text}`);
    const stale = await webview.locator('.mlsd-entry[data-index="0"]').evaluate((figure) => figure.classList.contains('mlsd-stale') && !!figure.querySelector('.mlsd-diagram > svg'));
    if (!stale) throw new Error('the last good render is not shown');
    await shot('preview-split-error-light');
  });

  await check('preview split: dark theme', async () => {
    await theme('Default Dark Modern', 'vs-dark');
    await shot('preview-split-error-dark');
    await page.keyboard.press('Control+Z');
    await webview.locator('.mlsd-entry[data-index="0"] .mlsd-error').waitFor({ state: 'detached', timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await shot('preview-split-dark');
  });

  await check('preview split: exports from the dark theme are light, at the diagram size (SVG) and twice it (PNG)', async () => {
    const figure = webview.locator('.mlsd-entry[data-index="1"]');
    const natural = await figure.locator('.mlsd-diagram > svg').evaluate((svg) => ({ width: Math.ceil(Number(svg.dataset.naturalWidth)), height: Math.ceil(Number(svg.dataset.naturalHeight)) }));
    const saved = {};
    for (const format of ['svg', 'png']) {
      const file = path.join(workspace, 'design-docs', `serving.design-diagram-2.${format}`);
      rmSync(file, { force: true });
      await figure.locator(`button[data-action="${format}"]`).click();
      // VS Code's save dialog, proposing the file beside the doc: accept it.
      await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await page.keyboard.press('Enter');
      await waitUntil(`the exported ${format}`, async () => existsSync(file), Boolean, 15_000);
      saved[format] = readFileSync(file);
    }
    const svg = saved.svg.toString('utf8');
    const head = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
    if (!head.includes(` width="${natural.width}"`) || !head.includes(` height="${natural.height}"`)) throw new Error(`SVG root: ${head.slice(0, 300)}; diagram ${JSON.stringify(natural)}`);
    const png = { width: saved.png.readUInt32BE(16), height: saved.png.readUInt32BE(20) };
    if (png.width !== natural.width * 2 || png.height !== natural.height * 2) throw new Error(`PNG ${JSON.stringify(png)}; diagram ${JSON.stringify(natural)}`);
    // Opened again as images (on a black page): their own size, white at the corner.
    const probe = await browser.newPage();
    try {
      for (const [format, src] of [
        ['svg', `data:image/svg+xml;base64,${saved.svg.toString('base64')}`],
        ['png', `data:image/png;base64,${saved.png.toString('base64')}`],
      ]) {
        const seen = await probe.evaluate(async (src) => {
          const image = new Image();
          await new Promise((resolve, reject) => ((image.onload = resolve), (image.onerror = reject), (image.src = src)));
          const canvas = Object.assign(document.createElement('canvas'), { width: image.naturalWidth, height: image.naturalHeight });
          const context = canvas.getContext('2d');
          context.fillStyle = '#000';
          context.fillRect(0, 0, canvas.width, canvas.height);
          context.drawImage(image, 0, 0);
          return { width: image.naturalWidth, height: image.naturalHeight, corner: Array.from(context.getImageData(2, 2, 1, 1).data) };
        }, src);
        const factor = format === 'png' ? 2 : 1;
        if (seen.width !== natural.width * factor || seen.height !== natural.height * factor) throw new Error(`${format} opens at ${seen.width}x${seen.height}`);
        if (seen.corner.join() !== '255,255,255,255') throw new Error(`${format} background at the corner: ${seen.corner}`);
      }
    } finally {
      await probe.close();
    }
  });
} catch (error) {
  record('preview split harness', false, error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await browser?.close().catch(() => undefined);
  await server.stop();
}
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed; screenshots in ${path.relative(ROOT, OUTPUT)}/preview-split-*.png`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
