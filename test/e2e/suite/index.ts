// The extension test suite, run inside a real VS Code extension host: by code-server (test/e2e/run.mjs)
// here, or by @vscode/test-electron (test/e2e/electron.mjs) where VS Code can be downloaded. The
// workspace is a fresh copy of test/e2e/workspace. Every check goes through VS Code's own APIs, as a
// user's action would: diagnostics as the Problems panel sees them, code actions as the light bulb
// offers them, commands as the palette runs them.
import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { MlsdExtensionApi } from '../../../client/src/extension';
import { TEMPLATES } from '../../../server/src/engine/skeletons';
import { note, runAll, test, waitFor } from './harness';
import { registerEditorUxTests } from './editorUx';
import { registerPracticeTests } from './practice';

const EXTENSION_ID = 'mlsd-tools.mlsd-design-docs';
const DESIGN_DOC = 'design-docs/feed-ranking.md';
const README = 'README.md';
const NOTES = 'notes/search-notes.md';

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

async function extensionApi(): Promise<MlsdExtensionApi> {
  const extension = vscode.extensions.getExtension<MlsdExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code ?? '');
}

function findings(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => ruleId === undefined || codeOf(diagnostic) === ruleId);
}

function missingStepFinding(uri: vscode.Uri, stepTitle: string): vscode.Diagnostic | undefined {
  return findings(uri, 'missing-step').find((diagnostic) => diagnostic.message.includes(`"${stepTitle}"`));
}

/** Discards unsaved edits so the next test starts from the file on disk. */
async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

async function closeWithoutSaving(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('mlsd').update(key, value, vscode.ConfigurationTarget.Workspace);
}

test('activation is lazy: cheap, and an ordinary README does not start the language server', async () => {
  const extension = vscode.extensions.getExtension<MlsdExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  if (!extension.isActive) {
    // Nothing Markdown is open yet: time what VS Code pays when the first Markdown file opens.
    const started = performance.now();
    await extension.activate();
    const activationMs = performance.now() - started;
    note(`activation took ${activationMs.toFixed(1)} ms`);
    assert.ok(activationMs < 1000, `activation took ${activationMs.toFixed(0)} ms`);
  }
  await open(README);
  const api = await extensionApi();
  // Give a would-be eager start the time it would need to begin.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(api.isServerRunning(), false, 'the server must not start for a plain README');
  assert.equal(api.statusBar().visible, false, 'no coverage item on a plain README');
});

test('opening a design doc lists the expected findings', async () => {
  const editor = await open(DESIGN_DOC);
  const uri = editor.document.uri;
  const api = await extensionApi();
  await waitFor('the language server to start', () => api.isServerRunning(), 20_000);
  await waitFor('findings on the design doc', () => findings(uri).length >= 3 || undefined, 20_000);
  assert.ok(missingStepFinding(uri, 'Monitoring and maintenance'), 'missing monitoring step is reported');
  assert.equal(
    findings(uri, 'missing-step').length,
    1,
    `only monitoring is missing, got: ${findings(uri, 'missing-step')
      .map((d) => d.message)
      .join(' | ')}`,
  );
  const metricGap = findings(uri, 'metric-gap');
  assert.equal(metricGap.length, 1, 'the offline/online metric gap is flagged');
  const latency = findings(uri, 'latency-budget');
  assert.equal(latency.length, 1, 'the missing latency budget is flagged');
  const evaluationLine = editor.document
    .getText()
    .split('\n')
    .findIndex((line) => line.startsWith('## Evaluation'));
  const servingLine = editor.document
    .getText()
    .split('\n')
    .findIndex((line) => line.startsWith('## Deployment and serving'));
  assert.ok(metricGap[0]!.range.start.line >= evaluationLine && metricGap[0]!.range.start.line < servingLine, 'metric-gap points into the evaluation section');
  assert.ok(latency[0]!.range.start.line >= servingLine, 'latency-budget points at the serving section');
  for (const diagnostic of findings(uri)) {
    assert.ok(codeOf(diagnostic).length > 0, 'every finding carries its rule id as code');
  }
});

test('the status bar shows coverage with the two checks, and a per-step tooltip', async () => {
  await open(DESIGN_DOC);
  const api = await extensionApi();
  const snapshot = await waitFor('the coverage status bar item', () => (api.statusBar().visible ? api.statusBar() : undefined));
  assert.match(snapshot.text, /MLSD 6\/7/);
  assert.match(snapshot.text, /gap \$\(close\)/);
  assert.match(snapshot.text, /latency \$\(close\)/);
  for (const title of ['Clarify requirements', 'Evaluation', 'Monitoring and maintenance']) assert.ok(snapshot.tooltip.includes(title), `tooltip lists ${title}`);
  assert.match(snapshot.tooltip, /Monitoring and maintenance\*\*: missing/);
});

test('applying the quick fix inserts the missing section and the finding disappears', async () => {
  const editor = await open(DESIGN_DOC);
  const uri = editor.document.uri;
  const finding = await waitFor('the missing monitoring finding', () => missingStepFinding(uri, 'Monitoring and maintenance'));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, finding.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((action) => action.isPreferred && action.title.includes('Monitoring and maintenance'));
  assert.ok(fix?.edit, `a preferred quick fix is offered; got ${actions.map((action) => action.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(editor.document.getText(), /^## (?:7\. )?Monitoring and maintenance$/m, 'the section heading is inserted at the document heading level');
  await waitFor('the monitoring finding to disappear', () => !missingStepFinding(uri, 'Monitoring and maintenance'));
  const api = await extensionApi();
  // The inserted section holds the template's prompts: the step is there but thin until answered.
  await waitFor('monitoring to read thin (prompts are not answers)', async () => (await api.coverage(uri))?.items.find((i: { id: string }) => i.id === 'monitoring')?.status === 'thin');
  await revert(editor);
  await waitFor('the finding to come back after revert', () => missingStepFinding(uri, 'Monitoring and maintenance'));
});

test('clicking the status bar and picking a missing check inserts it', async () => {
  const editor = await open(DESIGN_DOC);
  const uri = editor.document.uri;
  await waitFor('the latency finding', () => findings(uri, 'latency-budget').length === 1);
  const api = await extensionApi();
  assert.equal(await api.resolveGap('latency-budget'), 'inserted');
  assert.match(editor.document.getText(), /p99/i, 'a latency budget table is inserted');
  // The table's values are {{placeholders}} for the writer: the budget reads as a placeholder and each value is flagged.
  await waitFor('the latency finding to name the placeholder', () => findings(uri, 'latency-budget').length === 1 && /placeholder/.test(findings(uri, 'latency-budget')[0]!.message));
  await waitFor('the unfilled placeholders', () => findings(uri, 'unfilled-placeholder').length > 0);
  await revert(editor);
});

test('"MLSD: Fix All" applies every auto-fix', async () => {
  const editor = await open(DESIGN_DOC);
  const uri = editor.document.uri;
  await waitFor('the findings', () => findings(uri, 'missing-step').length > 0);
  const applied = await vscode.commands.executeCommand<number>('mlsd.fixAll');
  assert.ok(applied > 0, 'fix all applied an action');
  await waitFor(
    'the fixable findings to disappear',
    () => ['missing-step', 'metric-gap'].every((rule) => findings(uri, rule).length === 0) && findings(uri, 'latency-budget').every((d) => /placeholder/.test(d.message)),
  );
  await revert(editor);
});

test('an ordinary README.md in the same workspace gets no findings', async () => {
  const editor = await open(README);
  const api = await extensionApi();
  assert.ok(await api.startServer());
  const coverage = await waitFor('the server to answer for the README', () => api.coverage(editor.document.uri));
  assert.equal(coverage.isDesignDoc, false);
  // The design doc's findings are published by now, so the README's would be too.
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(
    findings(editor.document.uri).map((d) => d.message),
    [],
  );
  assert.equal(api.statusBar().visible, false, 'no coverage item on the README');
});

test('"Check Current Document as a Design Doc" checks a file outside the include globs', async () => {
  const editor = await open(NOTES);
  const uri = editor.document.uri;
  const api = await extensionApi();
  assert.equal((await waitFor('coverage', () => api.coverage(uri))).isDesignDoc, false);
  assert.equal(await vscode.commands.executeCommand('mlsd.checkDocument'), true);
  await waitFor('findings on the notes', () => missingStepFinding(uri, 'Data preparation'));
  assert.equal(await vscode.commands.executeCommand('mlsd.stopCheckingDocument'), true);
  await waitFor('the findings to go away', () => findings(uri).length === 0);
});

test('settings apply without a reload (rule severities)', async () => {
  const editor = await open(DESIGN_DOC);
  const uri = editor.document.uri;
  await waitFor('the latency finding', () => findings(uri, 'latency-budget').length === 1);
  try {
    await updateSetting('rules', { 'latency-budget': 'off', 'metric-gap': 'error' });
    await waitFor('latency-budget to be turned off', () => findings(uri, 'latency-budget').length === 0);
    await waitFor('metric-gap to become an error', () => findings(uri, 'metric-gap')[0]?.severity === vscode.DiagnosticSeverity.Error);
  } finally {
    await updateSetting('rules', undefined);
  }
  await waitFor('latency-budget to come back', () => findings(uri, 'latency-budget').length === 1);
});

test('a snippet expands into the latency budget table', async () => {
  const snippetsFile = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist', 'snippets', 'mlsd.code-snippets');
  const snippets = JSON.parse(readFileSync(snippetsFile.fsPath, 'utf8')) as Record<string, { prefix: string }>;
  const name = Object.keys(snippets).find((key) => snippets[key]!.prefix === 'mlsd-latency-budget');
  assert.ok(name, 'the latency budget snippet is contributed');
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
  await waitFor('the snippet text', () => /p99/i.test(editor.document.getText()) && /\|/.test(editor.document.getText()));
  assert.doesNotMatch(editor.document.getText(), /\$\{?\d/, 'tab stops are expanded, not inserted literally');
  await closeWithoutSaving(editor);
});

test('"Show Rule Documentation" opens the rule doc', async () => {
  const target = await vscode.commands.executeCommand<vscode.Uri | undefined>('mlsd.showRuleDocs', 'metric-gap');
  assert.ok(target, 'a rule doc was opened');
  const text = (await vscode.workspace.openTextDocument(target)).getText();
  assert.match(text, /metric-gap/);
  await waitFor('the Markdown preview tab', () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => /preview/i.test(tab.label) && tab.label.includes('metric-gap')));
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  assert.match(target.path, /\/docs\/rules\/metric-gap\.md$/, 'the shipped generated page is shown');
  assert.equal(await vscode.commands.executeCommand('mlsd.showRuleDocs', 'no-such-rule'), undefined, 'an unknown rule opens nothing');
});

for (const template of TEMPLATES) {
  test(`"New Design Doc from Template…" (${template.id}) creates a doc with no missing-step`, async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('mlsd.newFromTemplate', template.id);
    assert.ok(editor, 'an editor opened');
    assert.equal(editor.document.languageId, 'markdown');
    const api = await extensionApi();
    const coverage = await waitFor('the server to check the new doc', async () => {
      const result = await api.coverage(editor.document.uri);
      return result?.isDesignDoc ? result : undefined;
    });
    const missing = coverage.items.filter((item) => item.kind === 'step' && item.status === 'missing').map((item) => item.title);
    assert.deepEqual(missing, [], `steps missing in ${template.id}`);
    await waitFor('the status bar on the new doc', () => api.statusBar().visible);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      findings(editor.document.uri, 'missing-step').map((d) => d.message),
      [],
    );
    await closeWithoutSaving(editor);
  });
}

test('a broken mermaid diagram is reported by the packaged mermaid worker, at its offending line', async () => {
  const editor = await open(DESIGN_DOC);
  const uri = editor.document.uri;
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, end, '\n\n```mermaid\nflowchart LR\n  client --> ranker\n  ranker --> (\n```\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  try {
    const [finding] = await waitFor('a mermaid-syntax finding', () => (findings(uri, 'mermaid-syntax').length ? findings(uri, 'mermaid-syntax') : undefined), 20_000);
    assert.match(finding!.message, /^(Mermaid syntax error \(diagram line 3\)\.|Diagram line 3: )/);
    assert.ok(finding!.message.length <= 100, 'one line for the Problems panel');
    assert.equal(editor.document.lineAt(finding!.range.start.line).text.trim(), 'ranker --> (');
  } finally {
    await revert(editor);
  }
  await waitFor('the finding to go with the diagram', () => findings(uri, 'mermaid-syntax').length === 0 || undefined, 20_000);
});

test('the diagram preview opens beside a design doc', async () => {
  const commands = await vscode.commands.getCommands(true);
  assert.ok(commands.includes('mlsd.openPreview'), 'the preview command is registered');
  const editor = await open(DESIGN_DOC);
  await vscode.commands.executeCommand('mlsd.openPreview');
  await waitFor('a webview tab', () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview));
  // The page reports each render pass; its report is the proof the diagrams were drawn, not just a tab opened.
  const api = await extensionApi();
  const report = await waitFor(
    "the preview page's render report",
    () => {
      const rendered = api.previewRendered();
      return rendered?.uri === editor.document.uri.toString() ? rendered : undefined;
    },
    20_000,
  );
  note(`preview rendered ${report.total} diagram(s) in ${report.ms} ms`);
  assert.ok(report.total > 0, 'the design doc has a mermaid diagram');
  assert.equal(report.failed, 0, 'every diagram rendered');
});

registerEditorUxTests();
registerPracticeTests();

/** Entry point called by the extension host (`extensionTestsPath`). */
export async function run(): Promise<void> {
  const resultsFile = process.env.MLSD_E2E_RESULTS;
  const log = (line: string): void => {
    console.log(line);
    if (resultsFile) appendFileSync(resultsFile, `${line}\n`);
  };
  const summary = await runAll(log);
  if (summary.failed > 0) throw new Error(`${summary.failed} extension test(s) failed: ${summary.failures.map((failure) => failure.name).join('; ')}`);
}
