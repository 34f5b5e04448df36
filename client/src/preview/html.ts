// The preview page's HTML, as a pure function (no vscode import) so the browser tests load
// exactly what the extension ships.
import { randomBytes } from 'node:crypto';

export interface PreviewHtmlOptions {
  /** `webview.cspSource`: the origin the extension's own resources are served from. */
  cspSource: string;
  /** Fresh for every render of the HTML; only scripts carrying it may run. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** Shown until the first `update` arrives. */
  initialStatus?: string;
}

export function createNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The Content-Security-Policy. `default-src 'none'` forbids every fetch (no connect, frame, media,
 * object); scripts run only with the nonce, so inline handlers or <script> injected through a
 * diagram never execute. Styles need 'unsafe-inline' because mermaid puts a <style> element in
 * every SVG; images are limited to our own resources and data: URLs (PNG export draws the SVG
 * through one), which never touch the network.
 */
export function previewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function buildPreviewHtml(options: PreviewHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(options.nonce)) throw new Error('buildPreviewHtml: the nonce must be 16+ base64 characters');
  const nonce = escapeHtml(options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(options.styleUri)}">
<title>Diagram Preview</title>
</head>
<body data-render-state="idle">
<header id="mlsd-header"><span id="mlsd-file"></span><span id="mlsd-summary" aria-live="polite"></span></header>
<p id="mlsd-status" role="status">${escapeHtml(options.initialStatus ?? 'Loading diagrams…')}</p>
<main id="mlsd-diagrams"></main>
<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}
