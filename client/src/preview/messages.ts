// Messages between the preview panel (extension host) and its webview page. Both sides import
// this file; it has no runtime code so the webview bundle does not pull in anything from vscode.
import type { DiagramInfo } from '../../../server/src/protocol';
import type { PreviewExportTheme as ExportThemeSetting, PreviewTheme } from '../../../server/src/settings/definitions';

/** `mlsd.preview.theme` (its values are defined in server/src/settings/definitions.ts). */
export type PreviewThemeSetting = PreviewTheme;
/** `mlsd.preview.exportTheme`: exports drawn in mermaid's light theme on white, or as the preview shows them. */
export type PreviewExportTheme = ExportThemeSetting;

/** Extension -> webview. */
export type HostToPreviewMessage =
  | {
      type: 'update';
      uri: string;
      /** Shown in the page header. */
      fileName: string;
      /** The document version the diagrams were read from; echoed back in `rendered`. */
      version: number;
      diagrams: DiagramInfo[];
      theme: PreviewThemeSetting;
      /** Absent means 'light'. */
      exportTheme?: PreviewExportTheme;
    }
  /** Replaces the diagrams with a message: no Markdown editor, server not running, request failed. */
  | { type: 'status'; message: string };

/** Webview -> extension. */
export type PreviewToHostMessage =
  | { type: 'ready' }
  /** The user clicked a diagram: show its source (zero-based lines of the Markdown file). */
  | { type: 'reveal'; uri: string; line: number; endLine: number }
  | { type: 'copySvg'; svg: string }
  /** `data` is the SVG markup, or a `data:image/png;base64,` URL. */
  | { type: 'export'; format: 'svg' | 'png'; uri: string; index: number; data: string }
  /** Sent after every render pass, for the e2e test and the benchmark. */
  | { type: 'rendered'; uri: string; version: number; total: number; rendered: number; reused: number; failed: number; ms: number }
  | { type: 'problem'; message: string };

/** Persisted with the webview's setState so a re-shown panel keeps its place. */
export interface PreviewPersistedState {
  uri?: string;
  scrollY: number;
  /**
   * Zoom per document (URI), per diagram (its index in the document): a scale, 1 being the
   * diagram's natural size. Diagrams left at "fit" have no entry; documents with none are dropped.
   */
  zoom?: Record<string, Record<string, number>>;
}
