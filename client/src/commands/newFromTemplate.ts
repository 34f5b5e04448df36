// "MLSD: New Design Doc from Template…": a quick pick of the bundled templates (generic first,
// then the case studies), opening the chosen one as a new untitled Markdown document. The
// templates declare `mlsd: true` in their front matter, so the server checks the new doc at once.
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

/** Opens a new design doc; `templateId` skips the quick pick (for keybindings and tests). */
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
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(document, { preview: false });
}
