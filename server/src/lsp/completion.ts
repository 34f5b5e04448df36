// Completion: at the start of a heading, the steps the document still lacks (in rubric order,
// each inserting its section skeleton); inside the evaluation step, offline and online metric
// names, the kind the place asks for first ("Online metrics:" lists online ones first); at the
// start of a line, the template fragments that fit the section (metrics table in the evaluation
// step, latency budget table in the serving step…); in an empty document, the whole-document
// skeletons (the seven-step template and each case study), which fit nowhere else.
// Skeletons replace what the writer typed only when asked: a trigger character (`#`, a space)
// offers them on an empty heading line alone (`## ` and nothing else), never over a title being
// typed, and no item is preselected, so a plain Enter after typing a heading stays a new line.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { shiftHeadings, stepHeadingStyle } from '../engine/fixes';
import { METRICS } from '../engine/metrics';
import { getFragment, getStepSkeleton, getTemplateText, TEMPLATES, type FragmentName } from '../engine/skeletons';
import type { DesignDoc, LintResult, Section, StepDefinition, Rubric } from '../engine/types';
import { errorMessage, type ServerLogger } from './logger';

export interface CompletionRequest {
  document: TextDocument;
  position: Position;
  /** An analysis of this document's current text. */
  result: LintResult;
  rubric: Rubric;
  supportsSnippets: boolean;
  logger: ServerLogger;
  /** Only heading completions (the request came from typing a trigger character, `#` or a space, which are rarely completion points elsewhere). */
  headingsOnly?: boolean;
}

// `##`, `## ` or `## Eva` before the cursor (not `#hashtag`).
const HEADING_PREFIX = /^( {0,3})(#{1,6})(?:([ \t]+)(.*))?$/;
const LINE_START_WORD = /^([ \t]*)([\w-]*)$/;

interface FragmentOffer {
  name: FragmentName;
  label: string;
  detail: string;
  /** Steps in whose sections the fragment is the natural thing to insert (sorted first there). */
  steps: string[];
}

const FRAGMENT_OFFERS: FragmentOffer[] = [
  { name: 'metrics-table', label: 'Metrics table', detail: 'Offline and online metrics with targets', steps: ['evaluation'] },
  { name: 'metric-gap', label: 'Offline/online metric gap', detail: 'Why offline and online metrics disagree, and what to do about it', steps: ['evaluation'] },
  { name: 'latency-budget-table', label: 'Latency budget table', detail: 'End-to-end serving latency split across stages', steps: ['serving'] },
  { name: 'two-stage-diagram', label: 'Two-stage funnel diagram', detail: 'Mermaid diagram: candidate generation, then ranking', steps: ['model', 'serving'] },
];

function linePrefix(document: TextDocument, position: Position): string {
  return document.getText({ start: { line: position.line, character: 0 }, end: position });
}

/**
 * Whether any completion can apply at the position, from the text alone: callers ask before
 * linting, so a space typed mid-paragraph (a trigger character) costs no analysis.
 */
export function mayComplete(document: TextDocument, position: Position, headingsOnly: boolean): boolean {
  return !headingsOnly || HEADING_PREFIX.test(linePrefix(document, position));
}

export function getCompletions(request: CompletionRequest): CompletionItem[] {
  const { document, position } = request;
  const prefix = linePrefix(document, position);
  const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  if (isInsideCode(request.result.doc, position.line)) return [];

  const heading = HEADING_PREFIX.exec(prefix);
  if (heading) {
    // Not asked for (a `#` or a space was typed): only an empty heading line gets the skeletons.
    if (request.headingsOnly && !isEmptyHeadingLine(heading, lineText)) return [];
    return headingCompletions(request, heading, lineText);
  }
  if (request.headingsOnly) return [];

  const section = innermostSection(request.result.doc, position.line);
  const stepsHere = section ? stepsOfSectionChain(request.result.doc, section) : [];
  const items: CompletionItem[] = [];
  const word = /[\w@/-]*$/.exec(prefix)?.[0] ?? '';
  const wordRange: Range = { start: { line: position.line, character: position.character - word.length }, end: position };
  if (stepsHere.includes('evaluation')) items.push(...metricCompletions(wordRange, metricKindHere(document, position, section, word)));
  if (LINE_START_WORD.test(prefix)) {
    // An empty document takes a whole document; a lone fragment would not fit there.
    const documents = documentCompletions(request, lineText);
    items.push(...(documents.length > 0 ? documents : fragmentCompletions(request, wordRange, stepsHere)));
  }
  return items;
}

/**
 * The whole-document skeletons (the seven-step template, then each case study), offered only where
 * a whole document fits: a document with nothing in it but blank lines and, on the cursor's line,
 * the word being typed (`mlsd-doc`, say). The item replaces that line and drops the blank lines
 * around it, so the template's front matter lands on the first line.
 */
function documentCompletions(request: CompletionRequest, lineText: string): CompletionItem[] {
  const { document, position } = request;
  const line = position.line;
  const text = document.getText();
  // Nothing but white space on the other lines (the first character found ends the search).
  const lineStart = document.offsetAt({ line, character: 0 });
  const lineEnd = lineStart + lineText.length;
  if (/\S/.test(text.slice(0, lineStart)) || /\S/.test(text.slice(lineEnd))) return [];
  // Only the word typed before the cursor, nothing after it.
  if (lineText.slice(position.character).trim() !== '') return [];
  const indent = /^\s*/.exec(lineText)?.[0].length ?? 0;
  const range: Range = { start: { line, character: indent }, end: { line, character: lineText.length } };
  const additionalTextEdits = [
    { range: { start: { line: 0, character: 0 }, end: { line, character: indent } }, newText: '' },
    { range: { start: { line, character: lineText.length }, end: document.positionAt(text.length) }, newText: '' },
  ].filter((edit) => edit.range.start.line !== edit.range.end.line || edit.range.start.character !== edit.range.end.character);
  const items: CompletionItem[] = [];
  TEMPLATES.forEach((template, index) => {
    let newText: string;
    try {
      newText = getTemplateText(template.id, request.supportsSnippets ? 'snippet' : 'text');
    } catch (error) {
      request.logger.error(`The template ${template.id} could not be read: ${errorMessage(error)}`);
      return;
    }
    const prefix = template.id === 'generic' ? 'mlsd-doc' : `mlsd-doc-${template.id}`;
    const label = template.id === 'generic' ? 'New design doc: seven-step template' : `New design doc: ${template.title}`;
    items.push({
      label,
      kind: CompletionItemKind.Snippet,
      detail: template.description,
      documentation: { kind: MarkupKind.Markdown, value: `${template.description}.\n\nInserts the whole document: front matter, the seven step headings and the questions to answer under each.` },
      sortText: `0${String(index).padStart(3, '0')}`,
      // Typed `mlsd-doc` (the former snippet prefixes), a case name or the words of the label.
      filterText: `${prefix} ${template.title} design doc template`,
      insertTextFormat: request.supportsSnippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText },
      ...(additionalTextEdits.length > 0 ? { additionalTextEdits } : {}),
    });
  });
  return items;
}

/** `## ` (or `#`…`######` and a space) with nothing typed after it, and nothing after the cursor. */
function isEmptyHeadingLine(heading: RegExpExecArray, lineText: string): boolean {
  const [typed, , , space = '', title = ''] = heading;
  return space.length > 0 && title.trim() === '' && lineText.trim() === typed.trim();
}

/** The words that label a list or a heading as offline or online metrics (as the judgment reads them). */
const METRIC_LABEL = { offline: /\boffline\b|офф?лайн|离线|オフライン|오프라인/i, online: /\bonline\b|\bbusiness metrics?\b|онлайн|线上|在线|オンライン|온라인/i };
const LIST_ITEM_OR_ROW = /^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)|^\s*\|/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
/** A lead line: "Online metrics:", "- **Offline metrics:**", with nothing (or a list) after its colon. */
const LEAD_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([^:|]{0,80}):(?:\*\*|__)?\s*$/;

function labelOf(text: string): 'offline' | 'online' | undefined {
  const offline = METRIC_LABEL.offline.test(text);
  const online = METRIC_LABEL.online.test(text);
  if (offline === online) return undefined; // neither, or "Offline and online metrics"
  return offline ? 'offline' : 'online';
}

/**
 * Which kind of metric the place asks for: the label of the line being typed ("Online metrics: CT"),
 * of the lead line above the list the cursor is in ("Online metrics:" then "- "), or of the heading
 * of the section ("### Online metrics"). Undefined when the place does not say.
 */
function metricKindHere(document: TextDocument, position: Position, section: Section | undefined, word: string): 'offline' | 'online' | undefined {
  const lineAt = (line: number) => document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const before = lineAt(position.line).slice(0, position.character - word.length);
  const inline = /^([^:|]{0,80}):/.exec(before.replace(/^\s*(?:[-*+]\s+)?(?:\*\*|__)?/, ''));
  if (inline) {
    const kind = labelOf(inline[1] ?? '');
    if (kind) return kind;
  }
  const top = section ? section.range.start.line : 0;
  for (let line = position.line - 1; line >= top && position.line - line <= 200; line--) {
    const text = lineAt(line);
    if (ATX_HEADING.test(text)) return labelOf(text);
    const lead = LEAD_LINE.exec(text);
    if (lead) {
      const kind = labelOf(lead[1] ?? '');
      if (kind) return kind;
    }
    // Items of the same list, its table rows and blank lines between them: keep looking up.
    if (text.trim() === '' || LIST_ITEM_OR_ROW.test(text)) continue;
    // Prose: the list (if any) started here, unlabelled.
    return undefined;
  }
  return section ? labelOf(section.title) : undefined;
}

function headingCompletions(request: CompletionRequest, heading: RegExpExecArray, lineText: string): CompletionItem[] {
  const { position, result, rubric } = request;
  const [, indent = '', hashes = '#', space = ''] = heading;
  const level = hashes.length;
  const titleStart = indent.length + hashes.length + space.length;
  // Replace whatever the writer already typed after the #s and the space, up to the end of the
  // line; what was typed there is also what the client filters the items on.
  const range: Range = { start: { line: position.line, character: titleStart }, end: { line: position.line, character: lineText.length } };
  const lead = space.length === 0 ? ' ' : '';
  // Number the heading when the document numbers its step headings ("## 3. Data preparation").
  const { numbered } = stepHeadingStyle(result.doc);
  const items: CompletionItem[] = [];
  rubric.steps.forEach((step, index) => {
    const entry = result.coverage[step.id];
    // The heading being typed may already map to the step it is becoming: it does not count as covering it.
    const coveredHere = entry?.line === position.line;
    if (entry && entry.status !== 'missing' && !coveredHere) return;
    const skeleton = safeSkeleton(step, request);
    const title = skeleton?.title ?? step.title;
    const number = skeleton?.number ?? index + 1;
    const headingText = numbered ? `${number}. ${title}` : title;
    // The template's skeletons are written at level 2: their subheadings move with the level typed.
    const body = skeleton ? shiftHeadings(skeleton.body, 2, level) : '';
    const escape = (text: string) => (request.supportsSnippets ? text.replace(/[\\$}]/g, '\\$&') : text);
    const newText = `${lead}${escape(headingText)}${body ? `\n\n${body}` : request.supportsSnippets ? '\n\n$0' : '\n\n'}`;
    items.push({
      label: headingText,
      kind: CompletionItemKind.Module,
      detail: `Step ${index + 1} of ${rubric.steps.length} · missing`,
      documentation: { kind: MarkupKind.Markdown, value: `${step.summary}\n\nInserts the section skeleton from the template.` },
      sortText: String(index).padStart(3, '0'),
      // Match on what was typed after the #s, whether or not the writer typed the number.
      filterText: numbered ? `${headingText} ${title}` : title,
      insertTextFormat: request.supportsSnippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText },
    });
  });
  return items;
}

function safeSkeleton(step: StepDefinition, request: CompletionRequest): { title: string; number: number; body: string } | undefined {
  try {
    const skeleton = getStepSkeleton(step.id, request.supportsSnippets ? 'snippet' : 'text');
    if (skeleton) return skeleton;
  } catch (error) {
    request.logger.error(`The skeleton of step ${step.id} could not be read: ${errorMessage(error)}`);
  }
  // A custom rubric's step: its own skeleton when it has one.
  if (step.skeleton) {
    const body = step.skeleton.split('\n').slice(1).join('\n').trim();
    return { title: step.title, number: 0, body: request.supportsSnippets ? body.replace(/[\\$}]/g, '\\$&') : body };
  }
  return undefined;
}

function metricCompletions(range: Range, wanted: 'offline' | 'online' | undefined): CompletionItem[] {
  // The kind the place asks for first; where it does not say, offline (chosen before launch) then online.
  const first = wanted ?? 'offline';
  return METRICS.map((metric, index) => ({
    label: metric.name,
    kind: CompletionItemKind.Value,
    detail: `${metric.kind} metric`,
    labelDetails: { description: metric.kind },
    documentation: { kind: MarkupKind.Markdown, value: `**${metric.name}** (${metric.kind}): ${metric.description}` },
    sortText: `1${metric.kind === first ? 0 : 1}${String(index).padStart(3, '0')}`,
    filterText: metric.name,
    textEdit: { range, newText: metric.name },
  }));
}

function fragmentCompletions(request: CompletionRequest, range: Range, stepsHere: string[]): CompletionItem[] {
  const items: CompletionItem[] = [];
  FRAGMENT_OFFERS.forEach((offer, index) => {
    const relevant = offer.steps.some((step) => stepsHere.includes(step));
    // Inside a step's section, only the fragments that belong there (no latency table among the
    // evaluation metrics); outside any step, every fragment.
    if (stepsHere.length > 0 && !relevant) return;
    let text: string;
    try {
      text = getFragment(offer.name, request.supportsSnippets ? 'snippet' : 'text');
    } catch (error) {
      request.logger.error(`The template fragment ${offer.name} could not be read: ${errorMessage(error)}`);
      return;
    }
    items.push({
      label: offer.label,
      kind: CompletionItemKind.Snippet,
      detail: offer.detail,
      documentation: { kind: MarkupKind.Markdown, value: '```markdown\n' + getFragment(offer.name, 'text') + '\n```' },
      sortText: `${relevant ? 0 : 2}${index}`,
      filterText: `${offer.label} ${offer.name}`,
      insertTextFormat: request.supportsSnippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: text },
    });
  });
  return items;
}

export function innermostSection(doc: DesignDoc, line: number): Section | undefined {
  let best: Section | undefined;
  for (const section of doc.sections) {
    if (section.range.start.line <= line && line <= section.range.end.line && (!best || section.level >= best.level)) best = section;
  }
  return best;
}

/** The steps of a section and of its ancestors ("### Offline metrics" under "## Evaluation"). */
export function stepsOfSectionChain(doc: DesignDoc, section: Section): string[] {
  const steps: string[] = [];
  for (let current: Section | undefined = section; current; current = current.parent !== undefined ? doc.sections[current.parent] : undefined) {
    steps.push(...current.steps);
    if (current.steps.length > 0) break; // the nearest mapped heading decides
  }
  return steps;
}

/** On a line of a code block or diagram, fences included (the parser's passages: an unclosed fence runs to the end). */
function isInsideCode(doc: DesignDoc, line: number): boolean {
  return doc.passages.some((passage) => (passage.kind === 'code' || passage.kind === 'mermaid') && passage.line <= line && line <= passage.endLine);
}
