// Parses mermaid diagram source with mermaid's own parser, in Node, without a DOM. Runs in the
// validation worker (worker.ts), or in-process where no worker bundle exists (unit tests).
//
// Mermaid's parsers run fine in Node except that some diagram databases (class, state,
// gantt, C4, mindmap, timeline, ...) pass labels through DOMPurify, which without a window
// is an inert object lacking `sanitize` and `addHook` (mermaid issue #6531). We only need
// to know whether the text parses; nothing we parse here is ever rendered or shown, so the
// lightest correct shim is to give that inert DOMPurify identity-sanitising methods. It is
// applied only when DOMPurify reports itself unsupported (no DOM), so a real DOM is never
// weakened. No jsdom: that would add megabytes to the bundles for no gain.
import DOMPurify from 'dompurify';
import { locateMermaidError, type MermaidErrorLocation } from './errorLocation';

export interface MermaidValidation {
  ok: boolean;
  /** Mermaid's name for the diagram type, when it parsed. */
  diagramType?: string;
  /** Where and why it failed, when it did not. */
  error?: MermaidErrorLocation;
  /** Why the diagram was not parsed at all: over the size limit, or the parser ran out of time or memory. */
  skipped?: 'too-large' | 'timeout' | 'memory';
}

/**
 * Mermaid refuses text over its `maxTextSize` (50 000 characters by default) when rendering;
 * we validate up to the same limit and say so beyond it rather than spend seconds parsing.
 */
export const MAX_VALIDATED_CHARS = 50_000;

type MermaidApi = typeof import('mermaid').default;

let mermaidLoading: Promise<MermaidApi> | undefined;

function installNodeSanitizerShim(): void {
  const purify = DOMPurify as unknown as Record<string, unknown> & { isSupported?: boolean };
  if (purify.isSupported || typeof purify.sanitize === 'function') return;
  const noop = (): void => undefined;
  purify.sanitize = (dirty: unknown): string => (typeof dirty === 'string' ? dirty : String(dirty ?? ''));
  purify.addHook = noop;
  purify.removeHook = noop;
  purify.removeHooks = noop;
  purify.removeAllHooks = noop;
  purify.setConfig = noop;
  purify.clearConfig = noop;
  purify.isValidAttribute = (): boolean => true;
}

/** Loads mermaid once, lazily: documents without diagrams never pay its start-up cost. */
function loadMermaid(): Promise<MermaidApi> {
  mermaidLoading ??= (async () => {
    installNodeSanitizerShim();
    const { default: mermaid } = await import('mermaid');
    // logLevel 5 = fatal only: the language server talks LSP over stdout, mermaid must stay quiet.
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', logLevel: 5 });
    return mermaid;
  })();
  mermaidLoading.catch(() => (mermaidLoading = undefined));
  return mermaidLoading;
}

export async function parseMermaid(source: string): Promise<MermaidValidation> {
  if (source.length > MAX_VALIDATED_CHARS) return { ok: true, skipped: 'too-large' };
  if (source.trim() === '') {
    return { ok: false, error: { line: 0, message: 'Empty mermaid diagram: no diagram type.', unknownDiagramType: true } };
  }
  let mermaid: MermaidApi;
  try {
    mermaid = await loadMermaid();
  } catch (loadError) {
    // A broken install must not be reported as a broken diagram: the caller logs this instead.
    throw new Error(`mermaid could not be loaded: ${loadError instanceof Error ? loadError.message : String(loadError)}`, { cause: loadError });
  }
  try {
    const parsed = await mermaid.parse(source);
    return { ok: true, diagramType: parsed ? parsed.diagramType : undefined };
  } catch (error) {
    return { ok: false, error: locateMermaidError(error, source) };
  }
}
