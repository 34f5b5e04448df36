// Messages from the extension (an update of the diagrams, or a status line instead of them), and the
// "ready" that asks for the first update.
import type { HostToPreviewMessage } from '../src/preview/messages';
import { drainUpdates, showStatus } from './previewReconcile';
import { state, vscode, type UpdateMessage } from './previewState';

function isUpdate(message: unknown): message is UpdateMessage {
  const m = message as Partial<UpdateMessage> | null;
  return (
    !!m &&
    m.type === 'update' &&
    typeof m.uri === 'string' &&
    Array.isArray(m.diagrams) &&
    m.diagrams.every((d) => d && typeof d.code === 'string' && Number.isInteger(d.line) && Number.isInteger(d.codeStartLine))
  );
}

/** Renders each update from the extension (the latest one, when several arrive during a pass). */
export function listenToHost(): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data as HostToPreviewMessage | null;
    if (isUpdate(message)) {
      state.pendingUpdate = message;
      void drainUpdates();
    } else if (message && message.type === 'status' && typeof message.message === 'string') {
      showStatus(message.message);
    }
  });
}

/** Tells the extension the page is ready for its first update. */
export function announceReady(): void {
  vscode.postMessage({ type: 'ready' });
}
