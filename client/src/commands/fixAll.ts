// "MLSD: Fix All Auto-Fixable Problems": asks the server for its `source.fixAll.mlsd` code action
// through VS Code's own code action machinery (so it is exactly what "Source Action…" offers) and applies it.
import * as vscode from 'vscode';
import type { ServerController } from '../serverController';

export const FIX_ALL_COMMAND = 'mlsd.fixAll';
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('mlsd');

/** Applies the server's fix-all action to the active document; returns how many actions were applied. */
export async function fixAllInActiveDocument(server: ServerController): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('MLSD: open a Markdown design doc first.');
    return 0;
  }
  if (!(await server.ensureStarted())) return 0;
  const document = editor.document;
  const wholeDocument = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, wholeDocument, FIX_ALL_KIND.value, 10)) ?? [];
  const ours = actions.filter((action) => action.kind && FIX_ALL_KIND.contains(action.kind));
  let applied = 0;
  for (const action of ours) {
    if (action.edit && (await vscode.workspace.applyEdit(action.edit))) applied++;
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
      if (!action.edit) applied++;
    }
  }
  vscode.window.setStatusBarMessage(applied > 0 ? 'MLSD: applied all auto-fixes' : 'MLSD: nothing to fix automatically', 4000);
  return applied;
}
