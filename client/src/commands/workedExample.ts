// "MLSD: Open Worked Example…": a quick pick of the case studies, then the case's worked example
// (templates/examples/<case>.md, bundled with the extension) as a read-only Markdown document.
// The example is served by a content provider under its own URI scheme, so it cannot be edited or
// saved over by accident, and it never passes for one of the user's design docs.
// The practice debrief calls `openWorkedExample(caseId, true)` (or the command with
// `(caseId, { beside: true })`) to show the example side by side with the writer's attempt.
import * as vscode from 'vscode';
// The examples are loaded on first use, not at activation.
const loadTemplates = () => import('../../../server/src/engine/skeletons');

export const OPEN_WORKED_EXAMPLE_COMMAND = 'mlsd.openWorkedExample';
/** URI scheme of the read-only worked examples: `mlsd-example:/<Title> (worked example).md?<case id>`. */
export const WORKED_EXAMPLE_SCHEME = 'mlsd-example';

class WorkedExampleProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { getExampleText } = await loadTemplates();
    return getExampleText(uri.query);
  }
}

let providerRegistration: vscode.Disposable | undefined;

function ensureProvider(): vscode.Disposable {
  providerRegistration ??= vscode.workspace.registerTextDocumentContentProvider(WORKED_EXAMPLE_SCHEME, new WorkedExampleProvider());
  return providerRegistration;
}

/** Registers the content provider and the command; called once from `activate`. */
export function registerWorkedExamples(context: vscode.ExtensionContext): void {
  const provider = ensureProvider();
  context.subscriptions.push(
    {
      dispose: () => {
        provider.dispose();
        providerRegistration = undefined;
      },
    },
    vscode.commands.registerCommand(OPEN_WORKED_EXAMPLE_COMMAND, (caseId?: unknown, options?: unknown) => openWorkedExample(typeof caseId === 'string' ? caseId : undefined, isBeside(options))),
  );
}

function isBeside(options: unknown): boolean {
  if (options === true) return true;
  return typeof options === 'object' && options !== null && (options as { beside?: unknown }).beside === true;
}

interface ExamplePick extends vscode.QuickPickItem {
  caseId: string;
}

async function pickCase(): Promise<string | undefined> {
  const { TEMPLATES, hasExample, getExampleInfo } = await loadTemplates();
  const items: ExamplePick[] = TEMPLATES.filter((template) => hasExample(template.id)).map((template) => {
    const example = getExampleInfo(template.id);
    return { label: example.title, description: template.id, detail: example.description, caseId: template.id };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Open a Worked Example',
    placeHolder: 'Choose a case study to read its worked example (read-only)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.caseId;
}

/** The URI of a case's worked example (the path is the tab title; the query names the case). */
export function workedExampleUri(caseId: string, title: string): vscode.Uri {
  const safeTitle =
    title
      .replace(/\s*:\s*/g, ' - ')
      .replace(/[/\\?#%]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || caseId;
  return vscode.Uri.from({ scheme: WORKED_EXAMPLE_SCHEME, path: `/${safeTitle} (worked example).md`, query: caseId });
}

/**
 * Opens the worked example of `caseId` read-only (a quick pick when no id is given); `beside` opens
 * it in the editor group beside the current one and keeps the focus on the writer's doc.
 */
export async function openWorkedExample(caseId?: string, beside = false): Promise<vscode.TextEditor | undefined> {
  const id = caseId ?? (await pickCase());
  if (!id) return undefined;
  const { getExampleInfo, hasExample, TEMPLATES } = await loadTemplates();
  if (!hasExample(id)) {
    const known = TEMPLATES.filter((template) => hasExample(template.id))
      .map((template) => template.id)
      .join(', ');
    void vscode.window.showErrorMessage(`MLSD: no worked example for "${id}" (known: ${known}).`);
    return undefined;
  }
  ensureProvider();
  let document = await vscode.workspace.openTextDocument(workedExampleUri(id, getExampleInfo(id).title));
  if (document.languageId !== 'markdown') document = await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  return vscode.window.showTextDocument(document, {
    preview: !beside,
    viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
    preserveFocus: beside,
  });
}
