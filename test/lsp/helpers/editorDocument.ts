// The client's copy of a document in the protocol tests: edits are applied here and sent to the
// server as incremental changes, as an editor does.
import type { TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LspTestClient } from './serverProcess';

export class EditorDocument {
  readonly document: TextDocument;
  constructor(
    protected readonly client: LspTestClient,
    readonly uri: string,
    text: string,
  ) {
    this.document = TextDocument.create(uri, 'markdown', 1, text);
  }
  get version(): number {
    return this.document.version;
  }
  text(): string {
    return this.document.getText();
  }
  async open(): Promise<void> {
    await this.client.open(this.uri, this.text(), this.version);
  }
  /** Applies the edits here and sends them; the new version. */
  async apply(edits: TextEdit[]): Promise<number> {
    const version = this.version + 1;
    // Incremental changes are applied in order, so send them from the end of the document backwards.
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    const changes = sorted.map((e) => ({ range: e.range, text: e.newText }));
    TextDocument.update(this.document, changes, version);
    await this.client.change(this.uri, version, changes);
    return version;
  }
}
