// The judgment in a real VS Code (code-server + headless Chromium), on the repository as the
// development extension (run `npm run build` first): the hover on a step heading shows the checklist,
// and a click on a met checkpoint's "line N" link moves the cursor to that line; the status bar shows
// the readiness; the thin step's light bulb offers the checkpoint prompts. Screenshots in
// .test-output/e2e-judgment/.
// Usage: node test/e2e/judgment.mjs        (exits non-zero on any failure)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startCodeServer } from './lib/codeServer.mjs';

const OUTPUT = path.join(ROOT, '.test-output/e2e-judgment');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Line 5 (one-based) holds the scale: the Requirements checklist links to it.
const DOC = `# Feed ranking

## Requirements

We serve 100M daily active users at 20k QPS; the business objective is to increase watch time.

## Model

- What model would you use?

## Evaluation

Offline metrics: NDCG@10 and recall@100 on the last week of logs. Online metrics: watch time and CTR, in an A/B test against the current ranker.
`;

const results = [];
const cleanups = [];
async function check(name, body, page) {
  const began = Date.now();
  try {
    await body();
    results.push(true);
    console.log(`  ok   ${name} (${Date.now() - began} ms)`);
  } catch (error) {
    results.push(false);
    console.log(
      `  FAIL ${name} (${Date.now() - began} ms)\n        ${String(error?.message ?? error)
        .split('\n')
        .slice(0, 8)
        .join('\n        ')}`,
    );
    await page?.screenshot({ path: path.join(OUTPUT, `failure-${results.length}.png`) }).catch(() => undefined);
  }
  for (let i = 0; i < 2; i++) await page?.keyboard.press('Escape').catch(() => undefined);
}

async function waitForText(what, read, predicate, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await read();
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not seen within ${timeoutMs} ms; last text: ${last.slice(0, 800)}`);
}

async function main() {
  rmSync(OUTPUT, { recursive: true, force: true });
  const workspace = path.join(OUTPUT, 'workspace');
  mkdirSync(path.join(workspace, 'design-docs'), { recursive: true });
  writeFileSync(path.join(workspace, 'design-docs', 'feed.md'), DOC);
  const server = await startCodeServer({ stateDir: path.join(OUTPUT, 'state'), workspace, logFile: path.join(OUTPUT, 'code-server.log') });
  cleanups.push(() => server.stop());
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  cleanups.push(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${ROOT}`],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(`${server.url}?${new URLSearchParams({ folder: workspace, payload }).toString()}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const shot = (name) => page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });

  for (const name of ['design-docs', 'feed.md']) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: 30_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
  await page.locator('.tabs-container .tab.active', { hasText: 'feed.md' }).waitFor({ timeout: 20_000 });

  await check(
    'status bar: readiness beside the step count',
    async () => {
      const item = page.locator('.statusbar-item', { hasText: /MLSD \d+\/\d+/ });
      await waitForText(
        'MLSD n/7 · N%',
        () =>
          item
            .first()
            .innerText()
            .catch(() => ''),
        (t) => /MLSD \d\/7 · \d+%/.test(t),
        60_000,
      );
      await shot('status-bar');
    },
    page,
  );

  await check(
    'hover: the checklist, and its "line 5" link moves the cursor to line 5',
    async () => {
      await page
        .locator('.monaco-editor .view-line', { hasText: '## Requirements' })
        .first()
        .hover({ position: { x: 40, y: 8 } });
      const hover = page.locator('.monaco-hover:visible', { hasText: 'Checklist' }).first();
      await hover.waitFor({ timeout: 20_000 });
      const text = await hover.innerText();
      if (!/Step 1 of 7: Clarify requirements/.test(text) || !/✓ Scale in numbers/.test(text) || !/○ .* — not yet/.test(text)) throw new Error(`hover says: ${text}`);
      await shot('hover-checklist');
      await hover.locator('a', { hasText: 'line 5' }).first().click();
      const position = page.locator('.statusbar-item[id="status.editor.selection"]');
      await waitForText(
        'the cursor on line 5',
        () => position.innerText().catch(() => ''),
        (t) => /Ln 5\b/.test(t),
      );
      await shot('after-link');
    },
    page,
  );

  await check(
    'light bulb on the thin Model step: insert the checkpoint prompts',
    async () => {
      await page.locator('.monaco-editor .view-line', { hasText: '## Model' }).first().click();
      await page.keyboard.press('Home');
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      await menu.waitFor({ timeout: 15_000 });
      await shot('code-actions');
      // The prompts come first (the thin step has no engine fix): focused, applied with Enter as a user would.
      await menu.locator('.monaco-list-row.focused', { hasText: 'Insert prompts for the' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await waitForText(
        'the prompts in the editor',
        () => page.locator('.monaco-editor .view-lines').first().innerText(),
        (t) => /Baseline: \{\{what simple model do you compare against\?\}\}/.test(t.replace(/\u00a0/g, ' ')),
      );
      await shot('after-prompts');
    },
    page,
  );
}

try {
  await main();
} catch (error) {
  results.push(false);
  console.error(error);
} finally {
  while (cleanups.length > 0)
    await cleanups
      .pop()()
      .catch(() => undefined);
}
const failed = results.filter((ok) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
