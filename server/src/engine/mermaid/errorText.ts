// Turns mermaid's parser messages ("Expecting 'SQE', 'DOUBLECIRCLEEND', 'PE', ... got '1'") into a
// plain sentence a writer can act on. One translator for the preview page and the mermaid-syntax
// rule, so the editor's finding and the preview say the same thing. Pure and DOM-free.
//
// The common mistakes are recognised from mermaid's message together with the offending line:
// an unclosed bracket or quote, an arrow the diagram type does not know, an unknown diagram type,
// a block (`subgraph`, `loop`, `alt`, `state X {`) without its `end` or `}`, and an arrow with
// nothing after it. Anything else keeps mermaid's own (condensed) message. Mermaid's text is
// always returned as `details`, so nothing it said is lost. errorText.cases.ts holds the case
// table of real mermaid messages the unit tests check this against.
import { preprocessedLineMap, type MermaidErrorLocation } from './errorLocation';

export type MermaidErrorKind = 'unclosed-quote' | 'unclosed-bracket' | 'unknown-arrow' | 'unknown-diagram-type' | 'missing-end' | 'dangling-arrow' | 'stray-end' | 'other';

export interface MermaidErrorExplanation {
  kind: MermaidErrorKind;
  /** One plain sentence (or two), without the line prefix: callers put "Line N:" in front. */
  summary: string;
  /** Mermaid's own message, condensed to one line (what `summary` was made from). */
  details: string;
}

export interface ExplainOptions {
  /**
   * Added to a zero-based diagram line to give the line number a sentence names (for "the subgraph
   * on line 12"). The rule and the preview pass the document line of the diagram's first code
   * line, so the numbers match the editor's; default 1 (one-based diagram lines).
   */
  lineBase?: number;
}

/** Diagram types mermaid 11 knows, for "did you mean" on an unknown type. */
export const MERMAID_DIAGRAM_TYPES = [
  'flowchart',
  'graph',
  'sequenceDiagram',
  'classDiagram',
  'stateDiagram',
  'stateDiagram-v2',
  'erDiagram',
  'journey',
  'gantt',
  'pie',
  'quadrantChart',
  'requirementDiagram',
  'gitGraph',
  'C4Context',
  'C4Container',
  'C4Component',
  'C4Dynamic',
  'C4Deployment',
  'mindmap',
  'timeline',
  'sankey-beta',
  'xychart-beta',
  'block-beta',
  'packet-beta',
  'kanban',
  'architecture-beta',
  'radar-beta',
  'treemap-beta',
] as const;

/** The arrows a writer most often means, per diagram family, for the suggestion in the sentence. */
const ARROWS: Record<string, { valid: RegExp; suggestion: string; noun: string }> = {
  flowchart: {
    // --> --- -.-> -.- ==> === ~~~ <--> x--x o--o --x --o, any number of - = . beyond the minimum.
    valid: /^(?:<|x|o)?(?:-{2,}|={2,}|-\.+-|~{3,})(?:>|x|o)?$|^(?:<|x|o)?(?:-{2,}|={2,}|-\.+)$/,
    suggestion: "'-->' (or '---', '-.->', '==>')",
    noun: 'flowchart link',
  },
  sequence: {
    valid: /^(?:<<)?--?(?:>>|>|x|\)|)$/,
    suggestion: "'->>' for a message or '-->>' for a reply (or '->', '-x', '-)')",
    noun: 'sequence diagram message arrow',
  },
  class: {
    valid: /^(?:<\||\*|o|<)?(?:--|\.\.)(?:\|>|\*|o|>)?$/,
    suggestion: "'-->' (association), '<|--' (inheritance), '*--' (composition) or '..>' (dependency)",
    noun: 'class diagram relation',
  },
  state: {
    valid: /^-->$/,
    suggestion: "'-->'",
    noun: 'state transition',
  },
  er: {
    valid: /^(?:\|o|\|\||\}o|\}\||o\||o\{|\|\{)(?:--|\.\.)(?:o\||\|\||o\{|\|\{|\|o|\}o|\}\|)$/,
    suggestion: "cardinality markers such as '||--o{' (one to many) or '}o..o{'",
    noun: 'entity relationship',
  },
};

/** Which family of ARROWS a diagram's first word belongs to. */
function arrowFamily(diagramType: string): keyof typeof ARROWS | undefined {
  if (/^(?:flowchart|graph)/i.test(diagramType)) return 'flowchart';
  if (/^sequenceDiagram/i.test(diagramType)) return 'sequence';
  if (/^classDiagram/i.test(diagramType)) return 'class';
  if (/^stateDiagram/i.test(diagramType)) return 'state';
  if (/^erDiagram/i.test(diagramType)) return 'er';
  return undefined;
}

/** The token names jison lists after "Expecting", and what it got. */
function expectation(details: string): { expected: Set<string>; got: string | undefined } {
  const expecting = /Expecting (.*?)(?:, got '([^']*)'|$)/.exec(details);
  if (!expecting) return { expected: new Set(), got: undefined };
  const expected = new Set([...expecting[1]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!));
  return { expected, got: expecting[2] };
}

/** Token names mermaid's flowchart, state and class parsers expect when a shape's closing bracket is missing. */
const CLOSERS = ['SQE', 'PE', 'DIAMOND_STOP', 'STADIUMEND', 'SUBROUTINEEND', 'CYLINDEREND', 'DOUBLECIRCLEEND', 'TAGEND', 'TRAPEND', 'INVTRAPEND'];
const PAIRS: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/** Blanks out quoted text (keeping length) so brackets and arrows inside labels are not read as syntax. */
function withoutQuoted(line: string): string {
  return line.replace(/"[^"]*"/g, (m) => ' '.repeat(m.length));
}

/** The column of a `"` left open on the line, if any. */
function unclosedQuote(line: string): number | undefined {
  const quotes = [...line.matchAll(/"/g)].map((m) => m.index!);
  return quotes.length % 2 === 1 ? quotes[quotes.length - 1] : undefined;
}

/** The first bracket opened on the line and never closed (quoted text skipped), with the node it belongs to. */
function unclosedBracket(line: string): { bracket: string; column: number; node: string } | undefined {
  const text = withoutQuoted(line);
  const stack: { bracket: string; column: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch in PAIRS) stack.push({ bracket: ch, column: i });
    else if (ch === ']' || ch === ')' || ch === '}') {
      // A closer that matches nothing open (a sequence arrow's ')', ER's '}|') is not our business.
      const at = stack.map((s) => PAIRS[s.bracket]).lastIndexOf(ch);
      if (at >= 0) stack.length = at;
    }
  }
  const first = stack[0];
  if (!first) return undefined;
  const node = /([\w.-]+)\s*$/.exec(text.slice(0, first.column))?.[1] ?? '';
  return { ...first, node };
}

/** Arrow-like runs on a line, outside labels and quotes: `->`, `==>`, `-.->`, `||--o{`, `<|--`. */
function arrowsOn(line: string, family: keyof typeof ARROWS): string[] {
  let text = withoutQuoted(line);
  // Labels: flowchart shapes and edge texts, class members; keep only the syntax around them.
  if (family === 'flowchart') text = text.replace(/\|[^|]*\||\[[^\]]*\]|\([^)]*\)|\{[^}]*\}/g, ' ');
  // Message text after the colon (sequence, class, state, ER labels).
  if (family !== 'flowchart') text = text.replace(/:.*$/, '');
  const runs = family === 'er' ? text.match(/[|}{o<>]{0,2}[-.=~]{2,}[|}{o<>]{0,2}/g) : text.match(/[<x*o|]{0,2}[-=.~]+[>)x|*o]{0,2}|[<x*o|]{0,2}=+>+/g);
  return (runs ?? []).map((run) => run.trim()).filter((run) => /[-=~.]/.test(run) && run.length >= 2 && !/^\.+$/.test(run));
}

function quote(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 39)}…` : text}'`;
}

/** Levenshtein distance, small inputs only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The known diagram type closest to `word`, when it is plausibly a typo of it. */
export function suggestDiagramType(word: string): string | undefined {
  const lower = word.toLowerCase();
  let best: { type: string; score: number } | undefined;
  for (const type of MERMAID_DIAGRAM_TYPES) {
    const candidate = type.toLowerCase();
    // "sequence" for "sequenceDiagram", "state" for "stateDiagram", "class" for "classDiagram".
    const score = candidate.startsWith(lower) && lower.length >= 3 ? 0.5 : distance(lower, candidate);
    if (!best || score < best.score) best = { type, score };
  }
  return best && best.score <= Math.max(2, Math.floor(lower.length / 4)) ? best.type : undefined;
}

/** Block openers that need an `end`, per diagram family. */
const END_BLOCKS = /^\s*(subgraph|loop|alt|opt|par|par_over|critical|break|rect|box)\b/;

/** The line of the innermost block left open before `uptoLine`, for a missing `end` or `}`. */
function openBlock(lines: string[], uptoLine: number, kind: 'end' | 'brace'): { line: number; text: string } | undefined {
  const open: { line: number; text: string }[] = [];
  for (let i = 0; i <= Math.min(uptoLine, lines.length - 1); i++) {
    const line = lines[i]!;
    if (/^\s*%%/.test(line)) continue;
    if (kind === 'end') {
      const opener = END_BLOCKS.exec(line);
      if (opener) open.push({ line: i, text: line.trim() });
      else if (/^\s*end\s*;?\s*$/.test(line)) open.pop();
    } else {
      const text = withoutQuoted(line);
      for (const ch of text) {
        if (ch === '{') open.push({ line: i, text: line.trim() });
        else if (ch === '}') open.pop();
      }
    }
  }
  return open[open.length - 1];
}

/**
 * A plain sentence for a located mermaid error. `source` is the diagram's text as written (front
 * matter and directives included), `error` what locateMermaidError made of mermaid's exception.
 */
export function explainMermaidError(error: MermaidErrorLocation, source: string, options: ExplainOptions = {}): MermaidErrorExplanation {
  const lineBase = options.lineBase ?? 1;
  const details = error.message;
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const lineText = lines[error.line] ?? '';
  const diagramType = preprocessedLineMap(source).text.trim().split(/\s+/)[0] ?? '';
  const family = arrowFamily(diagramType);
  const { expected, got } = expectation(details);
  const atEnd = got === '1' || got === 'EOF' || got === 'EOF_IN_STRUCT';
  const result = (kind: MermaidErrorKind, summary: string): MermaidErrorExplanation => ({ kind, summary, details });

  if (error.unknownDiagramType) {
    const word = /'([^']*)'/.exec(details)?.[1] ?? lineText.trim().split(/\s+/)[0] ?? '';
    if (!word || word.startsWith('%%')) return result('unknown-diagram-type', 'The diagram is empty: start it with a diagram type such as flowchart LR or sequenceDiagram.');
    const suggestion = suggestDiagramType(word);
    return result(
      'unknown-diagram-type',
      suggestion
        ? `${quote(word)} is not a mermaid diagram type: did you mean ${quote(suggestion)}?`
        : `${quote(word)} is not a mermaid diagram type: start the diagram with one such as flowchart LR, sequenceDiagram or classDiagram.`,
    );
  }

  // An unclosed quote: jison is left expecting a shape's closing bracket, a langium lexer trips on the quote.
  const expectsCloser = CLOSERS.some((closer) => expected.has(closer));
  const quoteColumn = unclosedQuote(lineText);
  if (quoteColumn !== undefined && (expectsCloser || /unexpected character: ->"<-|Lexical error|Unrecognized text/i.test(details) || atEnd)) {
    return result('unclosed-quote', `The quote opened at column ${quoteColumn + 1} is never closed: end the text with a '"'.`);
  }
  if (expectsCloser || (family === 'class' && expected.has('STRUCT_STOP') && got !== 'EOF_IN_STRUCT')) {
    const bracket = unclosedBracket(lineText);
    if (bracket) {
      const owner = bracket.node ? ` after ${quote(bracket.node)}` : '';
      return result('unclosed-bracket', `The ${quote(bracket.bracket)}${owner} is never closed: end its label with ${quote(PAIRS[bracket.bracket]!)}.`);
    }
  }

  // A block without its end: mermaid reaches the end of the diagram still expecting `end` or `}`.
  if (atEnd && expected.has('end')) {
    const opener = openBlock(lines, error.line, 'end');
    const keyword = opener ? (END_BLOCKS.exec(lines[opener.line]!)?.[1] ?? 'block') : 'block';
    return result(
      'missing-end',
      opener
        ? `The ${quote(keyword)} on line ${opener.line + lineBase} has no matching 'end': add a line with 'end' after its last line.`
        : "A block ('subgraph', 'loop', 'alt', ...) has no matching 'end': add a line with 'end' after its last line.",
    );
  }
  if (atEnd && expected.has('STRUCT_STOP')) {
    const opener = openBlock(lines, error.line, 'brace');
    return result(
      'missing-end',
      opener
        ? `The '{' opened on line ${opener.line + lineBase} (${quote(opener.text)}) is never closed: add a line with '}' after its last line.`
        : "A '{' is never closed: add a line with '}' after the block's last line.",
    );
  }
  if (got === 'end' && !openBlock(lines, error.line - 1, 'end')) {
    return result('stray-end', "This 'end' closes nothing: there is no open 'subgraph' (or 'loop', 'alt', ...) before it.");
  }

  if (family) {
    const spec = ARROWS[family]!;
    const arrows = arrowsOn(lineText, family);
    const trimmed = withoutQuoted(lineText).trimEnd();
    // An arrow with nothing after it: mermaid hits the end of the line looking for its target.
    const last = arrows[arrows.length - 1];
    if (last && (got === 'NEWLINE' || got === 'EOF' || got === '1' || got === 'NL') && trimmed.endsWith(last)) {
      return result(
        'dangling-arrow',
        `The arrow ${quote(last)} points to nothing: add the ${{ sequence: 'participant and message', er: 'entity', state: 'state' }[family as string] ?? 'node'} it leads to after it.`,
      );
    }
    const unknown = arrows.find((arrow) => !spec.valid.test(arrow));
    const arrowError =
      /Lexical error|Unrecognized text/i.test(details) ||
      ['LINK', 'START_LINK', 'SOLID_ARROW', 'DOTTED_ARROW', 'LINE', 'DOTTED_LINE', 'ZERO_OR_MORE', 'ONE_OR_MORE', 'ONLY_ONE', 'ZERO_OR_ONE', 'NON_IDENTIFYING', 'IDENTIFYING'].some((token) =>
        expected.has(token),
      ) ||
      (family === 'state' && got === '-->');
    if (unknown && arrowError) {
      return result('unknown-arrow', `${quote(unknown)} is not ${/^[aeiou]/.test(spec.noun) ? 'an' : 'a'} ${spec.noun}: use ${spec.suggestion}.`);
    }
    if (family === 'state' && got === '-->') {
      return result('unknown-arrow', "Two arrows in a row: a state transition is 'A --> B', one arrow between two states.");
    }
  }

  return result('other', details);
}
