// A small in-memory stand-in for the parts of the `vscode` API the preview panel and the coverage
// status bar use, so they can be tested without an editor. Records what they did.
type Listener<T> = (value: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  clear(): void {
    this.listeners = [];
  }
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static parse(value: string): Uri {
    const match = /^([a-z-]+):\/\/(.*)$/.exec(value);
    return match ? new Uri(match[1]!, match[2]!) : new Uri('file', value);
  }
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    const parts = base.path.split('/');
    for (const segment of segments.flatMap((s) => s.split('/'))) {
      if (segment === '..') parts.pop();
      else if (segment && segment !== '.') parts.push(segment);
    }
    return new Uri(base.scheme, parts.join('/'));
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}
export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
    this.start = new Position(startLine, startCharacter);
    this.end = new Position(endLine, endCharacter);
  }
}
export class Selection {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {}
}
export const ViewColumn = { One: 1, Two: 2, Beside: -2 } as const;
export const StatusBarAlignment = { Left: 1, Right: 2 } as const;
export class MarkdownString {
  isTrusted = false;
  constructor(
    readonly value: string,
    readonly supportThemeIcons = false,
  ) {}
}

export interface FakeStatusBarItem {
  text: string;
  tooltip: string | MarkdownString | undefined;
  visible: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}
export const TextEditorRevealType = { InCenterIfOutsideViewport: 2 } as const;

export interface FakeDocument {
  uri: Uri;
  languageId: string;
  version: number;
  lineCount: number;
  lineAt(line: number): { text: string };
}

export function fakeDocument(path: string, languageId = 'markdown', lines = 100): FakeDocument {
  return { uri: Uri.file(path), languageId, version: 1, lineCount: lines, lineAt: () => ({ text: 'some line' }) };
}

export interface FakeEditor {
  document: FakeDocument;
  viewColumn: number;
  selection?: Selection;
  revealed?: Range;
  revealRange(range: Range): void;
}

function fakeEditor(document: FakeDocument, viewColumn = 1): FakeEditor {
  return {
    document,
    viewColumn,
    revealRange(range) {
      this.revealed = range;
    },
  };
}

export const recorded = {
  posted: [] as unknown[],
  panels: [] as FakePanel[],
  clipboard: [] as string[],
  written: [] as { path: string; bytes: Uint8Array }[],
  warnings: [] as string[],
  errors: [] as string[],
  shown: [] as FakeEditor[],
  saveDialogAnswer: undefined as Uri | undefined,
  settings: {} as Record<string, unknown>,
  statusBarItems: [] as FakeStatusBarItem[],
  /** Context keys set with `setContext`. */
  contexts: {} as Record<string, unknown>,
};

export const events = {
  activeEditor: new EventEmitter<FakeEditor | undefined>(),
  changeDocument: new EventEmitter<{ document: FakeDocument; contentChanges: unknown[] }>(),
  closeDocument: new EventEmitter<FakeDocument>(),
  changeConfiguration: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  pageMessage: new EventEmitter<unknown>(),
  panelDisposed: new EventEmitter<void>(),
  /** The panel was shown, hidden or focused: set `visible` on the panel first, as VS Code does. */
  panelViewState: new EventEmitter<unknown>(),
};

export interface FakePanel {
  title: string;
  visible: boolean;
  options: unknown;
  webview: { options: unknown; html: string; cspSource: string };
  reveal(): void;
}

/** The serializer the extension registered, to restore a panel as after a window reload. */
export let panelSerializer: { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> } | undefined;

function fakePanel(title: string, options: unknown): FakePanel {
  const webview = {
    options,
    html: '',
    cspSource: 'https://webview.test',
    asWebviewUri: (uri: Uri) => Uri.parse(`https://webview.test/${uri.path}`),
    postMessage: async (message: unknown) => {
      recorded.posted.push(message);
      return true;
    },
    onDidReceiveMessage: events.pageMessage.event,
  };
  const panel = {
    title,
    visible: true,
    options,
    webview,
    reveal() {},
    onDidDispose: events.panelDisposed.event,
    onDidChangeViewState: events.panelViewState.event,
    dispose: () => events.panelDisposed.fire(),
  };
  recorded.panels.push(panel);
  return panel;
}

/** A panel as VS Code hands it to the serializer after a reload: with the options it was saved with. */
export function restoredPanel(options: unknown = {}): FakePanel {
  return fakePanel('Diagram Preview', options);
}

const commandHandlers = new Map<string, (...args: unknown[]) => unknown>();

export const window = {
  activeTextEditor: undefined as FakeEditor | undefined,
  visibleTextEditors: [] as FakeEditor[],
  onDidChangeActiveTextEditor: events.activeEditor.event,
  createWebviewPanel(_viewType: string, title: string, _column: unknown, options: unknown) {
    return fakePanel(title, options);
  },
  createStatusBarItem(): FakeStatusBarItem {
    const item: FakeStatusBarItem = {
      text: '',
      tooltip: undefined,
      visible: false,
      show: () => void (item.visible = true),
      hide: () => void (item.visible = false),
      dispose: () => undefined,
    };
    recorded.statusBarItems.push(item);
    return item;
  },
  registerWebviewPanelSerializer(_viewType: string, serializer: typeof panelSerializer) {
    panelSerializer = serializer;
    return { dispose: () => (panelSerializer = undefined) };
  },
  async showTextDocument(document: FakeDocument, options: { viewColumn?: number }) {
    const editor = fakeEditor(document, options.viewColumn ?? 1);
    recorded.shown.push(editor);
    return editor;
  },
  showSaveDialog: async () => recorded.saveDialogAnswer,
  setStatusBarMessage: () => ({ dispose() {} }),
  showWarningMessage: async (message: string) => void recorded.warnings.push(message),
  showErrorMessage: async (message: string) => void recorded.errors.push(message),
};

export const workspace = {
  textDocuments: [] as FakeDocument[],
  onDidChangeTextDocument: events.changeDocument.event,
  onDidCloseTextDocument: events.closeDocument.event,
  onDidChangeConfiguration: events.changeConfiguration.event,
  getConfiguration: (section: string) => ({
    get: <T>(key: string, fallback: T): T => (`${section}.${key}` in recorded.settings ? (recorded.settings[`${section}.${key}`] as T) : fallback),
  }),
  asRelativePath: (uri: Uri) => uri.path.replace(/^\/ws\//, ''),
  openTextDocument: async (uri: Uri) => workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? fakeDocument(uri.path),
  fs: {
    writeFile: async (uri: Uri, bytes: Uint8Array) => void recorded.written.push({ path: uri.path, bytes }),
  },
};

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
    commandHandlers.set(id, handler);
    return { dispose: () => commandHandlers.delete(id) };
  },
  executeCommand: (id: string, ...args: unknown[]) => {
    if (id === 'setContext') return Promise.resolve(void (recorded.contexts[String(args[0])] = args[1]));
    return commandHandlers.get(id)!(...args);
  },
};

export const env = {
  clipboard: { writeText: async (text: string) => void recorded.clipboard.push(text) },
};

export function editorFor(document: FakeDocument, viewColumn = 1): FakeEditor {
  return fakeEditor(document, viewColumn);
}

export function reset(): void {
  for (const emitter of Object.values(events)) emitter.clear();
  recorded.posted.length = 0;
  recorded.panels.length = 0;
  recorded.clipboard.length = 0;
  recorded.written.length = 0;
  recorded.warnings.length = 0;
  recorded.errors.length = 0;
  recorded.shown.length = 0;
  recorded.saveDialogAnswer = undefined;
  recorded.settings = {};
  recorded.statusBarItems.length = 0;
  recorded.contexts = {};
  window.activeTextEditor = undefined;
  window.visibleTextEditors = [];
  workspace.textDocuments = [];
  commandHandlers.clear();
  panelSerializer = undefined;
}
