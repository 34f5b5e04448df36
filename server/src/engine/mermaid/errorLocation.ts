// Maps a mermaid parse error back to a line of the diagram source as the writer typed it.
// Pure and DOM-free: the engine's rule and the preview webview both use it.
//
// Mermaid does not parse the text it is given: it first strips front matter, `%%{...}%%`
// directives, `%%` comment lines and leading whitespace, and its parsers report lines of
// that stripped text. We replay the same removals while remembering, for every kept
// character, the source line it came from, so a reported line maps back exactly.

/** Mermaid's own patterns (mermaid 11, src/diagram-api/regexes.ts, comments.ts). */
const FRONT_MATTER = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s;
const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;
const COMMENT_LINE = /^\s*%%(?!{)[^\n]+\n?/gm;

export interface MermaidErrorLocation {
  /** Zero-based line within the diagram source. */
  line: number;
  /** Zero-based column within that line, when the parser said. */
  column?: number;
  /** One line, without mermaid's ASCII pointer art. */
  message: string;
  /** True when mermaid did not recognise the diagram type at all. */
  unknownDiagramType: boolean;
}

interface TrackedText {
  text: string;
  /** Source line of each character of `text`. */
  sourceLine: Int32Array;
}

function track(source: string): TrackedText {
  const sourceLine = new Int32Array(source.length);
  let line = 0;
  for (let i = 0; i < source.length; i++) {
    sourceLine[i] = line;
    if (source.charCodeAt(i) === 10) line++;
  }
  return { text: source, sourceLine };
}

/** Removes every match of `pattern`, keeping the line of origin of the surviving characters. */
function removeMatches(input: TrackedText, pattern: RegExp): TrackedText {
  const keptText: string[] = [];
  const keptLines: number[] = [];
  let cursor = 0;
  const global = pattern.global ? pattern : new RegExp(pattern.source, pattern.flags + 'g');
  global.lastIndex = 0;
  for (let match = global.exec(input.text); match; match = global.exec(input.text)) {
    keep(cursor, match.index);
    cursor = match.index + match[0].length;
    if (match[0].length === 0) global.lastIndex++;
    if (!pattern.global) break;
  }
  keep(cursor, input.text.length);
  const sourceLine = Int32Array.from(keptLines);
  return { text: keptText.join(''), sourceLine };

  function keep(from: number, to: number): void {
    if (to <= from) return;
    keptText.push(input.text.slice(from, to));
    for (let i = from; i < to; i++) keptLines.push(input.sourceLine[i]!);
  }
}

/** For each line of the text mermaid's parser sees, the source line it came from. */
export function preprocessedLineMap(source: string): { text: string; lineToSource: number[] } {
  let tracked = track(source.replace(/\r\n?/g, '\n'));
  tracked = removeMatches(tracked, FRONT_MATTER);
  tracked = removeMatches(tracked, DIRECTIVE);
  tracked = removeMatches(tracked, COMMENT_LINE);
  tracked = removeMatches(tracked, /^\s+/);
  const lineToSource: number[] = [tracked.sourceLine[0] ?? 0];
  for (let i = 0; i < tracked.text.length; i++) {
    if (tracked.text.charCodeAt(i) === 10) lineToSource.push(i + 1 < tracked.text.length ? tracked.sourceLine[i + 1]! : tracked.sourceLine[i]! + 1);
  }
  return { text: tracked.text, lineToSource };
}

interface JisonHash {
  loc?: { first_line?: number; first_column?: number };
  line?: number;
}

/** Turns whatever mermaid threw into a located, one-line message. */
export function locateMermaidError(error: unknown, source: string): MermaidErrorLocation {
  const sourceLineCount = source.split(/\r\n?|\n/).length;
  const raw = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  const unknownDiagramType = name === 'UnknownDiagramError' || /No diagram type detected/i.test(raw);
  const { lineToSource } = preprocessedLineMap(source);
  const fromParsed = (oneBased: number): number => {
    const index = Math.max(0, oneBased - 1);
    const mapped = index < lineToSource.length ? lineToSource[index]! : (lineToSource[lineToSource.length - 1] ?? 0) + (index - lineToSource.length + 1);
    return Math.min(Math.max(0, mapped), sourceLineCount - 1);
  };

  if (unknownDiagramType) {
    const firstLine = fromParsed(1);
    const typeWord = (source.split(/\r\n?|\n/)[firstLine] ?? '').trim().split(/\s+/)[0] ?? '';
    return {
      line: firstLine,
      message: typeWord ? `Unknown mermaid diagram type '${truncate(typeWord, 40)}'.` : 'Empty mermaid diagram: no diagram type.',
      unknownDiagramType: true,
    };
  }

  // Jison parsers (flowchart, sequence, class, ...) attach a hash whose loc is the offending token.
  const hash = (error as { hash?: JisonHash } | null)?.hash;
  let parsedLine = hash?.loc?.first_line;
  let column = hash?.loc?.first_column;
  if (parsedLine === undefined) {
    // Langium parsers (pie, architecture, gitGraph, ...) only say it in the message.
    const position = /line (\d+)(?:, column (\d+))?/i.exec(raw);
    if (position) {
      parsedLine = Number(position[1]);
      column = position[2] === undefined ? undefined : Math.max(0, Number(position[2]) - 1);
    }
  }
  const line = parsedLine === undefined ? fromParsed(1) : fromParsed(parsedLine);
  return { line, column, message: cleanMessage(raw), unknownDiagramType: false };
}

/**
 * Keeps the kind of error and what was expected/found; drops jison's echo of the input, its
 * `---^` pointer and the "on line N" of the preprocessed text (the caller reports the mapped line).
 */
function cleanMessage(raw: string): string {
  const lines = raw
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const pointer = lines.findIndex((l) => /^-*\^$/.test(l));
  const meaningful = pointer >= 1 ? [lines[0]!, ...lines.slice(pointer + 1)] : lines;
  const text = meaningful
    .join(' ')
    .replace(/^Parsing failed:\s*/i, '')
    .replace(/\s+on line \d+(?:, column \d+)?\s*([:.])?/gi, (_m, punctuation: string | undefined) => (punctuation ? `${punctuation} ` : ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(text || 'Mermaid could not parse this diagram.', 400);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
