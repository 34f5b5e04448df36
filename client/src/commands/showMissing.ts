// The status bar's click: a quick pick of the steps and checks that are missing or thin. Picking
// one jumps to where it is (thin: its section) or inserts it with the server's own quick fix
// (missing: the fix attached to the finding about that step), so the inserted text is the same
// as the light bulb's.
import * as vscode from 'vscode';
import type { CoverageResult } from '../../../server/src/protocol';
import { shownItems } from '../coverageView';
import type { CoverageStatusBar } from '../statusBar';

type CoverageItem = CoverageResult['items'][number];

interface GapPick extends vscode.QuickPickItem {
  item: CoverageItem;
}

export type GapOutcome = 'jumped' | 'inserted' | 'shown' | 'none';

export async function showMissing(statusBar: CoverageStatusBar, stepId?: unknown): Promise<GapOutcome> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('MLSD: open a Markdown design doc first.');
    return 'none';
  }
  const coverage = await statusBar.coverageFor(editor.document.uri);
  if (!coverage?.isDesignDoc) {
    void vscode.window.showInformationMessage('MLSD: this document is not checked as a design doc. Run "MLSD: Check Current Document as a Design Doc" to check it.');
    return 'none';
  }
  // A check whose rule is turned off is not a gap the writer wants to hear about.
  const gaps = shownItems(coverage).filter((item) => item.status !== 'present');
  if (gaps.length === 0) {
    void vscode.window.showInformationMessage('MLSD: every step and check is present.');
    return 'none';
  }
  let chosen: CoverageItem | undefined;
  if (typeof stepId === 'string') {
    chosen = gaps.find((item) => item.id === stepId);
  } else {
    const picked = await vscode.window.showQuickPick<GapPick>(
      gaps.map((item) => ({
        label: `${item.status === 'missing' ? '$(error)' : '$(circle-large-outline)'} ${item.title}`,
        description: `${item.kind === 'check' ? 'check · ' : ''}${item.status}${item.line !== undefined ? ` · line ${item.line + 1}` : ''}`,
        detail: item.reason,
        item,
      })),
      { title: 'MLSD: what the design doc lacks', placeHolder: 'Pick one to jump to it or insert it' },
    );
    chosen = picked?.item;
  }
  if (!chosen) return 'none';
  if (chosen.line !== undefined) {
    reveal(editor, chosen.line);
    return 'jumped';
  }
  return insertWithQuickFix(editor, chosen);
}

function reveal(editor: vscode.TextEditor, line: number): void {
  const position = new vscode.Position(Math.min(line, editor.document.lineCount - 1), 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
}

function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/**
 * The findings that may be about this step or check, best first: its rule id or message names it;
 * then every missing-step finding (steps missing at one place share one finding, whose quick fixes
 * include one per step, named for it).
 */
function findingsFor(document: vscode.TextDocument, item: CoverageItem): vscode.Diagnostic[] {
  const diagnostics = vscode.languages.getDiagnostics(document.uri);
  const title = item.title.toLowerCase();
  const missingStep = diagnostics.filter((diagnostic) => diagnosticCode(diagnostic) === 'missing-step');
  const candidates = [
    ...diagnostics.filter((diagnostic) => diagnosticCode(diagnostic) === item.id),
    ...missingStep.filter((diagnostic) => diagnostic.message.toLowerCase().includes(title)),
    ...diagnostics.filter((diagnostic) => diagnostic.message.toLowerCase().includes(title) || diagnostic.message.includes(item.id)),
    ...missingStep,
  ];
  return [...new Set(candidates)];
}

/**
 * The coverage can reach the client before the document's diagnostics do (they are pulled or
 * published separately), as when a step is inserted right after the doc opens: wait a little for
 * a finding about the item before saying there is none.
 */
async function findingsWhenReady(document: vscode.TextDocument, item: CoverageItem, timeoutMs = 5000): Promise<vscode.Diagnostic[]> {
  const now = findingsFor(document, item);
  if (now.length > 0) return now;
  return new Promise((resolve) => {
    const done = (found: vscode.Diagnostic[]): void => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(found);
    };
    const timer = setTimeout(() => done(findingsFor(document, item)), timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((uri) => uri.toString() === document.uri.toString())) return;
      const found = findingsFor(document, item);
      if (found.length > 0) done(found);
    });
  });
}

async function insertWithQuickFix(editor: vscode.TextEditor, item: CoverageItem): Promise<GapOutcome> {
  const candidates = await findingsWhenReady(editor.document, item);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`MLSD: ${item.title} is missing (${item.reason}).`);
    return 'none';
  }
  const title = item.title.toLowerCase();
  for (const [index, finding] of candidates.entries()) {
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, finding.range, vscode.CodeActionKind.QuickFix.value, 10)) ?? [];
    // VS Code's API does not hand back which diagnostics an action is for, and several findings can
    // share a range: prefer the fix that names the item.
    const fixes = actions.filter((action) => action.edit && !/^disable\b/i.test(action.title));
    const fix =
      fixes.find((action) => action.title.toLowerCase().includes(title)) ??
      fixes.find((action) => action.title.toLowerCase().includes(item.id.replace(/-/g, ' '))) ??
      (index === 0 && fixes.length === 1 ? fixes[0] : undefined);
    if (!fix?.edit) continue;
    await vscode.workspace.applyEdit(fix.edit);
    const inserted = fix.edit.get(editor.document.uri)[0];
    if (inserted) reveal(editor, inserted.range.start.line);
    return 'inserted';
  }
  reveal(editor, candidates[0]!.range.start.line);
  return 'shown';
}
