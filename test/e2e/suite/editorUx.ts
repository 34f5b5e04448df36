// Issue 13 in the real extension host: the status bar follows a rule turned off in the settings,
// heading skeletons do not pop up on a typed `#` or space, the Outline is VS Code's own, and rule
// links open the bundled rule docs. (The context menu on a README is checked on the workbench page,
// test/e2e/ui/editorUx.mjs.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MlsdExtensionApi } from '../../../client/src/extension';
import { test, waitFor } from './harness';

const EXTENSION_ID = 'mlsd-tools.mlsd-design-docs';
const DESIGN_DOC = 'design-docs/feed-ranking.md';

async function api(): Promise<MlsdExtensionApi> {
  const extension = vscode.extensions.getExtension<MlsdExtensionApi>(EXTENSION_ID);
  assert.ok(extension);
  return extension.isActive ? extension.exports : extension.activate();
}

async function open(relative: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

const codeOf = (diagnostic: vscode.Diagnostic) => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? ''));

async function labels(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

export function registerEditorUxTests(): void {
  test('issue 13: turning metric-gap off in the settings takes it out of the status bar, its tooltip and the rule list', async () => {
    const editor = await open(DESIGN_DOC);
    const extension = await api();
    await waitFor('the gap check in the status bar', () => extension.statusBar().visible && /gap \$\(close\)/.test(extension.statusBar().text), 20_000);
    const settings = vscode.workspace.getConfiguration('mlsd');
    try {
      await settings.update('rules', { 'metric-gap': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('the metric-gap finding to go', () => !vscode.languages.getDiagnostics(editor.document.uri).some((d) => codeOf(d) === 'metric-gap'));
      const snapshot = await waitFor('the status bar without the gap check', () => (/\bgap\b/.test(extension.statusBar().text) ? undefined : extension.statusBar()));
      assert.match(snapshot.text, /latency \$\(close\)/, 'the other check stays');
      assert.ok(!snapshot.tooltip.includes('metric gap'), `the tooltip still lists the gap check:\n${snapshot.tooltip}`);
      const coverage = await extension.coverage(editor.document.uri);
      assert.equal(coverage?.rules?.['metric-gap'], 'off', 'the effective severity the rule docs pick shows');
      assert.equal(await extension.resolveGap('metric-gap'), 'none', 'the pick list does not offer the check');
    } finally {
      await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the gap check to come back', () => /gap \$\(close\)/.test(extension.statusBar().text), 15_000);
  });

  test('issue 13: a typed space after "##" pops up no skeleton; Ctrl+Space offers them', async () => {
    const editor = await open(DESIGN_DOC);
    const uri = editor.document.uri;
    await waitFor('the findings', () => vscode.languages.getDiagnostics(uri).length > 0, 20_000);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    try {
      await editor.edit((edit) => edit.insert(end, '\n\n## '));
      const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      assert.ok(!(await labels(uri, position, ' ')).includes('Monitoring and maintenance'), 'a typed space offers the skeleton');
      assert.ok((await labels(uri, position)).includes('Monitoring and maintenance'), 'Ctrl+Space offers the missing step');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test("issue 13: the Outline is VS Code's own Markdown outline, not ours beside it", async () => {
    const editor = await open(DESIGN_DOC);
    const extension = await api();
    await waitFor('the server', () => extension.isServerRunning(), 20_000);
    await waitFor('the findings', () => vscode.languages.getDiagnostics(editor.document.uri).length > 0, 20_000);
    const symbols = await waitFor('document symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
      return found && found.length > 0 ? found : undefined;
    });
    const flat = (list: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => list.flatMap((symbol) => [symbol, ...flat(symbol.children ?? [])]);
    const all = flat(symbols);
    assert.ok(!all.some((symbol) => /\(missing\)$/.test(symbol.name) || /^Step \d/.test(symbol.detail)), `our symbols are in the outline: ${all.map((s) => `${s.name} [${s.detail}]`).join(', ')}`);
    assert.equal(all.filter((symbol) => /Evaluation$/.test(symbol.name)).length, 1, 'each heading once');
  });

  test('issue 13: a rule link opens the bundled rule docs, not a web page', async () => {
    const editor = await open(DESIGN_DOC);
    const gap = await waitFor('the metric-gap finding', () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'metric-gap'), 20_000);
    const target = typeof gap.code === 'object' ? gap.code.target : undefined;
    assert.ok(target, 'the finding links somewhere');
    assert.equal(target.scheme, 'command', `links to ${target.toString()}`);
    assert.equal(target.path, 'mlsd.showRuleDocs');
    assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), ['metric-gap']);
  });
}
