// The preview panel controller (client/src/preview/panel.ts) against an in-memory vscode API:
// what it asks the server, what it posts to the page, and what it does with the page's requests.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fake from './fakeVscode';
import type { DiagramInfo } from '../../server/src/protocol';
import type { HostToPreviewMessage } from '../../client/src/preview/messages';

vi.mock('vscode', () => import('./fakeVscode'));
const { registerPreview, OPEN_PREVIEW_COMMAND } = await import('../../client/src/preview/panel');

const extensionUri = fake.Uri.file('/ext');
const diagram = (code: string, line = 0): DiagramInfo => ({ line, codeStartLine: line + 1, endLine: line + 3, code, heading: 'Serving' });

interface FakeClient {
  answers: (uri: string) => Promise<DiagramInfo[]>;
  requests: { method: string; params: { uri: string } }[];
}

function fakeClient(
  answers: FakeClient['answers'] = async () => [diagram('graph TD\n  a --> b')],
): FakeClient & { sendRequest(type: { method: string }, params: { uri: string }): Promise<DiagramInfo[]> } {
  const client = {
    answers,
    requests: [] as FakeClient['requests'],
    // The panel sends the typed DiagramsRequest (protocolClient.ts): record its method.
    sendRequest: (type: { method: string }, params: { uri: string }) => {
      client.requests.push({ method: type.method, params });
      return client.answers(params.uri);
    },
  };
  return client;
}

const updates = () => fake.recorded.posted.filter((m): m is Extract<HostToPreviewMessage, { type: 'update' }> => (m as { type: string }).type === 'update');
const statuses = () => fake.recorded.posted.filter((m): m is Extract<HostToPreviewMessage, { type: 'status' }> => (m as { type: string }).type === 'status');

/** `client` undefined stands for a server that cannot start (what ServerController.ensureStarted resolves then). */
async function openWith(client: ReturnType<typeof fakeClient> | undefined, document = fake.fakeDocument('/ws/docs/feed.md')) {
  fake.workspace.textDocuments.push(document);
  fake.window.activeTextEditor = fake.editorFor(document);
  fake.window.visibleTextEditors = [fake.window.activeTextEditor];
  const subscriptions: { dispose(): unknown }[] = [];
  let clientAsked = 0;
  const preview = registerPreview({ subscriptions, extensionUri } as never, async () => {
    clientAsked++;
    return client as never;
  });
  await fake.commands.executeCommand(OPEN_PREVIEW_COMMAND);
  fake.events.pageMessage.fire({ type: 'ready' });
  await vi.advanceTimersByTimeAsync(1);
  return { document, subscriptions, preview, clientAsked: () => clientAsked };
}

beforeEach(() => {
  fake.reset();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('preview panel controller', () => {
  it('opens a locked-down webview and sends the active document diagrams once the page is ready', async () => {
    const client = fakeClient();
    const { document } = await openWith(client);
    const panel = fake.recorded.panels[0]!;
    expect(panel.webview.options).toMatchObject({ enableScripts: true, enableCommandUris: false, localResourceRoots: [fake.Uri.joinPath(extensionUri, 'dist', 'webview')] });
    expect(panel.webview.html.replace(/&#39;/g, "'")).toMatch(/default-src 'none'; script-src 'nonce-[A-Za-z0-9]{16,}'; style-src https:\/\/webview.test 'unsafe-inline'/);
    expect(panel.webview.html).toContain('src="https://webview.test//ext/dist/webview/preview.js"');
    expect(client.requests).toEqual([{ method: 'mlsd/diagrams', params: { uri: document.uri.toString() } }]);
    expect(updates()).toEqual([
      { type: 'update', uri: document.uri.toString(), fileName: 'docs/feed.md', version: 1, diagrams: [diagram('graph TD\n  a --> b')], theme: 'auto', exportTheme: 'light' },
    ]);
  });

  it('debounces edits to one request per pause and follows the theme setting', async () => {
    const client = fakeClient();
    const { document } = await openWith(client);
    fake.recorded.settings['mlsd.preview.theme'] = 'forest';
    for (let i = 0; i < 5; i++) {
      document.version++;
      fake.events.changeDocument.fire({ document, contentChanges: [{}] });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(client.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(client.requests).toHaveLength(2);
    expect(updates().at(-1)).toMatchObject({ version: 6, theme: 'forest', exportTheme: 'light' });
    // A change to another document is not ours to follow.
    fake.events.changeDocument.fire({ document: fake.fakeDocument('/ws/other.md'), contentChanges: [{}] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.requests).toHaveLength(2);
    // mlsd.preview.exportTheme: exports as shown instead of light; anything else is the light default.
    fake.recorded.settings['mlsd.preview.exportTheme'] = 'current';
    document.version++;
    fake.events.changeDocument.fire({ document, contentChanges: [{}] });
    await vi.advanceTimersByTimeAsync(400);
    expect(updates().at(-1)).toMatchObject({ version: 7, exportTheme: 'current' });
    fake.recorded.settings['mlsd.preview.exportTheme'] = 'sepia';
    document.version++;
    fake.events.changeDocument.fire({ document, contentChanges: [{}] });
    await vi.advanceTimersByTimeAsync(400);
    expect(updates().at(-1)).toMatchObject({ version: 8, exportTheme: 'light' });
  });

  it('never lets a slow, stale answer overwrite a newer one', async () => {
    let release: (value: DiagramInfo[]) => void = () => undefined;
    const client = fakeClient();
    const { document } = await openWith(client);
    client.answers = () => new Promise((resolve) => (release = resolve));
    fake.events.changeDocument.fire({ document, contentChanges: [{}] });
    await vi.advanceTimersByTimeAsync(300);
    const releaseStale = release;
    client.answers = async () => [diagram('pie\n  "new" : 1')];
    fake.events.changeDocument.fire({ document, contentChanges: [{}] });
    await vi.advanceTimersByTimeAsync(300);
    releaseStale([diagram('graph TD\n  stale --> answer')]);
    await vi.advanceTimersByTimeAsync(1);
    expect(updates().at(-1)!.diagrams[0]!.code).toBe('pie\n  "new" : 1');
    expect(updates().some((u) => u.diagrams[0]?.code.includes('stale'))).toBe(false);
  });

  it('follows the active Markdown editor and ignores other languages', async () => {
    const client = fakeClient();
    await openWith(client);
    const other = fake.fakeDocument('/ws/docs/ads.md');
    fake.events.activeEditor.fire(fake.editorFor(other));
    await vi.advanceTimersByTimeAsync(1);
    expect(client.requests.at(-1)!.params.uri).toBe(other.uri.toString());
    fake.events.activeEditor.fire(fake.editorFor(fake.fakeDocument('/ws/src/main.ts', 'typescript')));
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.requests).toHaveLength(2);
    expect(fake.recorded.panels[0]!).toMatchObject({ title: 'Diagrams: ads.md' });
  });

  it('shows a clear message when the language server is not running or the request fails', async () => {
    // One attempt to start the server per refresh, answered at once: no polling that would restart
    // a failing server every 250 ms (and show its start error each time) for 10 s.
    const { clientAsked } = await openWith(undefined);
    expect(statuses().at(-1)!.message).toMatch(/language server is not running/);
    expect(updates()).toHaveLength(0);
    expect(clientAsked()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_500);
    expect(clientAsked()).toBe(1);
    expect(statuses()).toHaveLength(1);

    fake.reset();
    await openWith(fakeClient(async () => Promise.reject(new Error('Unhandled method mlsd/diagrams'))));
    expect(statuses().at(-1)!.message).toBe('Could not read the diagrams from the language server: Unhandled method mlsd/diagrams');
  });

  it('reveals the source, copies SVG and exports through a save dialog', async () => {
    const { document } = await openWith(fakeClient());
    fake.events.pageMessage.fire({ type: 'reveal', uri: document.uri.toString(), line: 12, endLine: 16 });
    await vi.advanceTimersByTimeAsync(1);
    const editor = fake.recorded.shown.at(-1)!;
    expect(editor.document).toBe(document);
    expect(editor.selection!.active).toEqual({ line: 12, character: 0 });
    expect(editor.revealed).toMatchObject({ start: { line: 12 }, end: { line: 16 } });

    fake.events.pageMessage.fire({ type: 'copySvg', svg: '<svg/>' });
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.recorded.clipboard).toEqual(['<svg/>']);

    fake.recorded.saveDialogAnswer = fake.Uri.file('/ws/docs/out.png');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    fake.events.pageMessage.fire({ type: 'export', format: 'png', uri: document.uri.toString(), index: 0, data: `data:image/png;base64,${png.toString('base64')}` });
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.recorded.written).toHaveLength(1);
    expect(Buffer.from(fake.recorded.written[0]!.bytes)).toEqual(png);

    // Junk from the page is refused with a message, never written.
    fake.events.pageMessage.fire({ type: 'export', format: 'png', uri: document.uri.toString(), index: 0, data: '<script>' });
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.recorded.written).toHaveLength(1);
    expect(fake.recorded.errors.at(-1)).toMatch(/no PNG data/);
    // Cancelling the dialog writes nothing.
    fake.recorded.saveDialogAnswer = undefined;
    fake.events.pageMessage.fire({ type: 'export', format: 'svg', uri: document.uri.toString(), index: 1, data: '<svg></svg>' });
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.recorded.written).toHaveLength(1);
  });

  it("accepts reveal and export only for the previewed document's URI (issue 11 item 15)", async () => {
    const { document } = await openWith(fakeClient());
    const other = fake.fakeDocument('/ws/docs/other.md');
    fake.workspace.textDocuments.push(other);
    const foreign = [
      other.uri.toString(),
      'file:///etc/passwd',
      'command:workbench.action.terminal.new',
      'untitled:evil',
      `${document.uri.toString()}#x`,
      document.uri.toString().toUpperCase(),
      42,
      undefined,
    ];
    const shownBefore = fake.recorded.shown.length;
    fake.recorded.saveDialogAnswer = fake.Uri.file('/ws/docs/out.svg');
    for (const uri of foreign) {
      fake.events.pageMessage.fire({ type: 'reveal', uri, line: 1, endLine: 2 } as never);
      fake.events.pageMessage.fire({ type: 'export', format: 'svg', uri, index: 0, data: '<svg></svg>' } as never);
    }
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.recorded.shown.length).toBe(shownBefore);
    expect(fake.recorded.written).toEqual([]);
    expect(fake.recorded.errors).toEqual([]);
    // The previewed document itself still works.
    fake.events.pageMessage.fire({ type: 'export', format: 'svg', uri: document.uri.toString(), index: 0, data: '<svg></svg>' });
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.recorded.written.map((w) => w.path)).toEqual(['/ws/docs/out.svg']);
  });

  it('falls back to defaults for invalid preview settings', async () => {
    fake.recorded.settings['mlsd.preview.theme'] = 'neon';
    fake.recorded.settings['mlsd.preview.debounceMs'] = 'soon';
    const client = fakeClient();
    const { document } = await openWith(client);
    expect(updates()[0]!.theme).toBe('auto');
    fake.events.changeDocument.fire({ document, contentChanges: [{}] });
    await vi.advanceTimersByTimeAsync(299);
    expect(client.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(client.requests).toHaveLength(2);
  });

  it('tells the page when its document closes and stops following it', async () => {
    const client = fakeClient();
    const { document } = await openWith(client);
    fake.events.closeDocument.fire(document);
    expect(statuses().at(-1)!.message).toMatch(/document was closed/);
    fake.events.changeDocument.fire({ document, contentChanges: [{}] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.requests).toHaveLength(1);
  });
});

describe('preview panel lifecycle', () => {
  it('asks for the client once per refresh', async () => {
    const client = fakeClient();
    const { document, clientAsked } = await openWith(client);
    expect(clientAsked()).toBe(1);
    fake.events.changeDocument.fire({ document, contentChanges: [{}] });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clientAsked()).toBe(2);
    expect(client.requests).toHaveLength(2);
  });

  it('does not refresh on focus changes, and refreshes a re-shown panel once, when its page is ready', async () => {
    const client = fakeClient();
    const { document } = await openWith(client);
    const panel = fake.recorded.panels[0]!;
    expect(client.requests).toHaveLength(1);
    // Focus moves to the editor and back: the panel stays visible, the page is untouched.
    fake.events.panelViewState.fire({ webviewPanel: panel });
    fake.events.panelViewState.fire({ webviewPanel: panel });
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.requests).toHaveLength(1);

    // Hidden (another tab in its group): VS Code tears the page down; edits meanwhile ask nothing.
    panel.visible = false;
    fake.events.panelViewState.fire({ webviewPanel: panel });
    fake.events.changeDocument.fire({ document, contentChanges: [{}] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.requests).toHaveLength(1);
    // Shown again: the page reloads and says ready; that, not the view-state event, refreshes it, once.
    panel.visible = true;
    fake.events.panelViewState.fire({ webviewPanel: panel });
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.requests).toHaveLength(1);
    fake.events.pageMessage.fire({ type: 'ready' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.requests).toHaveLength(2);
    expect(updates()).toHaveLength(2);
  });

  it('gives a panel restored after a reload the same locked-down options as a new one', async () => {
    const subscriptions: { dispose(): unknown }[] = [];
    registerPreview({ subscriptions, extensionUri } as never, async () => fakeClient() as never);
    const restored = fake.restoredPanel({ enableScripts: true, enableCommandUris: true, localResourceRoots: [fake.Uri.file('/old-ext')] });
    await fake.panelSerializer!.deserializeWebviewPanel(restored, undefined);
    expect(restored.webview.options).toEqual({ enableScripts: true, enableCommandUris: false, localResourceRoots: [fake.Uri.joinPath(extensionUri, 'dist', 'webview')] });
  });

  it("keeps the page's last render report for the extension API", async () => {
    const { document, preview } = await openWith(fakeClient());
    expect(preview.lastRendered()).toBeUndefined();
    const report = { uri: document.uri.toString(), version: 1, total: 1, rendered: 1, reused: 0, failed: 0, ms: 12 };
    fake.events.pageMessage.fire({ type: 'rendered', ...report });
    await vi.advanceTimersByTimeAsync(1);
    expect(preview.lastRendered()).toEqual(report);
  });
});

describe('preview contributions (issue 13 items 12 and 13)', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    contributes: {
      commands: { command: string; icon?: string }[];
      configuration: { properties: Record<string, { default?: unknown; enum?: unknown[] }> } | { properties: Record<string, { default?: unknown; enum?: unknown[] }> }[];
    };
  };

  it("has an editor-title icon of its own, not the glyph of Markdown's Open Preview to the Side", () => {
    const icon = manifest.contributes.commands.find((command) => command.command === OPEN_PREVIEW_COMMAND)?.icon;
    expect(icon).toMatch(/^\$\([a-z-]+\)$/);
    // VS Code's Markdown extension uses $(open-preview) (to the side) and $(preview) next to it.
    expect(['$(open-preview)', '$(preview)']).not.toContain(icon);
    expect(manifest.contributes.commands.filter((command) => command.icon === icon).map((command) => command.command)).toEqual([OPEN_PREVIEW_COMMAND]);
  });

  it('offers the export theme setting, light by default', () => {
    const groups = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    const setting = groups.map((group) => group.properties['mlsd.preview.exportTheme']).find(Boolean);
    expect(setting).toMatchObject({ default: 'light', enum: ['light', 'current'] });
  });
});
