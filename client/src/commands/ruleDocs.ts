// "MLSD: Show Rule Documentation": a quick pick of the server's rule catalogue, then the rule's
// page in the Markdown preview. The pages are the generated `docs/rules/<id>.md` shipped in the
// extension (kept current with the rules by test/cli/rule-docs.test.ts): one source for the docs.
import * as vscode from 'vscode';
import type { RuleInfo } from '../../../server/src/protocol';
import { requestRules } from '../protocolClient';
import type { ServerController } from '../serverController';

export const SHOW_RULE_DOCS_COMMAND = 'mlsd.showRuleDocs';

/** The effective severity of each rule for the active design doc, when there is one (see CoverageResult.rules). */
export type EffectiveSeverities = () => Promise<Record<string, string> | undefined>;

/**
 * Shows a rule's doc; `ruleId` skips the quick pick (and the server). Returns the URI previewed, if any.
 * The pick shows each rule's severity as it applies to the active design doc (settings and config
 * file included), with the default beside it when they differ.
 */
export async function showRuleDocs(server: ServerController, extensionUri: vscode.Uri, ruleId?: unknown, effective?: EffectiveSeverities): Promise<vscode.Uri | undefined> {
  const id = typeof ruleId === 'string' ? ruleId : await pickRule(server, effective);
  if (id === undefined) return undefined;
  const shipped = /^[a-z0-9-]+$/.test(id) ? vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`) : undefined;
  if (!shipped || !(await exists(shipped))) {
    void vscode.window.showErrorMessage(`MLSD: no documentation for rule "${id}" in this installation.`);
    return undefined;
  }
  await vscode.commands.executeCommand('markdown.showPreview', shipped);
  return shipped;
}

/** What the pick says about a rule's severity: the effective one, and the default when it differs. */
export function severityDescription(rule: Pick<RuleInfo, 'defaultSeverity' | 'fixable'>, effective: string | undefined): string {
  const severity = effective ?? rule.defaultSeverity;
  const where = effective !== undefined && effective !== rule.defaultSeverity ? ` (default ${rule.defaultSeverity})` : '';
  return `${severity}${where}${rule.fixable ? ' · fixable' : ''}`;
}

async function pickRule(server: ServerController, effective?: EffectiveSeverities): Promise<string | undefined> {
  const client = await server.ensureStarted();
  if (!client) return undefined;
  let rules: RuleInfo[];
  try {
    rules = await requestRules(client);
  } catch (error) {
    void vscode.window.showErrorMessage(`MLSD: could not fetch the rule list (${String(error)}).`);
    return undefined;
  }
  const severities = await effective?.().catch(() => undefined);
  const picked = await vscode.window.showQuickPick(
    rules.map((rule) => ({
      label: rule.id,
      description: severityDescription(rule, severities?.[rule.id]),
      detail: rule.description,
    })),
    {
      title: severities ? 'MLSD rules (severities as set for the active design doc)' : 'MLSD rules',
      placeHolder: 'Choose a rule to read its documentation',
      matchOnDetail: true,
    },
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
