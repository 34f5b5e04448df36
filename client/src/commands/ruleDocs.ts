// "MLSD: Show Rule Documentation": a quick pick of the server's rule catalogue, then the rule's
// page in the Markdown preview. The pages are the generated `docs/rules/<id>.md` shipped in the
// extension (kept current with the rules by test/cli/rule-docs.test.ts): one source for the docs.
import * as vscode from 'vscode';
import type { RuleInfo } from '../../../server/src/protocol';
import { requestRules } from '../protocolClient';
import type { ServerController } from '../serverController';

export const SHOW_RULE_DOCS_COMMAND = 'mlsd.showRuleDocs';

/** Shows a rule's doc; `ruleId` skips the quick pick (and the server). Returns the URI previewed, if any. */
export async function showRuleDocs(server: ServerController, extensionUri: vscode.Uri, ruleId?: unknown): Promise<vscode.Uri | undefined> {
  const id = typeof ruleId === 'string' ? ruleId : await pickRule(server);
  if (id === undefined) return undefined;
  const shipped = /^[a-z0-9-]+$/.test(id) ? vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`) : undefined;
  if (!shipped || !(await exists(shipped))) {
    void vscode.window.showErrorMessage(`MLSD: no documentation for rule "${id}" in this installation.`);
    return undefined;
  }
  await vscode.commands.executeCommand('markdown.showPreview', shipped);
  return shipped;
}

async function pickRule(server: ServerController): Promise<string | undefined> {
  const client = await server.ensureStarted();
  if (!client) return undefined;
  let rules: RuleInfo[];
  try {
    rules = await requestRules(client);
  } catch (error) {
    void vscode.window.showErrorMessage(`MLSD: could not fetch the rule list (${String(error)}).`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    rules.map((rule) => ({
      label: rule.id,
      description: `${rule.defaultSeverity}${rule.fixable ? ' · fixable' : ''}`,
      detail: rule.description,
    })),
    { title: 'MLSD rules', placeHolder: 'Choose a rule to read its documentation', matchOnDetail: true },
  );
  return picked?.label;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
