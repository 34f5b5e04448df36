// The one Markdown-lines helper: line starts and line text (with the line endings remark and LSP
// use), fenced code by CommonMark's rules, and front matter. Dependency-free and parse-free, so the
// template registry, the fixes, the design-doc detection, the rules and the language server's code
// actions all walk lines the same way instead of each keeping its own fence or front-matter loop.

/**
 * Offsets where lines start. `\r\n`, `\n` and a lone `\r` each end a line, as in remark (which gives
 * the parsed positions) and LSP (which gives the editor's); a file with old Mac line endings is no
 * longer one long line 0.
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    return starts;
  }
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function lineText(text: string, lineStarts: number[], line: number): string {
  const start = lineStarts[line];
  if (start === undefined) return '';
  const next = lineStarts[line + 1];
  if (next === undefined) return text.slice(start);
  // The line's text without its ending: \n, \r\n or a lone \r.
  let end = next;
  if (text.charCodeAt(end - 1) === 10) end--;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(start, end);
}

// ---------------------------------------------------------------------------------------------
// Fenced code

/** A fence line: up to three spaces of indent, ``` or ~~~ of length >= 3, then the info string. */
export const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** An open fence: its character and length (a closer must use the same character, at least as long). */
export interface Fence {
  char: string;
  length: number;
}

/** The fence a line opens, if it opens one (a backtick fence's info string may not hold a backtick). */
export function fenceOpenedBy(line: string): Fence | undefined {
  const marker = FENCE_LINE.exec(line);
  if (!marker || (marker[1]![0] === '`' && marker[2]!.includes('`'))) return undefined;
  return { char: marker[1]![0]!, length: marker[1]!.length };
}

/** Whether a line closes `fence`: the same character, at least as long, nothing but spaces after it. */
export function closesFence(line: string, fence: Fence): boolean {
  const marker = FENCE_LINE.exec(line);
  return marker !== null && marker[1]![0] === fence.char && marker[1]!.length >= fence.length && marker[2]!.trim() === '';
}

/**
 * Yields each line with whether it belongs to a fenced code block (fence lines included).
 * CommonMark rules: up to three spaces of indent, ``` or ~~~ of length >= 3, closed by the same
 * character at least as long, with nothing but spaces after it.
 */
export function* walkFences(lines: Iterable<string>): Generator<{ line: string; inFence: boolean }> {
  let fence: Fence | undefined;
  for (const line of lines) {
    if (fence) {
      yield { line, inFence: true };
      if (closesFence(line, fence)) fence = undefined;
    } else {
      fence = fenceOpenedBy(line);
      yield { line, inFence: fence !== undefined };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Front matter

/** Front matter at the very top of a text: `---` … `---` (or `...`); lines end in \r\n, \n or a lone \r, as remark reads them. */
const FRONT_MATTER = /^---[ \t]*(?:\r\n|\r|\n)([\s\S]*?)(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/;

/** The front matter's inner text (without its `---` lines) and everything after it. */
export function splitFrontMatter(source: string): { frontMatter?: string; content: string } {
  const match = FRONT_MATTER.exec(source);
  if (!match) return { content: source };
  return { frontMatter: match[1] ?? '', content: source.slice(match[0].length) };
}

/** The line that opens front matter (the first line of a file; a byte-order mark may precede it). */
export const FRONT_MATTER_OPEN_LINE = /^\uFEFF?---[ \t]*$/;
/** A line that closes front matter. */
export const FRONT_MATTER_CLOSE_LINE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * The line that closes the front matter opened on line 0, looked for before line `maxLines`, or
 * undefined when line 0 opens none or it is not closed there. `lineAt` gives a line's text without
 * its ending.
 */
export function frontMatterClosingLine(lineAt: (line: number) => string, lineCount: number, maxLines = Infinity): number | undefined {
  if (lineCount === 0 || !FRONT_MATTER_OPEN_LINE.test(lineAt(0))) return undefined;
  const last = Math.min(lineCount, maxLines);
  for (let line = 1; line < last; line++) if (FRONT_MATTER_CLOSE_LINE.test(lineAt(line))) return line;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Text

/** The lines without blank lines at either end. */
export function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

/** \r\n and lone \r become \n. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
