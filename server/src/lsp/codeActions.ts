// Code actions: every engine fix as a quick fix, prompts for the checkpoints a thin or missing step
// lacks (checkpointPrompts.ts; never preferred, never part of "Fix all"), "Disable RULE for this
// line / file" (inserting the control comments the engine reads), and the source action "Fix all
// auto-fixable problems".
import { CodeActionKind, TextDocumentEdit, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ControlComment, Finding } from '../engine/types';
import type { DocumentAnalysis } from './analyzer';
import { checkpointPromptInsertions, stepPromptInsertion, stepsAtHeading } from './checkpointPrompts';
import { dominantLineEnding } from '../engine/fixes';
import { frontMatterClosingLine } from '../engine/markdownLines';
import { clampRange, DIAGNOSTIC_SOURCE } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${DIAGNOSTIC_SOURCE}`;

export interface CodeActionRequest {
  document: TextDocument;
  /** An analysis of exactly this version of the document. */
  analysis: DocumentAnalysis;
  range: Range;
  context: CodeActionContext;
  /** Whether the client accepts versioned `documentChanges` (safer: it refuses edits to a changed document). */
  supportsDocumentChanges: boolean;
}

export interface CodeActionDependencies {
  /** The engine's non-overlapping set of fixes to apply together. */
  collectAutoFixes(findings: Finding[]): TextEdit[];
}

function intersects(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function kindAllowed(kind: string, only: string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

export function getCodeActions(request: CodeActionRequest, deps: CodeActionDependencies): CodeAction[] {
  const { document, analysis, range, context } = request;
  if (!analysis.result) return [];
  const findings = analysis.result.findings;
  const controlComments = analysis.result?.doc.controlComments ?? [];
  const lineCount = document.lineCount;
  // Every edit inside the document, and in the document's own line ending (a CRLF or CR file gets no
  // mixed endings from an editor that inserts text as it is sent, as Neovim does).
  let eol: string | undefined;
  const edit = (raw: TextEdit[]): WorkspaceEdit => {
    eol ??= dominantLineEnding(document.getText());
    const edits = raw.map((e) => ({ range: clampRange(e.range, lineCount + 1), newText: eol === '\n' ? e.newText : e.newText.replace(/\r\n|\r|\n/g, eol!) }));
    return request.supportsDocumentChanges ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] } : { changes: { [document.uri]: edits } };
  };

  const actions: CodeAction[] = [];
  if (kindAllowed(CodeActionKind.QuickFix, context.only)) {
    // The client's diagnostics at the cursor say which findings the user is looking at;
    // clients that send none (or other servers' only) get every finding touching the range.
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
    const matches: { finding: Finding; diagnostic: Diagnostic }[] = [];
    findings.forEach((finding, index) => {
      // The analysis published one diagnostic per finding, in the same order.
      const diagnostic = analysis.diagnostics[index];
      if (!diagnostic) return;
      if (ours.length > 0) {
        // Same rule, range and message: several missing-step findings share the title's range.
        const sent = ours.find((d) => d.code === finding.ruleId && sameRange(d.range, diagnostic.range) && d.message === diagnostic.message);
        if (sent) matches.push({ finding, diagnostic: sent });
      } else if (intersects(diagnostic.range, range)) {
        matches.push({ finding, diagnostic });
      }
    });
    /** Steps whose checkpoint prompts are already offered. */
    const prompted = new Set<string>();
    for (const { finding, diagnostic } of matches) {
      for (const fix of finding.fixes ?? []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred === true,
          edit: edit(fix.edits),
        });
      }
      for (const { stepId, insertion: prompts } of analysis.result ? checkpointPromptInsertions(finding, analysis.result, analysis.config.rubric) : []) {
        prompted.add(stepId);
        actions.push({
          title: prompts.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: false,
          edit: edit(prompts.edits),
        });
      }
    }
    // On a step's heading with no finding (a present step short of strong): the same prompts, offered without a diagnostic.
    const result = analysis.result;
    for (const stepId of result ? stepsAtHeading(result, range) : []) {
      if (prompted.has(stepId)) continue;
      const prompts = stepPromptInsertion(stepId, result!, analysis.config.rubric);
      if (!prompts) continue;
      prompted.add(stepId);
      actions.push({ title: prompts.title, kind: CodeActionKind.QuickFix, isPreferred: false, edit: edit(prompts.edits) });
    }
    const disabledOnLine = new Set<string>();
    const disabledInFile = new Set<string>();
    for (const { finding, diagnostic } of matches) {
      const line = diagnostic.range.start.line;
      const lineKey = `${finding.ruleId}@${line}`;
      if (!disabledOnLine.has(lineKey)) {
        disabledOnLine.add(lineKey);
        actions.push({
          title: `Disable ${finding.ruleId} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: edit([disableNextLineEdit(document, controlComments, line, finding.ruleId)]),
        });
      }
      if (!disabledInFile.has(finding.ruleId)) {
        disabledInFile.add(finding.ruleId);
        actions.push({
          title: `Disable ${finding.ruleId} for this file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: edit([disableFileEdit(document, controlComments, finding.ruleId)]),
        });
      }
    }
  }
  if (kindAllowed(FIX_ALL_KIND, context.only)) {
    const fixable = findings.filter((finding) => (finding.fixes?.length ?? 0) > 0);
    const edits = fixable.length > 0 ? deps.collectAutoFixes(fixable) : [];
    if (edits.length > 0) {
      actions.push({
        title: 'Fix all auto-fixable problems',
        kind: FIX_ALL_KIND,
        edit: edit(edits),
      });
    }
  }
  return actions;
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/(?:\r\n|\r|\n)$/, '');
}

/**
 * Adds a rule to a control comment the engine read (`doc.controlComments`), rewriting just that
 * comment on its line; undefined when it cannot be found there (one HTML block spanning lines).
 */
function extendComment(document: TextDocument, comment: ControlComment, ruleId: string): TextEdit | undefined {
  const directive = `mlsd-${comment.kind}`;
  const text = lineText(document, comment.line);
  const match = new RegExp(`<!--\\s*${directive}(?![\\w-])[\\s\\S]*?-->`).exec(text);
  if (!match) return undefined;
  const rules = comment.rules.includes(ruleId) ? comment.rules : [...comment.rules, ruleId];
  return {
    range: { start: { line: comment.line, character: match.index }, end: { line: comment.line, character: match.index + match[0].length } },
    newText: `<!-- ${directive} ${rules.join(' ')} -->`,
  };
}

/** Whether a disable-next-line comment on `commentLine` applies to `line`: the engine skips blank lines in between. */
function commentTargets(document: TextDocument, commentLine: number, line: number): boolean {
  if (commentLine >= line) return false;
  for (let between = commentLine + 1; between < line; between++) if (lineText(document, between).trim() !== '') return false;
  return true;
}

export function disableNextLineEdit(document: TextDocument, controlComments: readonly ControlComment[], line: number, ruleId: string): TextEdit {
  const existing = controlComments.find((comment) => comment.kind === 'disable-next-line' && comment.rules.length > 0 && commentTargets(document, comment.line, line));
  const extended = existing && extendComment(document, existing, ruleId);
  if (extended) return extended;
  // Indent like the line it silences, so the comment stays inside a list item.
  const indent = /^[ \t]*/.exec(lineText(document, line))?.[0] ?? '';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- mlsd-disable-next-line ${ruleId} -->\n` };
}

/** The line after the front matter (0 when there is none): where file-wide control comments go. */
export function lineAfterFrontMatter(document: TextDocument): number {
  const closing = frontMatterClosingLine((line) => lineText(document, line), document.lineCount, 500);
  return closing === undefined ? 0 : closing + 1;
}

export function disableFileEdit(document: TextDocument, controlComments: readonly ControlComment[], ruleId: string): TextEdit {
  // Extend the file's disable-file comment (wherever it is) rather than stacking a second one.
  const existing = controlComments.find((comment) => comment.kind === 'disable-file' && comment.rules.length > 0);
  const extended = existing && extendComment(document, existing, ruleId);
  if (extended) return extended;
  const start = lineAfterFrontMatter(document);
  if (start >= document.lineCount) {
    // Front matter with nothing after it (and possibly no final newline).
    const end = document.positionAt(document.getText().length);
    return { range: { start: end, end }, newText: `\n<!-- mlsd-disable-file ${ruleId} -->\n` };
  }
  return { range: { start: { line: start, character: 0 }, end: { line: start, character: 0 } }, newText: `<!-- mlsd-disable-file ${ruleId} -->\n` };
}
