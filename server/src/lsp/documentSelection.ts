// Which Markdown files are design docs. Checking every README in a workspace would bury
// users in noise, so a file is checked only when it matches the include globs (and not the
// exclude globs), declares itself in front matter (`mlsd: true`, `type: design-doc`), carries the opt-in marker
// comment `<!-- mlsd-design-doc -->`, or the user forced the check on from the client.
import picomatch from 'picomatch';
import type { MlsdSettings } from '../protocol';
import { uriToPath } from './uris';

export type SelectionReason = 'include-glob' | 'front-matter' | 'marker-comment' | 'forced' | 'disabled' | 'excluded' | 'not-selected';

export interface Selection {
  isDesignDoc: boolean;
  reason: SelectionReason;
}

export interface SelectionInput {
  uri: string;
  text: string;
  settings: MlsdSettings;
  /** Workspace folder URIs; globs are matched against the path relative to the folder holding the file. */
  workspaceFolders: readonly string[];
  /** The user asked from the client for this document to be checked though no rule selects it. */
  forced?: boolean;
}

const MARKER_COMMENT = /<!--\s*mlsd-design-doc\s*-->/;
// Only the head of the file is scanned for the marker: a marker deep in a 5 MB file would
// make every keystroke in a non-design doc pay for a full scan.
const MARKER_SCAN_CHARS = 16_384;

/** Front matter at the very top that says `mlsd: true` (or `type: design doc`). */
export function frontMatterDeclaresDesignDoc(text: string): boolean {
  const head = text.startsWith('\uFEFF') ? text.slice(1, MARKER_SCAN_CHARS) : text.slice(0, MARKER_SCAN_CHARS);
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(head);
  if (!match) return false;
  // The same keys the engine's model accepts (model.ts), read without a YAML parse.
  const flag = /^(?:mlsd|design-doc|designDoc)[ \t]*:[ \t]*(['"]?)true\1[ \t]*(?:#.*)?$/m;
  const type = /^(?:type|doc-type|kind)[ \t]*:[ \t]*['"]?[^\n]*(?:design[- ]doc|ml[- ]system[- ]design|mlsd)/im;
  return flag.test(match[1]) || type.test(match[1]);
}

export function hasMarkerComment(text: string): boolean {
  return MARKER_COMMENT.test(text.slice(0, MARKER_SCAN_CHARS));
}

const matcherCache = new Map<string, (path: string) => boolean>();
function matcher(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\u0000');
  let match = matcherCache.get(key);
  if (!match) {
    // A bad glob must not take the server down: picomatch throws on some malformed patterns.
    const valid = globs.filter((glob) => {
      try {
        picomatch(glob);
        return true;
      } catch {
        return false;
      }
    });
    match = valid.length === 0 ? () => false : picomatch(valid, { dot: true, nocase: process.platform === 'win32' });
    if (matcherCache.size > 64) matcherCache.clear();
    matcherCache.set(key, match);
  }
  return match;
}

/**
 * The path the globs are matched against: relative to the innermost workspace folder that
 * holds the file, or the full path (without its leading slash) when no folder holds it, so
 * `**`-prefixed globs still match files opened outside any folder.
 */
export function pathForGlobs(uri: string, workspaceFolders: readonly string[]): string {
  const path = (uriToPath(uri) ?? safeDecode(uri.replace(/^[a-z][\w+.-]*:\/*/i, ''))).replace(/\\/g, '/');
  let best: string | undefined;
  for (const folderUri of workspaceFolders) {
    const folder = uriToPath(folderUri)?.replace(/\\/g, '/').replace(/\/+$/, '');
    if (folder && path.startsWith(folder + '/') && (!best || folder.length > best.length)) best = folder;
  }
  return best ? path.slice(best.length + 1) : path.replace(/^\/+/, '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function selectDocument(input: SelectionInput): Selection {
  const { settings } = input;
  if (!settings.enable) return { isDesignDoc: false, reason: 'disabled' };
  if (input.forced === true) return { isDesignDoc: true, reason: 'forced' };
  // An explicit declaration inside the file wins over the globs: the writer asked for it.
  if (frontMatterDeclaresDesignDoc(input.text)) return { isDesignDoc: true, reason: 'front-matter' };
  if (hasMarkerComment(input.text)) return { isDesignDoc: true, reason: 'marker-comment' };
  const path = pathForGlobs(input.uri, input.workspaceFolders);
  if (matcher(settings.exclude)(path)) return { isDesignDoc: false, reason: 'excluded' };
  if (matcher(settings.include)(path)) return { isDesignDoc: true, reason: 'include-glob' };
  return { isDesignDoc: false, reason: 'not-selected' };
}
