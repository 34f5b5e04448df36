// Decides, cheaply and without the server, whether an open document might be a design doc.
// The language server stays authoritative (it answers `isDesignDoc` in coverage); this only
// gates *starting* the server, so users who never open a design doc never pay for a Node process.
import picomatch from 'picomatch';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';

/** The slice of a document this check looks at: kept free of `vscode` so it reads like a plain function. */
export interface DocumentProbe {
  languageId: string;
  scheme: string;
  /** Path relative to the workspace folder holding the document, with forward slashes; undefined outside any folder. */
  relativePath: string | undefined;
  /** The start of the document text: markers live in the front matter or near the top. */
  head: string;
}

export interface DetectionSettings {
  enable: boolean;
  include: string[];
  exclude: string[];
}

/** How much of a document the marker scan reads: front matter and opt-in comments sit at the top. */
export const HEAD_LENGTH = 4096;

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/;
// The same declarations the engine honours: `mlsd: true` (or design-doc/designDoc), or a type naming a design doc.
const FRONT_MATTER_FLAG = /^(?:mlsd|design-doc|designDoc)\s*:\s*(?:true|'true'|"true")\s*$/m;
const FRONT_MATTER_TYPE = /^(?:type|doc-type|kind)\s*:.*(?:design[- ]doc|ml[- ]system[- ]design|mlsd)/im;
// Any mlsd control comment (opt-in marker, enable/disable directives) means the writer targets this tool.
const MLSD_COMMENT = /<!--\s*mlsd-[a-z-]+/i;

export function normaliseDetectionSettings(raw: Partial<Record<keyof DetectionSettings, unknown>>): DetectionSettings {
  const strings = (value: unknown, fallback: string[]): string[] =>
    Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : fallback;
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULT_SETTINGS.enable,
    include: strings(raw.include, DEFAULT_SETTINGS.include),
    exclude: strings(raw.exclude, DEFAULT_SETTINGS.exclude),
  };
}

/** True when the document declares itself a design doc in front matter or with an mlsd comment. */
export function declaresDesignDoc(head: string): boolean {
  const frontMatter = FRONT_MATTER.exec(head);
  const yaml = frontMatter?.[1] ?? '';
  if (FRONT_MATTER_FLAG.test(yaml) || FRONT_MATTER_TYPE.test(yaml)) return true;
  return MLSD_COMMENT.test(head);
}

export function matchesGlobs(relativePath: string, include: string[], exclude: string[]): boolean {
  try {
    const options = { dot: true, nocase: false };
    return picomatch(include, options)(relativePath) && !(exclude.length > 0 && picomatch(exclude, options)(relativePath));
  } catch {
    // A malformed glob in the settings must not break activation; the server reports settings problems.
    return false;
  }
}

export function mightBeDesignDoc(probe: DocumentProbe, settings: DetectionSettings): boolean {
  if (!settings.enable || probe.languageId !== 'markdown') return false;
  if (probe.scheme !== 'file' && probe.scheme !== 'untitled') return false;
  if (probe.relativePath !== undefined && matchesGlobs(probe.relativePath, settings.include, settings.exclude)) return true;
  return declaresDesignDoc(probe.head);
}
