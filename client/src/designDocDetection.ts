// Decides, without the server, whether an open document is a design doc, so the language server
// starts only when one is opened: users who never open a design doc never pay for a Node process.
// The decision is the server's own (selectDocument and sanitizeSettings, both free of the engine
// and of vscode), so the client cannot drift from what the server will check.
import { selectDocument } from '../../server/src/lsp/documentSelection';
import { sanitizeSettings } from '../../server/src/lsp/settings';

/** The URI schemes the language client syncs to the server (its documentSelector); the server never sees other documents. */
export const SERVED_SCHEMES: readonly string[] = ['file', 'untitled'];

/** Cheap first gate, before anything reads the document text or the settings. */
export function isServedMarkdown(languageId: string, scheme: string): boolean {
  return languageId === 'markdown' && SERVED_SCHEMES.includes(scheme);
}

/** What the server would be told about a document: kept free of `vscode` so it reads like a plain function. */
export interface DocumentProbe {
  /** The document URI as the client sends it (`Uri.toString()`). */
  uri: string;
  text: string;
  /** Workspace folder URIs, as the client announces them to the server. */
  workspaceFolders: readonly string[];
  /** The raw `mlsd` settings for the document, validated the way the server validates them. */
  settings: unknown;
}

export function mightBeDesignDoc(probe: DocumentProbe): boolean {
  const { settings } = sanitizeSettings(probe.settings);
  return selectDocument({ uri: probe.uri, text: probe.text, settings, workspaceFolders: probe.workspaceFolders }).isDesignDoc;
}
