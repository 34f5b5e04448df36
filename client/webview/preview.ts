// The diagram preview page. Runs inside the VS Code webview (and, unchanged, in the browser
// tests): receives the document's mermaid blocks, renders each with the bundled mermaid under
// a strict configuration, and re-renders only the blocks whose source or theme changed.
// One module per job; this entry only wires them up, in the order the page needs:
//   - previewState.ts: the page's state in one place (document, theme, figures, update queue, persisted scroll and zoom)
//   - previewTheme.ts: theme resolution and mermaid's configuration
//   - previewRender.ts: one diagram rendered off screen and scrubbed; previewFigures.ts: its figure and error box
//   - previewReconcile.ts: the list reconciled with an update
//   - previewZoomView.ts and previewInput.ts: zoom, pan, clicks and keys
//   - previewExport.ts: copy and export (SVG, PNG)
//   - previewMessages.ts: messages from and to the extension
import { saveScrollPosition } from './previewState';
import { rerenderOnThemeChange } from './previewReconcile';
import { followListWidth, handleListInput } from './previewInput';
import { announceReady, listenToHost } from './previewMessages';

saveScrollPosition();
rerenderOnThemeChange();
followListWidth();
handleListInput();
listenToHost();
announceReady();
