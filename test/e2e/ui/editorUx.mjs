// Issue 13 as a user sees it in the workbench (installed .vsix): the editor context menu offers
// "MLSD: Fix All Auto-Fixable Problems" on a design doc and nothing of ours on a README; typing a
// heading and pressing Enter keeps the heading; the Settings editor titles our settings without
// "Mlsd:". Called by test/e2e/run.mjs (phase "ux", `--only ux`) with its helpers.
import path from 'node:path';

/** The labels of the context menu that a right-click in the editor opens. */
async function editorContextMenu(page) {
  await page.locator('.editor-group-container .monaco-editor .view-lines').first().click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ timeout: 10_000 });
  // The menu fills in as its contributions resolve: read it once it has settled.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const labels = await menu.locator('.action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((label) => label.trim()).filter(Boolean);
}

export async function runEditorUxUi({ openPage, check, openInExplorer, waitForText, output }) {
  const page = await openPage();
  const shot = (name) => page.screenshot({ path: path.join(output, `${name}.png`) });
  const statusItem = page.locator('.statusbar-item', { hasText: /MLSD \d+\/\d+/ });
  // The editor renders spaces as no-break spaces.
  const editorText = async () => (await page.locator('.editor-group-container .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

  await check(
    'ux: the editor context menu shows "MLSD: Fix All Auto-Fixable Problems" on a design doc and nothing of ours on a README',
    async () => {
      await openInExplorer(page, 'design-docs', 'feed-ranking.md');
      await statusItem.waitFor({ timeout: 30_000 });
      const onDoc = await editorContextMenu(page);
      if (!onDoc.includes('MLSD: Fix All Auto-Fixable Problems')) throw new Error(`design doc menu: ${onDoc.join(' | ')}`);
      await openInExplorer(page, 'README.md');
      await statusItem.waitFor({ state: 'hidden', timeout: 10_000 });
      const onReadme = await editorContextMenu(page);
      await shot('ux-readme-context-menu');
      const ours = onReadme.filter((label) => /Fix All Auto-Fixable|MLSD/.test(label));
      if (ours.length > 0) throw new Error(`README menu offers: ${ours.join(' | ')}`);
    },
    page,
  );

  await check(
    'ux: typing "## Monitoring" and pressing Enter keeps the heading as typed (no skeleton)',
    async () => {
      await openInExplorer(page, 'design-docs', 'feed-ranking.md');
      await statusItem.waitFor({ timeout: 30_000 });
      await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('## Monitoring', { delay: 40 });
      // Time for a suggestion list to open, as it would while the writer thinks.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await page.keyboard.press('Enter');
      await page.keyboard.type('Drift dashboards.');
      const text = await waitForText('the typed heading and the next line', editorText, (t) => t.includes('Drift dashboards.'), 10_000);
      await shot('ux-heading-enter');
      const lines = text.split('\n').map((line) => line.trimEnd());
      const heading = lines.findIndex((line) => line.startsWith('## Monitoring'));
      if (lines[heading] !== '## Monitoring') throw new Error(`the heading became "${lines[heading]}"`);
      if (text.includes('Monitoring and maintenance')) throw new Error('a skeleton was inserted');
      await page.keyboard.press('Control+Z');
      await page.keyboard.press('Control+Z');
      await page.keyboard.press('Control+Z');
    },
    page,
  );

  await check(
    'ux: the Settings editor titles the settings without "Mlsd:" and describes them with examples',
    async () => {
      // Browsing the extension's settings from the table of contents, as the Settings editor lists them.
      await page.keyboard.press('Control+Comma');
      const toc = (name) => page.locator('.settings-toc-container .monaco-list-row', { hasText: name }).first();
      await toc('Extensions').waitFor({ timeout: 15_000 });
      await toc('Extensions').click();
      await toc('ML System Design Docs').click();
      const item = page.locator('.settings-editor .setting-item-contents', { hasText: /Globs, relative to the workspace folder/ }).first();
      await item.waitFor({ timeout: 15_000 });
      const title = (await item.locator('.setting-item-title').first().innerText()).replace(/\s+/g, ' ').trim();
      const description = await item.locator('.setting-item-description').first().innerText();
      await shot('ux-settings-title');
      if (title !== 'Include') throw new Error(`setting title "${title}"`);
      if (!/Example: \[/.test(description)) throw new Error(`no example in "${description}"`);
      const titles = (await page.locator('.settings-editor .setting-item-title').allInnerTexts()).filter((text) => /mlsd/i.test(text));
      if (titles.length > 0) throw new Error(`titles with the key's prefix: ${titles.join(' | ')}`);
    },
    page,
  );
}
