// Validates mermaid diagram source with mermaid's own parser, in Node, without a DOM.
//
// Mermaid's parsers run fine in Node except that some diagram databases (class, state,
// gantt, C4, mindmap, timeline, ...) pass labels through DOMPurify, which without a window
// is an inert object lacking `sanitize` and `addHook` (mermaid issue #6531). We only need
// to know whether the text parses; nothing we parse here is ever rendered or shown, so the
// lightest correct shim is to give that inert DOMPurify identity-sanitising methods. It is
// applied only when DOMPurify reports itself unsupported (no DOM), so a real DOM is never
// weakened. No jsdom: that would add megabytes to the server bundle for no gain.
import DOMPurify from 'dompurify';
import { locateMermaidError, type MermaidErrorLocation } from './errorLocation';

export interface MermaidValidation {
  ok: boolean;
  /** Mermaid's name for the diagram type, when it parsed. */
  diagramType?: string;
  /** Where and why it failed, when it did not. */
  error?: MermaidErrorLocation;
  /** True when the diagram was not parsed because it exceeds the size limit. */
  skipped?: boolean;
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
export function loadMermaid(): Promise<MermaidApi> {
  mermaidLoading ??= (async () => {
    installNodeSanitizerShim();
    const { default: mermaid } = await import('mermaid');
    // logLevel 5 = fatal only: the language server talks LSP over stdout, mermaid must stay quiet.
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', logLevel: 5 });
    return mermaid;
  })();
  return mermaidLoading;
}

/** Bounded memo of results by exact source: edits re-lint constantly and most diagrams did not change. */
const CACHE_LIMIT = 1000;
const cache = new Map<string, MermaidValidation>();

export async function validateMermaid(source: string): Promise<MermaidValidation> {
  const cached = cache.get(source);
  if (cached) {
    // Refresh recency so the eviction below drops the least recently used entry.
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }
  const result = await validateUncached(source);
  cache.set(source, result);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return result;
}

async function validateUncached(source: string): Promise<MermaidValidation> {
  if (source.length > MAX_VALIDATED_CHARS) return { ok: true, skipped: true };
  if (source.trim() === '') {
    return { ok: false, error: { line: 0, message: 'Empty mermaid diagram: no diagram type.', unknownDiagramType: true } };
  }
  let mermaid: MermaidApi;
  try {
    mermaid = await loadMermaid();
  } catch (loadError) {
    // A broken install must not fail every lint: report nothing rather than a false error.
    mermaidLoading = undefined;
    throw new Error(`mermaid could not be loaded: ${loadError instanceof Error ? loadError.message : String(loadError)}`);
  }
  try {
    const parsed = await mermaid.parse(source);
    return { ok: true, diagramType: parsed ? parsed.diagramType : undefined };
  } catch (error) {
    return { ok: false, error: locateMermaidError(error, source) };
  }
}

/** For tests and benchmarks. */
export function clearMermaidValidationCache(): void {
  cache.clear();
}
