// "MLSD: Show Rule Documentation": a quick pick of the server's rule catalogue, then the rule's
// Markdown doc in the Markdown preview: the generated `docs/rules/<id>.md` shipped in the
// extension when present, otherwise a read-only virtual document built from the catalogue.
import * as vscode from 'vscode';
import type { RuleInfo } from '../../../server/src/protocol';
import { requestRules } from '../protocolClient';
import type { ServerController } from '../serverController';

export const SHOW_RULE_DOCS_COMMAND = 'mlsd.showRuleDocs';
export const RULE_DOC_SCHEME = 'mlsd-rule';

/** Serves `mlsd-rule:/<id>.md` from the last catalogue fetched. */
export class RuleDocProvider implements vscode.TextDocumentContentProvider {
  private readonly rules = new Map<string, RuleInfo>();

  remember(rules: RuleInfo[]): void {
    for (const rule of rules) this.rules.set(rule.id, rule);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const rule = this.rules.get(id);
    return rule ? renderRuleDoc(rule) : `# ${id}\n\nNo such MLSD rule.\n`;
  }
}

export function renderRuleDoc(rule: RuleInfo): string {
  return [
    `# ${rule.id}`,
    '',
    `> ${rule.description}`,
    '',
    `- Default severity: ${rule.defaultSeverity}`,
    `- Auto-fixable: ${rule.fixable ? 'yes' : 'no'}`,
    ...(rule.tags.length > 0 ? [`- Tags: ${rule.tags.join(', ')}`] : []),
    '',
    rule.docs,
    '',
    '## Configure',
    '',
    'Change its severity or turn it off with the `mlsd.rules` setting or in `.mlsdrc.json`:',
    '',
    '```json',
    `{ "rules": { "${rule.id}": "${rule.defaultSeverity === 'warning' ? 'information' : 'warning'}" } }`,
    '```',
    '',
  ].join('\n');
}

/** Shows a rule's doc; `ruleId` skips the quick pick. Returns the URI previewed, if any. */
export async function showRuleDocs(server: ServerController, provider: RuleDocProvider, extensionUri: vscode.Uri, ruleId?: unknown): Promise<vscode.Uri | undefined> {
  const client = await server.ensureStarted();
  if (!client) return undefined;
  let rules: RuleInfo[];
  try {
    rules = await requestRules(client);
  } catch (error) {
    void vscode.window.showErrorMessage(`MLSD: could not fetch the rule list (${String(error)}).`);
    return undefined;
  }
  provider.remember(rules);
  let id = typeof ruleId === 'string' ? ruleId : undefined;
  if (id === undefined) {
    const picked = await vscode.window.showQuickPick(
      rules.map((rule) => ({
        label: rule.id,
        description: `${rule.defaultSeverity}${rule.fixable ? ' · fixable' : ''}`,
        detail: rule.description,
      })),
      { title: 'MLSD rules', placeHolder: 'Choose a rule to read its documentation', matchOnDetail: true },
    );
    id = picked?.label;
  }
  if (id === undefined) return undefined;
  if (!rules.some((rule) => rule.id === id)) {
    void vscode.window.showErrorMessage(`MLSD: unknown rule "${id}".`);
    return undefined;
  }
  const shipped = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
  const target = (await exists(shipped)) ? shipped : vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${id}.md` });
  await vscode.commands.executeCommand('markdown.showPreview', target);
  return target;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
