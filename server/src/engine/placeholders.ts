// Placeholders (`{{label}}`) and the three forms a template's text takes: as written ('text'),
// snippet syntax with tab stops ('snippet') and bare labels ('plain'). Placeholders are not
// recognised inside fenced code blocks, because mermaid uses `{{…}}` for hexagon nodes.
import { walkFences } from './markdownLines';

/**
 * `text`: placeholders stay as `{{label}}` (what a created document or a quick fix inserts: the
 * writer still has to replace them, and the unfilled-placeholder rule says so).
 * `snippet`: placeholders become numbered tab stops in LSP / VS Code snippet syntax, with `$`, `}`
 * and `\` escaped (what a snippet completion inserts).
 * `plain`: placeholders become their bare label (for previews and tools that want no braces).
 */
export type SkeletonFormat = 'text' | 'snippet' | 'plain';

/** A writer-replaceable value: `{{p99 target}}`. No braces or line breaks inside the label. */
export const PLACEHOLDER_PATTERN = /\{\{([^{}\n]+)\}\}/g;

/** Placeholders outside fenced code, in order (what becomes tab stops). */
export function listPlaceholders(text: string): string[] {
  const labels: string[] = [];
  for (const { line, inFence } of walkFences(text.split('\n'))) {
    if (inFence) continue;
    for (const match of line.matchAll(PLACEHOLDER_PATTERN)) labels.push(match[1] ?? '');
  }
  return labels;
}

export function render(text: string, format: SkeletonFormat): string {
  if (format === 'snippet') return toSnippet(text);
  return format === 'plain' ? toPlainText(text) : text;
}

/** `{{label}}` -> `label` outside fenced code. */
export function toPlainText(text: string): string {
  return mapOutsideFences(text, (line) => line.replace(PLACEHOLDER_PATTERN, (_whole, label: string) => label));
}

/**
 * Snippet syntax: every placeholder outside fenced code becomes `${n:label}`, numbered from
 * `firstTabStop` in document order (each occurrence gets its own stop: a repeated label such as
 * "target" in a table means different values). Everything else is escaped so that `$`, `}` and `\`
 * are inserted literally.
 */
export function toSnippet(text: string, firstTabStop = 1): string {
  let next = firstTabStop;
  return mapOutsideFences(
    text,
    (line) => {
      let out = '';
      let last = 0;
      for (const match of line.matchAll(PLACEHOLDER_PATTERN)) {
        const at = match.index ?? 0;
        out += escapeSnippetText(line.slice(last, at));
        out += `\${${next++}:${escapeSnippetText(match[1] ?? '')}}`;
        last = at + match[0].length;
      }
      return out + escapeSnippetText(line.slice(last));
    },
    escapeSnippetText,
  );
}

/** Escapes text so a snippet engine inserts it literally (VS Code and LSP snippet grammar). */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

function mapOutsideFences(text: string, outside: (line: string) => string, inside: (line: string) => string = (line) => line): string {
  const lines = text.split('\n');
  return Array.from(walkFences(lines), ({ line, inFence }) => (inFence ? inside(line) : outside(line))).join('\n');
}
