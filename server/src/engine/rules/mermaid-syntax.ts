// mermaid-syntax: a broken ```mermaid block is reported at its offending line, so the writer
// learns about it in the Problems panel or from mlsd-lint without opening the preview.
import type { DesignDoc, MermaidBlock, Range, Rule, RuleContext } from '../types';
import { MAX_VALIDATED_CHARS, PARSE_TIMEOUT_MS, prefetchMermaidValidation, validateMermaid } from '../mermaid/validate';
import { explainMermaidError } from '../mermaid/errorText';
import { lineText } from '../model';
import { firstClause } from './util';

/** The offending line of the Markdown file, from its first non-blank character to its end (not util's lineRange: indent is skipped). */
function rangeOfLine(doc: DesignDoc, line: number): Range {
  const text = lineText(doc.text, doc.lineStarts, line);
  return { start: { line, character: Math.max(0, text.search(/\S/)) }, end: { line, character: text.length } };
}

function lastCodeLine(block: MermaidBlock): number {
  // The closing fence may be missing (block runs to end of file); never point past the code.
  const codeLines = block.code === '' ? 1 : block.code.split('\n').length;
  return block.codeStartLine + codeLines - 1;
}

const TIMEOUT_SECONDS = PARSE_TIMEOUT_MS / 1000;

async function checkBlock(ctx: RuleContext, block: MermaidBlock): Promise<void> {
  const result = await validateMermaid(block.code);
  if (result.skipped === 'timeout') {
    ctx.report({
      message: `Mermaid took more than ${TIMEOUT_SECONDS} s to parse this diagram, so it was not checked.`,
      detail: 'The preview will be slow to render it too. Consider splitting it.',
      range: rangeOfLine(ctx.doc, block.range.start.line),
      severity: 'information',
      stepId: undefined,
    });
    return;
  }
  if (result.skipped === 'too-large') {
    ctx.report({
      message: `Mermaid diagram over mermaid's limit of ${MAX_VALIDATED_CHARS.toLocaleString('en-US')} characters: it will not render.`,
      detail: `It has ${block.code.length.toLocaleString('en-US')} characters. Split it into smaller diagrams.`,
      range: rangeOfLine(ctx.doc, block.range.start.line),
      stepId: undefined,
    });
    return;
  }
  if (result.ok || !result.error) return;
  const line = Math.min(block.codeStartLine + result.error.line, lastCodeLine(block), ctx.doc.lineCount - 1);
  // The same plain sentence the preview shows (lines it names are the editor's), then mermaid's own words.
  const explained = explainMermaidError(result.error, block.code, { lineBase: block.codeStartLine + 1 });
  const mermaidSays = explained.kind === 'other' ? '' : `Mermaid: ${explained.details}`;
  const supported = 'Mermaid supports flowchart, sequenceDiagram, classDiagram, stateDiagram-v2, erDiagram, C4Context, gantt, mindmap, pie, timeline, architecture-beta, block-beta and more.';
  // The plain sentence is the message when it fits on one line; mermaid's own words go to the detail.
  const sentence = result.error.unknownDiagramType ? explained.summary : `Diagram line ${result.error.line + 1}: ${explained.summary}`;
  // A message mermaid's own text only (no plain sentence for it) goes whole to the detail.
  const opening = explained.kind === 'other' && !result.error.unknownDiagramType ? undefined : firstClause(sentence);
  const message = opening ?? `Mermaid syntax error (diagram line ${result.error.line + 1}).`;
  const detail = [opening === sentence ? '' : explained.summary, result.error.unknownDiagramType ? supported : mermaidSays].filter(Boolean).join('\n\n');
  ctx.report({ message, ...(detail ? { detail } : {}), range: rangeOfLine(ctx.doc, Math.max(block.codeStartLine, line)), stepId: undefined });
}

export const mermaidSyntaxRule: Rule = {
  id: 'mermaid-syntax',
  description: 'Mermaid diagrams must parse with mermaid.',
  tags: ['mermaid', 'diagrams'],
  defaultSeverity: 'error',
  docs:
    'Each ```mermaid block is parsed with the same mermaid version the diagram preview renders with. ' +
    "A diagram that does not parse is reported at its offending line, in a plain sentence for the common mistakes (an unclosed bracket or quote, an unknown arrow, a block without its `end`), followed by mermaid's own message; an unknown " +
    'diagram type is reported on its first line. Valid diagrams of every type mermaid supports pass. ' +
    `Diagrams over mermaid's ${MAX_VALIDATED_CHARS.toLocaleString('en-US')}-character limit are reported because mermaid refuses to render them; ` +
    `a diagram mermaid cannot parse within ${TIMEOUT_SECONDS} seconds is reported as not checked.`,
  fixable: false,
  // The worker parses diagrams while the main thread goes on parsing the Markdown.
  onMermaidDiagram: prefetchMermaidValidation,
  async check(ctx) {
    // Sequential on purpose: mermaid parses one diagram at a time internally anyway.
    for (const block of ctx.doc.mermaidBlocks) await checkBlock(ctx, block);
  },
};

export default mermaidSyntaxRule;
