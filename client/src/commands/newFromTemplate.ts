// "MLSD: New Design Doc from Template…": a quick pick of the bundled templates (generic first,
// then the case studies), then a real file on disk: `<case>.design.md` in the workspace's design-doc
// folder (the first literal folder of the `mlsd.include` globs, `design-docs/` by default), so the
// doc is checked from the first keystroke and saves where the linter looks. The user is asked only
// when that file already exists. A template holds the case's problem statement and the questions
// to answer under each of the seven steps; it reads as unfinished until the writer answers them.
import * as vscode from 'vscode';
// The templates are loaded on first use, not at activation.
const loadTemplates = () => import('../../../server/src/engine/skeletons');

export const NEW_FROM_TEMPLATE_COMMAND = 'mlsd.newFromTemplate';

interface TemplatePick extends vscode.QuickPickItem {
  templateId: string;
}

async function pickTemplate(): Promise<string | undefined> {
  const { TEMPLATES } = await loadTemplates();
  const items: TemplatePick[] = TEMPLATES.map((template) => ({
    label: template.title,
    description: template.id,
    detail: template.description,
    templateId: template.id,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'New ML System Design Doc',
    placeHolder: 'Choose a template: the generic seven steps or a case study',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.templateId;
}

/** The file name a new doc from `templateId` gets (always matched by the default `**\/*.design.md` glob). */
export function designDocFileName(templateId: string, copy = 1): string {
  const base = templateId === 'generic' ? 'ml-system' : templateId;
  return copy > 1 ? `${base}-${copy}.design.md` : `${base}.design.md`;
}

/**
 * The folder, relative to the workspace folder, where new design docs go: the leading literal
 * segments of the first include glob that has any (`**\/design-docs/**\/*.md` -> `design-docs`),
 * or the workspace root when none has. Never climbs out of the workspace (`..`, absolute globs).
 */
export function designDocFolder(include: readonly string[] | undefined): string {
  for (const glob of include ?? []) {
    if (typeof glob !== 'string' || glob.startsWith('/') || /^[A-Za-z]:/.test(glob)) continue;
    const segments = glob.split('/');
    let index = 0;
    while (segments[index] === '**') index++;
    const literal: string[] = [];
    for (; index < segments.length - 1; index++) {
      const segment = segments[index] ?? '';
      if (segment === '' || /[*?[\]{}()!]/.test(segment)) break;
      literal.push(segment);
    }
    if (literal.some((segment) => segment === '..' || segment === '.')) continue;
    if (literal.length) return literal.join('/');
  }
  return '';
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function targetWorkspaceFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) || vscode.workspace.workspaceFolders?.[0];
}

/**
 * Where the new doc goes, or undefined when the user cancels. An existing file is never
 * overwritten: the user opens it or gets a numbered copy.
 */
async function chooseTarget(templateId: string): Promise<{ uri: vscode.Uri; create: boolean } | undefined> {
  const folder = targetWorkspaceFolder();
  if (!folder) {
    const uri = await vscode.window.showSaveDialog({
      title: 'Save the new ML system design doc',
      defaultUri: vscode.Uri.file(designDocFileName(templateId)),
      filters: { Markdown: ['md'] },
    });
    return uri ? { uri, create: true } : undefined;
  }
  const relativeFolder = designDocFolder(vscode.workspace.getConfiguration('mlsd', folder.uri).get<string[]>('include'));
  const directory = relativeFolder ? vscode.Uri.joinPath(folder.uri, ...relativeFolder.split('/')) : folder.uri;
  const first = vscode.Uri.joinPath(directory, designDocFileName(templateId));
  if (!(await exists(first))) return { uri: first, create: true };
  let copy = 2;
  while (await exists(vscode.Uri.joinPath(directory, designDocFileName(templateId, copy)))) copy++;
  const copyName = designDocFileName(templateId, copy);
  const shown = vscode.workspace.asRelativePath(first, false);
  const openExisting = 'Open Existing';
  const createCopy = `Create ${copyName}`;
  const answer = await vscode.window.showWarningMessage(`MLSD: ${shown} already exists.`, { modal: true }, openExisting, createCopy);
  if (answer === openExisting) return { uri: first, create: false };
  if (answer === createCopy) return { uri: vscode.Uri.joinPath(directory, copyName), create: true };
  return undefined;
}

/** Creates a new design doc from a template; `templateId` skips the quick pick (for keybindings and tests). */
export async function newDesignDocFromTemplate(templateId?: unknown): Promise<vscode.TextEditor | undefined> {
  const id = typeof templateId === 'string' ? templateId : await pickTemplate();
  if (!id) return undefined;
  const { TEMPLATES, getTemplateText } = await loadTemplates();
  let content: string;
  try {
    content = getTemplateText(id);
  } catch (error) {
    const known = TEMPLATES.map((template) => template.id).join(', ');
    void vscode.window.showErrorMessage(`MLSD: no template "${id}" (known: ${known}). ${error instanceof Error ? error.message : ''}`.trim());
    return undefined;
  }
  const target = await chooseTarget(id);
  if (!target) return undefined;
  if (target.create) {
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target.uri, '..'));
      await vscode.workspace.fs.writeFile(target.uri, new TextEncoder().encode(content));
    } catch (error) {
      void vscode.window.showErrorMessage(`MLSD: could not create ${vscode.workspace.asRelativePath(target.uri, false)} (${error instanceof Error ? error.message : String(error)}).`);
      return undefined;
    }
  }
  const document = await vscode.workspace.openTextDocument(target.uri);
  return vscode.window.showTextDocument(document, { preview: false });
}
