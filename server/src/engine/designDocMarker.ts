// Whether a Markdown file declares itself a design doc: front matter `mlsd: true` (or
// `type: design doc`) or the marker comment `<!-- mlsd-design-doc -->`. Dependency-free and
// parse-free on purpose: the server and the client ask it for every Markdown file opened, before
// deciding whether to lint it at all.
import { splitFrontMatter } from './markdownLines';

// Only the head of the file is scanned: a marker deep in a 5 MB file would make every
// keystroke in an ordinary Markdown file pay for a full scan.
const SCAN_CHARS = 16_384;
const MARKER_COMMENT = /<!--\s*mlsd-design-doc\b[^>]*-->/;
const FLAG = /^(['"]?)(?:mlsd|design-doc|designDoc)\1[ \t]*:[ \t]*(['"]?)true\2[ \t]*(?:#.*)?$/im;
const TYPE = /^(['"]?)(?:type|doc-type|kind)\1[ \t]*:[ \t]*[^\r\n]*(?:design[- ]doc|ml[- ]system[- ]design|mlsd)/im;

function head(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1, SCAN_CHARS + 1) : text.slice(0, SCAN_CHARS);
}

/** Front matter at the very top that says `mlsd: true` (or `type: design doc`). */
export function frontMatterDeclaresDesignDoc(text: string): boolean {
  const { frontMatter } = splitFrontMatter(head(text));
  return frontMatter !== undefined && (FLAG.test(frontMatter) || TYPE.test(frontMatter));
}

export function hasDesignDocMarker(text: string): boolean {
  return MARKER_COMMENT.test(head(text));
}

export function declaresDesignDoc(text: string): boolean {
  return frontMatterDeclaresDesignDoc(text) || hasDesignDocMarker(text);
}
