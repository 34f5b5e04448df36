// End-to-end tests in a real VS Code: code-server (VS Code's workbench + extension host) driven by
// headless Chromium through playwright-core.
//   1. Package the extension (.vsix, production build) and install it into a fresh code-server.
//   2. Extension-host suite: the workbench URL's payload loads the repository as the development
//      extension and runs test/e2e/suite (the same `run()` that @vscode/test-electron calls).
//   3. User-side checks on the installed .vsix: Problems panel, squiggles, status bar, quick fix
//      from the light bulb, snippet from the suggest widget, a plain README, the diagram preview;
//      screenshots in .test-output/e2e/.
// Prints "N passed, N failed" last; exits non-zero on any failure. code-server runs in its own
// process group, which is always killed at the end (also on Ctrl+C).
// Usage: node test/e2e/run.mjs [--skip-package] [--only suite|ui|practice|ux|preview]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, installExtension, requireCodeServer, startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { bundleSuite, freshWorkspace as freshWorkspaceIn, readSuiteResults } from './lib/suite.mjs';
import { runEditorUxUi } from './ui/editorUx.mjs';

const OUTPUT = path.join(ROOT, '.test-output/e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const started = Date.now();
const results = [];
const cleanups = [];

function record(name, ok, detail = '') {
  results.push({ name, ok, detail });
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${name}${detail ? `\n${detail.replace(/^/gm, '        ')}` : ''}`);
}

let failureShots = 0;

async function check(name, body, page) {
  const began = Date.now();
  try {
    await body();
    record(`${name} (${Date.now() - began} ms)`, true);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    let detail = message.split('\n').slice(0, 12).join('\n');
    if (page) {
      const file = path.join(OUTPUT, `failure-${++failureShots}.png`);
      await page
        .screenshot({ path: file })
        .then(() => (detail += `\nscreenshot: ${path.relative(ROOT, file)}`))
        .catch(() => undefined);
    }
    record(`${name} (${Date.now() - began} ms)`, false, detail);
  }
  // Close whatever menu, widget or hover a check left open so the next one starts clean.
  if (page) for (let i = 0; i < 2; i++) await page.keyboard.press('Escape').catch(() => undefined);
}

async function cleanup() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    await step().catch((error) => console.error(`cleanup: ${error}`));
  }
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping code-server and Chromium`);
    void cleanup().finally(() => process.exit(130));
  });
}

const freshWorkspace = (name) => freshWorkspaceIn(OUTPUT, name);

/** A workbench page on `workspace` in a browser context of its own (closed at the end), once the workbench is up. */
async function openWorkbench(browser, server, workspace) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  cleanups.push(() => context.close());
  await page.goto(workbenchUrl(server, workspace));
  await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  return page;
}

async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/install-e2e.sh (or set CHROMIUM_PATH).`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  cleanups.push(() => browser.close());
  return browser;
}

/** Phase 2: the extension-host suite through the workbench payload; resolves with its exit code. */
async function runSuite(browser, server, suiteJs) {
  const workspace = freshWorkspace('workspace-suite');
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const logLines = [];
  let resolveExit;
  const exit = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const line = Array.isArray(logArgs) ? logArgs.map(String).join(' ') : String(logArgs);
    logLines.push(`[${type}] ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  page.on('pageerror', (error) => logLines.push(`[pageerror] ${error.message}`));
  await page.goto(workbenchUrl(server, workspace, { extensionDevelopmentPath: ROOT, extensionTestsPath: suiteJs }));
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 240_000));
  const code = await Promise.race([exit, timeout]);
  await page.screenshot({ path: path.join(OUTPUT, 'suite-final.png') }).catch(() => undefined);
  writeFileSync(path.join(OUTPUT, 'suite-workbench.log'), logLines.join('\n'));
  await context.close();
  return code;
}

const editorSquiggles = '.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info';

async function openInExplorer(page, ...names) {
  for (const [index, name] of names.entries()) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: 20_000 });
    // A click on an expanded folder would collapse it.
    if (index < names.length - 1 && (await row.getAttribute('aria-expanded')) === 'true') continue;
    await row.click();
  }
  await page.locator('.tabs-container .tab.active', { hasText: names.at(-1) }).waitFor({ timeout: 10_000 });
}

/** Runs a command from the palette by its title, as a user would. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(title);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function problemsText(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: 10_000 });
  }
  return panel.innerText();
}

async function waitForText(what, read, predicate, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await read();
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not seen within ${timeoutMs} ms; last text:\n${last.slice(0, 1500)}`);
}

/** Phase 3: what a user sees, on the installed .vsix. */
async function runUiChecks(browser, server) {
  const workspace = freshWorkspace('workspace-ui');
  const page = await openWorkbench(browser, server, workspace);
  const shot = (name) => page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
  const statusItem = page.locator('.statusbar-item', { hasText: /MLSD \d+\/\d+/ });

  await check(
    'ui: opening a design doc shows squiggles and its findings in the Problems panel',
    async () => {
      await openInExplorer(page, 'design-docs', 'feed-ranking.md');
      await page.locator(editorSquiggles).first().waitFor({ timeout: 30_000 });
      const text = await waitForText(
        'Problems panel findings',
        () => problemsText(page),
        (t) => t.includes('Monitoring and maintenance') && /latency/i.test(t) && /disagree/i.test(t),
      );
      if (!text.includes('feed-ranking.md')) throw new Error('the Problems panel does not name the file');
      await shot('design-doc-findings');
    },
    page,
  );

  await check(
    'ui: the status bar shows coverage',
    async () => {
      await statusItem.waitFor({ timeout: 15_000 });
      const text = await statusItem.innerText();
      if (!/MLSD 6\/7/.test(text)) throw new Error(`status bar says "${text}"`);
      if (!/gap/.test(text) || !/latency/.test(text)) throw new Error(`the two checks are not shown: "${text}"`);
    },
    page,
  );

  await check(
    'ui: the light-bulb quick fix inserts the missing section and its finding disappears',
    async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      // The missing step's finding sits where the step goes: the last line of serving, above the final blank line.
      await page.keyboard.press('Control+End');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Control+.');
      const wanted = 'Insert a "Monitoring and maintenance" section';
      await page.locator('.action-widget .monaco-list-row', { hasText: wanted }).waitFor({ timeout: 10_000 });
      // The widget blocks pointer events while open: move its focus with the keyboard, as users do.
      for (let step = 0; step < 12; step++) {
        const focused = await page
          .locator('.action-widget .monaco-list-row.focused')
          .innerText()
          .catch(() => '');
        if (focused.includes(wanted)) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await waitForText(
        'the monitoring finding to go',
        () => problemsText(page),
        (t) => !t.includes('Missing step "Monitoring and maintenance"'),
      );
      // The section holds the template's prompts: the step is there now, but thin until it is answered.
      await waitForText(
        'the new section read as thin',
        () => problemsText(page),
        (t) => /Monitoring and maintenance[^\n]{0,20} is thin/.test(t),
      );
      await shot('quick-fix-applied');
    },
    page,
  );

  await check(
    'ui: typing a snippet prefix and accepting the suggestion expands it',
    async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('mlsd-latency-budget');
      await page.keyboard.press('Control+Space');
      const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'mlsd-latency-budget' }).first();
      await suggestion.waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await waitForText(
        'the expanded table',
        () => page.locator('.monaco-editor .view-lines').first().innerText(),
        (t) => /p99/i.test(t) && t.includes('|') && !t.includes('mlsd-latency-budget'),
      );
      await waitForText(
        'the latency finding to go',
        () => problemsText(page),
        (t) => !/No numeric serving latency target/.test(t),
      );
      await shot('snippet-expanded');
    },
    page,
  );

  await check(
    'ui: clicking the status bar lists what is missing, and picking it inserts it',
    async () => {
      await statusItem.click();
      const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Offline/online metric gap' }).first();
      await pick.waitFor({ timeout: 10_000 });
      await shot('status-bar-missing-pick');
      await page.keyboard.type('metric gap');
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Offline/online metric gap' }).waitFor({ timeout: 5000 });
      await page.keyboard.press('Enter');
      await waitForText(
        'the metric-gap finding to go',
        () => problemsText(page),
        (t) => !/never discusses why they can disagree/.test(t),
      );
      // The icons are glyphs of the codicon font; the item's accessible label spells the status out.
      const label = () => statusItem.evaluate((element) => [element, ...element.querySelectorAll('[aria-label]')].map((node) => node.getAttribute('aria-label') ?? '').join(' '));
      await waitForText('the gap check to pass in the status bar', label, (t) => /Offline\/online metric gap: present/.test(t));
    },
    page,
  );

  await check(
    'ui: an ordinary README.md gets no findings and no coverage item',
    async () => {
      await openInExplorer(page, 'README.md');
      await statusItem.waitFor({ state: 'hidden', timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const text = await problemsText(page);
      if (text.includes('README.md')) throw new Error(`the Problems panel lists README.md:\n${text}`);
      if ((await page.locator(editorSquiggles).count()) > 0) throw new Error('the README shows squiggles');
      await shot('readme-no-findings');
    },
    page,
  );

  await check(
    'ui: the diagram preview renders the mermaid SVG and follows an edit',
    async () => {
      await openInExplorer(page, 'design-docs', 'feed-ranking.md');
      await runCommand(page, 'MLSD: Open Diagram Preview');
      const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      // The diagram's own SVG (the page has icon SVGs too): it carries the node labels.
      await webview.locator('svg', { hasText: 'GBDT ranker' }).first().waitFor({ timeout: 30_000 });
      // Edit the diagram in the editor: add a node, and expect the SVG to show it.
      await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+F');
      await page.keyboard.type('ranker --> feed[Home feed]');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('  feed --> logs[Impression logs]');
      await webview.locator('svg', { hasText: 'Impression logs' }).first().waitFor({ timeout: 20_000 });
      await shot('diagram-preview');
    },
    page,
  );
}

const PRACTICE_CLARIFY = [
  'The business objective is more saves and click-throughs on pins: the system returns a ranked list of 20 visually similar images, shown under the pin a user opened.',
  'Scale: 5 billion images, 200 million daily active users, 2,000 visual searches per second at peak.',
  'Constraints: results within 300 ms p99, GPUs only in the offline indexing job, private boards never returned.',
  'Data available: two years of click, save and hide logs; no human labels today.',
  '',
  '',
].join('\n');

/** Phase 4: interview practice mode as a user sees it, in light, dark and high-contrast themes (installed .vsix, test clock on). */
async function runPracticeUi(browser, server) {
  const workspace = freshWorkspace('workspace-practice');
  const settingsFile = path.join(workspace, '.vscode', 'settings.json');
  const setTheme = (theme) => {
    mkdirSync(path.dirname(settingsFile), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ 'workbench.colorTheme': theme }, null, 2));
  };
  setTheme('Default Light Modern');
  const page = await openWorkbench(browser, server, workspace);
  // The activity-bar icon shows once the extension's contributions are read: only then does the palette list its commands.
  const practiceIcon = page.locator('.activitybar .action-item a[aria-label^="Design Practice"], .activitybar .action-item[aria-label^="Design Practice"]').first();
  await practiceIcon.waitFor({ timeout: 30_000 });
  const shot = async (name) => {
    // No hover tooltip in the picture.
    await page.mouse.move(700, 450);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
  };
  const clock = page.locator('.statusbar-item', { hasText: /(Clarify|Framing|Data|Model|Evaluation|Serving|Monitoring|Overtime) · / }).first();
  const debrief = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  const pick = async (text) => {
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.type(text);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: text }).waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
  };
  const startSession = async (caseTitle, length) => {
    await runCommand(page, 'MLSD: Start Practice Session');
    await pick(caseTitle);
    await pick(`${length} minutes`);
  };
  const advanceClock = async (minutes) => {
    await runCommand(page, 'MLSD: Advance Practice Clock (test)');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 5000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(minutes));
    await page.keyboard.press('Enter');
  };
  const openPracticeView = async () => {
    if ((await page.locator('.sidebar .title-label', { hasText: /design practice/i }).count()) === 0) await practiceIcon.click();
    await page.locator('.sidebar .monaco-list-row', { hasText: 'Clarify requirements' }).first().waitFor({ timeout: 20_000 });
  };
  const theme = async (name, cssClass) => {
    setTheme(name);
    await page.locator(`.monaco-workbench.${cssClass}`).waitFor({ timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 800));
  };

  await check(
    'practice ui: "Start Practice Session" from the palette opens the case doc and starts the clock in the status bar',
    async () => {
      await startSession('Visual search', 45);
      await page.locator('.tabs-container .tab.active', { hasText: /visual-search-\d{4}-\d{2}-\d{2}.*\.design\.md/ }).waitFor({ timeout: 15_000 });
      await clock.waitFor({ timeout: 15_000 });
      const text = await clock.innerText();
      if (!/Clarify · 0[45]:\d\d/.test(text)) throw new Error(`clock says "${text}"`);
      await openPracticeView();
      await page.locator('.sidebar .monaco-list-row', { hasText: 'Visual search' }).first().waitFor({ timeout: 10_000 });
      await shot('practice-start-light');
    },
    page,
  );

  await check(
    'practice ui: at the phase boundary a quiet notification names a missing checkpoint; the clock turns to the warning colour',
    async () => {
      await advanceClock(5.1);
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Clarify requirements: time is up' }).first();
      await toast.waitFor({ timeout: 15_000 });
      const text = await toast.innerText();
      if (!/Still missing: .*(Business objective|Scale in numbers|Constraints|Data available|returns)/.test(text) && !/thin|Not written/.test(text)) throw new Error(`notification says "${text}"`);
      await waitForText(
        'the clock in the framing phase',
        () => clock.innerText(),
        (t) => /Framing · 0[45]:\d\d/.test(t),
      );
      const background = await clock.evaluate((element) => getComputedStyle(element).backgroundColor);
      if (/rgba\(0, 0, 0, 0\)|transparent/.test(background)) throw new Error(`the clock has no warning background (${background})`);
      await shot('practice-phase-notification-light');
    },
    page,
  );

  await check(
    'practice ui: writing the clarify step raises its score in the Current Doc view',
    async () => {
      // The blank line above the framing heading of the case skeleton: the writer adds to the clarify section.
      const practiceDir = path.join(workspace, 'practice');
      const docName = readdirSync(practiceDir).find((name) => name.startsWith('visual-search-'));
      if (!docName) throw new Error(`no practice doc in ${practiceDir}`);
      const framingLine =
        readFileSync(path.join(practiceDir, docName), 'utf8')
          .split('\n')
          .findIndex((line) => /^## 2\./.test(line)) + 1;
      if (framingLine < 2) throw new Error(`no "## 2." heading in ${docName}`);
      await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input').waitFor({ timeout: 5000 });
      await page.keyboard.type(String(framingLine - 1));
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.insertText(PRACTICE_CLARIFY);
      const row = page
        .locator('.sidebar .monaco-list-row', { hasText: 'Clarify requirements' })
        .filter({ hasText: /[23]\/3/ })
        .first();
      await row.waitFor({ timeout: 20_000 });
      await page.keyboard.press('Control+S');
      await shot('practice-view-scores-light');
    },
    page,
  );

  await check(
    'practice ui: the session survives a window reload and the clock resumes where it was',
    async () => {
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
      await clock.waitFor({ timeout: 30_000 });
      const text = await clock.innerText();
      if (!/Framing · 0[0-4]:\d\d/.test(text)) throw new Error(`after the reload the clock says "${text}"`);
      // Running, not just shown: it counts down.
      await waitForText(
        'the clock to tick after the reload',
        () => clock.innerText(),
        (t) => t !== text && /Framing · /.test(t),
        5000,
      );
    },
    page,
  );

  await check(
    'practice ui: finishing shows the debrief: readiness, the per-step table and the minutes chart (light and dark)',
    async () => {
      await runCommand(page, 'MLSD: Finish Practice Session and Show Debrief');
      await debrief.locator('table.steps tbody tr').nth(6).waitFor({ timeout: 30_000 });
      const rows = await debrief.locator('table.steps tbody tr').count();
      const bars = await debrief.locator('.minutes-chart .chart-row .bar-spent').count();
      if (rows !== 7 || bars !== 7) throw new Error(`debrief has ${rows} rows and ${bars} bars`);
      await clock.waitFor({ state: 'hidden', timeout: 10_000 });
      await shot('practice-debrief-light');
      await theme('Default Dark Modern', 'vs-dark');
      await shot('practice-debrief-dark');
      await debrief.locator('.minutes-chart').scrollIntoViewIfNeeded();
      await shot('practice-debrief-chart-dark');
      // "Compare with the worked example": the attempt and templates/examples/visual-search.md side by side.
      await debrief.locator('button[data-action="compare"]').click();
      await waitForText(
        'two editor groups',
        async () => String(await page.locator('.editor-group-container').count()),
        (t) => Number(t) >= 2,
      );
      await page
        .locator('.tabs-container .tab', { hasText: /worked example/i })
        .first()
        .waitFor({ timeout: 15_000 });
      await shot('practice-compare-dark');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('W');
    },
    page,
  );

  await check(
    'practice ui: a second round shows the case as attempted, the view and the clock in dark and high-contrast themes',
    async () => {
      await startSession('Ad click prediction', 60);
      await clock.waitFor({ timeout: 15_000 });
      await openPracticeView();
      await page
        .locator('.sidebar .monaco-list-row', { hasText: 'Visual search' })
        .filter({ hasText: /best \d+/ })
        .first()
        .waitFor({ timeout: 15_000 });
      await advanceClock(6.2);
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'Clarify requirements: time is up' }).first().waitFor({ timeout: 15_000 });
      await shot('practice-view-dark');
      await theme('Default High Contrast', 'hc-black');
      await shot('practice-view-high-contrast');
      await runCommand(page, 'MLSD: Stop Practice Session Without Saving');
      await clock.waitFor({ state: 'hidden', timeout: 10_000 });
    },
    page,
  );

  await check(
    "practice ui: a missing step's inline + in the Current Doc view inserts its skeleton",
    async () => {
      await theme('Default Light Modern', 'vs');
      await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
      await openInExplorer(page, 'design-docs', 'feed-ranking.md');
      await openPracticeView();
      const row = page
        .locator('.sidebar .monaco-list-row', { hasText: 'Monitoring and maintenance' })
        .filter({ hasText: /0\/3 missing/ })
        .first();
      await row.waitFor({ timeout: 20_000 });
      // A click can be lost when the tree re-renders between the hover and the click (the row and its
      // inline action are replaced): a user clicks again, and so does the check, three times at most.
      const inserted = () =>
        waitForText(
          'the inserted monitoring section',
          () => page.locator('.editor-group-container .monaco-editor .view-lines').first().innerText(),
          (t) => /##\s+(7\.\s+)?Monitoring\s+and\s+maintenance/.test(t),
          8_000,
        );
      for (let attempt = 1; ; attempt++) {
        await row.hover();
        await row.locator('.action-label[aria-label="Insert Step Skeleton"]').click();
        try {
          await inserted();
          if (attempt > 1) console.log(`       inserted on click ${attempt}`);
          break;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
      await page
        .locator('.sidebar .monaco-list-row', { hasText: 'Monitoring and maintenance' })
        .filter({ hasText: /[1-3]\/3/ })
        .first()
        .waitFor({ timeout: 15_000 });
      await shot('practice-insert-step-light');
    },
    page,
  );

  await check(
    'practice ui: a second round of a case shows its progress (sparkline and chart) in the Case Studies view',
    async () => {
      await startSession('Visual search', 45);
      await clock.waitFor({ timeout: 15_000 });
      await runCommand(page, 'MLSD: Finish Practice Session and Show Debrief');
      await debrief.locator('.progress-chart .dot').nth(1).waitFor({ timeout: 30_000 });
      await openPracticeView();
      // The finished session's rows have left the Current Doc view.
      await page.locator('.sidebar .monaco-list-row', { hasText: /% of 45 min/ }).waitFor({ state: 'detached', timeout: 10_000 });
      const row = page
        .locator('.sidebar .monaco-list-row', { hasText: 'Visual search' })
        .filter({ hasText: /2 rounds/ })
        .first();
      await row.waitFor({ timeout: 15_000 });
      await row.hover();
      const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Readiness over rounds' }).first();
      await hover.waitFor({ timeout: 10_000 });
      await page.screenshot({ path: path.join(OUTPUT, 'practice-case-progress-light.png') });
      const images = await hover.locator('img').count();
      if (images < 1) throw new Error('the tooltip has no progress chart image');
    },
    page,
  );
}

async function main() {
  mkdirSync(OUTPUT, { recursive: true });
  requireCodeServer();
  const vsix = path.join(OUTPUT, 'mlsd-design-docs.vsix');
  const stateDir = path.join(OUTPUT, 'code-server');
  rmSync(stateDir, { recursive: true, force: true });
  if (only === 'suite') {
    // The suite loads the repository as the development extension: a build is enough.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } else {
    if (!args.includes('--skip-package') || !existsSync(vsix)) {
      console.log('e2e: packaging the extension');
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/package.mjs'), '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    console.log(`e2e: ${await installExtension(stateDir, vsix)}`);
  }
  const suiteJs = await bundleSuite(OUTPUT);
  const resultsFile = path.join(OUTPUT, 'suite-results.txt');
  rmSync(resultsFile, { force: true });
  // MLSD_PRACTICE_TEST_CLOCK: the practice clock can be advanced (a palette command), for the practice checks.
  const server = await startCodeServer({ stateDir, workspace: OUTPUT, env: { MLSD_E2E_RESULTS: resultsFile, MLSD_PRACTICE_TEST_CLOCK: '1' } });
  cleanups.push(() => server.stop());
  console.log(`e2e: code-server ${server.url} (pid ${server.pid}), ready after ${Date.now() - started} ms`);
  const browser = await launchBrowser();

  const runs = (phase) => only === undefined || only === phase;
  if (runs('suite')) {
    const code = await runSuite(browser, server, suiteJs);
    const { lines, tests } = readSuiteResults(resultsFile);
    for (const result of tests) results.push({ name: `extension host: ${result.name}`, ok: result.ok, detail: '' });
    console.log(lines.join('\n'));
    if (code !== 0) {
      const reported = lines.some((line) => /^\s*FAIL\s/.test(line));
      if (!reported) record('extension host: suite ran to completion', false, code === 'timeout' ? 'no exit within 240 s (see suite-workbench.log)' : `exit code ${code}; see suite-workbench.log`);
    } else if (lines.length === 0) {
      record('extension host: suite reported its results', false, 'exit code 0 but no results file');
    }
  }
  if (runs('ui')) await runUiChecks(browser, server);
  if (runs('practice')) await runPracticeUi(browser, server);
  // Issue 13: context menu, Enter after a heading, setting titles (test/e2e/ui/editorUx.mjs).
  if (runs('ux')) await runEditorUxUi({ openPage: () => openWorkbench(browser, server, freshWorkspace('workspace-ux')), check, openInExplorer, waitForText, output: OUTPUT });
  // Issue 13, items 9-13: the diagram preview in a side split, light and dark (its own code-server, after this one).
  if (runs('preview')) {
    await server.stop();
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'test/e2e/preview-split.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    console.log(output.trimEnd());
    for (const match of output.matchAll(/^\s*(ok|FAIL)\s+(.+)$/gm)) results.push({ name: `preview split: ${match[2]}`, ok: match[1] === 'ok', detail: '' });
    if (run.status !== 0 && !/^\s*FAIL\s/m.test(output)) record('preview split: ran to completion', false, `exit ${run.status ?? run.signal}`);
  }
}

let fatal;
try {
  await main();
} catch (error) {
  fatal = error;
  record('e2e harness', false, error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await cleanup();
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots and logs in ${path.relative(ROOT, OUTPUT)}/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || fatal || results.length === 0 ? 1 : 0);
