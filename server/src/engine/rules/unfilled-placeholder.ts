// unfilled-placeholder: every `{{...}}` a template or an inserted fragment left for the writer to
// replace. A doc with them reads as unfinished (DOMAIN.md, "Prompts are not answers"), and the
// judgment never counts a line holding one; this rule shows each one where it is.
import type { DesignDoc, Finding, Range, Rule } from '../types';
import { lineText } from '../model';
import { PLACEHOLDER_PATTERN } from '../placeholders';

/** Findings per document, so a generated doc full of braces cannot flood the Problems panel. */
export const MAX_PLACEHOLDER_FINDINGS = 200;

/** Lines where `{{…}}` is not a placeholder: fenced code and diagrams (mermaid hexagons are `{{…}}`), math, front matter, HTML comments. */
function excludedLines(doc: DesignDoc): Set<number> {
  const out = new Set<number>();
  for (const b of doc.passages) if (b.kind === 'code' || b.kind === 'mermaid' || b.kind === 'math') for (let l = b.line; l <= b.endLine; l++) out.add(l);
  if (lineText(doc.text, doc.lineStarts, 0) === '---') {
    for (let l = 1; l < doc.lineCount; l++) {
      out.add(l);
      if (/^(?:---|\.\.\.)\s*$/.test(lineText(doc.text, doc.lineStarts, l))) break;
    }
    out.add(0);
  }
  return out;
}

export const unfilledPlaceholderRule: Rule = {
  id: 'unfilled-placeholder',
  description: 'A {{placeholder}} is left in the doc',
  tags: ['content', 'template'],
  defaultSeverity: 'warning',
  fixable: false,
  docs: 'Reports each `{{...}}` left in the document: the values a template or an inserted table asks the writer to fill in ("{{p99 target}}", "{{daily users}}"). A line that still holds one never counts as an answer, so the step it sits in reads as thin until the value is there. Placeholders inside code blocks, mermaid diagrams (where `{{...}}` draws a hexagon), math, front matter and HTML comments are left alone. The quick fix removes the placeholder; it is never applied by `--fix`, since only the writer knows the value.',
  check(ctx) {
    const { doc } = ctx;
    if (doc.text.indexOf('{{') === -1) return;
    const skip = excludedLines(doc);
    let inComment = false;
    let reported = 0;
    for (let line = 0; line < doc.lineCount && reported < MAX_PLACEHOLDER_FINDINGS; line++) {
      const text = lineText(doc.text, doc.lineStarts, line);
      if (skip.has(line)) continue;
      // HTML comments are not rendered: blank them out, across lines.
      let visible = '';
      for (let i = 0; i < text.length;) {
        if (inComment) {
          const end = text.indexOf('-->', i);
          if (end === -1) {
            visible += ' '.repeat(text.length - i);
            i = text.length;
          } else {
            visible += ' '.repeat(end + 3 - i);
            i = end + 3;
            inComment = false;
          }
        } else {
          const start = text.indexOf('<!--', i);
          if (start === -1) {
            visible += text.slice(i);
            i = text.length;
          } else {
            visible += text.slice(i, start);
            i = start;
            inComment = true;
          }
        }
      }
      if (visible.indexOf('{{') === -1) continue;
      // The same pattern the templates are written with (skeletons.ts).
      for (const m of visible.matchAll(PLACEHOLDER_PATTERN)) {
        if (reported >= MAX_PLACEHOLDER_FINDINGS) break;
        const start = m.index ?? 0;
        const range: Range = { start: { line, character: start }, end: { line, character: start + m[0].length } };
        const label = m[1].trim();
        const finding: Omit<Finding, 'ruleId' | 'severity'> = {
          message: `Fill in "${label.length > 50 ? `${label.slice(0, 49).trimEnd()}…` : label}": a placeholder is not an answer.`,
          range,
          fixes: [{ title: `Remove the placeholder {{${label.length > 30 ? `${label.slice(0, 27)}…` : label}}}`, isPreferred: false, edits: [{ range, newText: '' }] }],
        };
        ctx.report(finding);
        reported++;
      }
    }
  },
};

export default unfilledPlaceholderRule;
