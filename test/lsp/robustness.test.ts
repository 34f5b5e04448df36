// The server under abuse: bursts of edits, huge and binary documents, invalid UTF-8 on the
// wire, unknown and closed documents, junk settings. Each gets an answer or a logged error,
// and the server stays up.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, CompletionRequest, DocumentSymbolRequest, HoverRequest, type MarkupContent, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from './helpers/serverProcess';

const fixture = readFileSync(join(__dirname, 'fixtures', 'partial.design.md'), 'utf8');

let workspace: string;
let client: LspTestClient;
let settings: unknown = {};
const uriOf = (name: string) => pathToFileURL(join(workspace, 'design-docs', name)).href;

/** The server answers a request: the liveness probe used after every abuse. */
async function answersHover(uri: string): Promise<void> {
  await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
  expect(client.isAlive()).toBe(true);
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'mlsd-lsp-robust-'));
  mkdirSync(join(workspace, 'design-docs'));
  client = await LspTestClient.start({ workspaceFolder: pathToFileURL(workspace).href, settings: () => settings });
});

afterAll(async () => {
  await client?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

describe('robustness', () => {
  it('ends 1,000 rapid edits with diagnostics that match the final text', async () => {
    const uri = uriOf('burst.md');
    const local = TextDocument.create(uri, 'markdown', 1, fixture);
    await client.open(uri, fixture);
    const typed =
      '\n## Deployment and serving\n\nOnline prediction; p99 < 150 ms end to end, the ranker gets 60 ms of it.\n\n## Monitoring\n\nWe watch prediction drift and feature freshness, alert on-call, and retrain weekly.\n';
    let version = 1;
    const sends: Promise<void>[] = [];
    // Type the text character by character at the end, backspacing every seventh character.
    for (let i = 0; version < 1001; i++) {
      const end = local.positionAt(local.getText().length);
      let change: TextDocumentContentChangeEvent;
      if (i % 7 === 6) {
        const before = local.positionAt(local.getText().length - 1);
        change = { range: { start: before, end }, text: '' };
      } else {
        change = { range: { start: end, end }, text: typed[Math.floor((i * 6) / 7) % typed.length]! };
      }
      version++;
      TextDocument.update(local, [change], version);
      sends.push(client.change(uri, version, [change]));
    }
    await Promise.all(sends);
    const final = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1001, 30_000);
    // A fresh document with the same text must get the same diagnostics.
    const checkUri = uriOf('burst-check.md');
    await client.open(checkUri, local.getText());
    const reference = await client.waitForDiagnostics((p) => p.uri === checkUri);
    expect(final.diagnostics).toEqual(reference.diagnostics);
    // Stale work was dropped, not published: versions only go up, and far fewer runs than edits.
    const versions = client.diagnostics.filter((p) => p.uri === uri).map((p) => p.version!);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.length).toBeLessThan(50);
  }, 60_000);

  it('declines a 5 MB document with a diagnostic saying why, and keeps answering', async () => {
    const uri = uriOf('huge.md');
    const paragraph = 'The ranking model scores candidates with a gradient-boosted tree ensemble. '.repeat(10) + '\n\n';
    const huge = `# Huge\n\n## Evaluation\n\n${paragraph.repeat(Math.ceil(5_000_000 / paragraph.length))}`;
    expect(huge.length).toBeGreaterThan(5_000_000);
    await client.open(uri, huge);
    const published = await client.waitForDiagnostics((p) => p.uri === uri, 30_000);
    expect(published.diagnostics).toHaveLength(1);
    expect(published.diagnostics[0]!.message).toMatch(/Not checked as a design doc: 5\.\d MB is over the 1\.0 MB limit/);
    expect(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: 3 } })).toEqual([]);
    expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })).toEqual([]);
    await client.close(uri);
    await answersHover(uri);
  }, 60_000);

  it('lints binary junk without falling over', async () => {
    const uri = uriOf('junk.md');
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // One real heading on the first line, then the junk: the server must still read the heading.
    const junk = '## Evaluation\n\n' + Array.from({ length: 200_000 }, () => String.fromCharCode(Math.floor(random() * 0xd7ff))).join('') + '\u0000\u0001\u0002\n# ## ###\n```mermaid\n\u0000\n';
    await client.open(uri, junk);
    const published = await client.waitForDiagnostics((p) => p.uri === uri, 30_000);
    // The steps the junk lacks are reported, the evaluation step is not.
    const missing = published.diagnostics.filter((d) => d.code === 'missing-step').map((d) => d.message);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.join('\n')).not.toContain('"Evaluation"');
    expect(missing.join('\n')).toContain('"Deployment and serving"');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 4 } });
    expect((hover?.contents as MarkupContent | undefined)?.value).toContain('Step 5 of 7: Evaluation');
    await client.close(uri);
    await answersHover(uri);
  }, 60_000);

  it('survives invalid UTF-8 on the wire', async () => {
    const uri = uriOf('bad-utf8.md');
    const head = Buffer.from(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"${uri}","languageId":"markdown","version":1,"text":"# Title `);
    const invalid = Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]);
    const tail = Buffer.from('\\n\\n## Evaluation\\n\\nCTR online.\\n"}}}');
    const body = Buffer.concat([head, invalid, tail]);
    client.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    const published = await client.waitForDiagnostics((p) => p.uri === uri, 15_000);
    expect(published.diagnostics.map((d) => d.code)).toContain('missing-step');
    await answersHover(uri);
  });

  it('answers requests about unknown, malformed and closed documents', async () => {
    const unknown = ['file:///nowhere/unknown.md', 'untitled:Untitled-1', 'not a uri at all', ''];
    for (const uri of unknown) {
      const position = { line: 5, character: 2 };
      expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })).toBeNull();
      expect(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })).toEqual([]);
      expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })).toEqual([]);
      expect(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } })).toEqual([]);
      expect(await client.sendRequest('mlsd/coverage', { uri })).toMatchObject({ isDesignDoc: false });
      expect(await client.sendRequest('mlsd/diagrams', { uri })).toEqual([]);
    }
    // Params that are not even objects are read as an unknown document: an empty answer, not a crash.
    await expect(client.sendRequest('mlsd/coverage', 'junk')).resolves.toMatchObject({ isDesignDoc: false });
    // A change for a document that was never opened is ignored: the document stays unknown.
    await client.change('file:///nowhere/never-opened.md', 2, [{ text: '# x\n' }]);
    await answersHover('file:///nowhere/never-opened.md');
    expect(await client.sendRequest('mlsd/coverage', { uri: 'file:///nowhere/never-opened.md' })).toMatchObject({ isDesignDoc: false });

    const uri = uriOf('closed.md');
    await client.open(uri, fixture);
    await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length > 0);
    const from = client.diagnostics.length;
    await client.close(uri);
    // Closing clears the document's diagnostics.
    await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length === 0, 15_000, from);
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 3 } })).toBeNull();
    expect(
      await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }),
    ).toEqual([]);
    await answersHover(uri);
  });

  it('puts diagnostics of a document with lone-CR or mixed line endings on the lines the editor shows', async () => {
    // Every diagnostic used to be clamped to line 0: the engine saw one line where LSP sees many.
    const lfUri = uriOf('endings-lf.md');
    await client.open(lfUri, fixture);
    const expected = (await client.waitForDiagnostics((p) => p.uri === lfUri && p.diagnostics.length > 0)).diagnostics.map((d) => [d.code, d.range]);
    expect(expected.some(([, range]) => (range as { start: { line: number } }).start.line > 0)).toBe(true);
    let n = 0;
    for (const [name, text] of [
      ['endings-cr.md', fixture.replace(/\n/g, '\r')],
      ['endings-mixed.md', fixture.replace(/\n/g, () => ['\r\n', '\n', '\r'][n++ % 3]!)],
    ] as const) {
      const uri = uriOf(name);
      await client.open(uri, text);
      const published = await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length > 0);
      expect(
        published.diagnostics.map((d) => [d.code, d.range]),
        name,
      ).toEqual(expected);
      await client.close(uri);
    }
    await client.close(lfUri);
  });

  it('ignores an include glob that would take picomatch minutes, says so, and keeps answering', async () => {
    // **/*a*a*a*a*a*a*a*a*a*a*b.md took 42 s to match one 48-character path, on the server's main thread.
    const hostile = '**/*a*a*a*a*a*a*a*a*a*a*b.md';
    settings = { include: [hostile, '**/design-docs/**/*.md'] };
    await client.changeConfiguration({ mlsd: settings });
    const uri = uriOf(`${'a'.repeat(60)}.md`);
    const from = client.diagnostics.length;
    const started = performance.now();
    await client.open(uri, fixture);
    const published = await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length > 0, 15_000, from);
    expect(published.diagnostics.map((d) => d.code)).toContain('missing-step');
    await answersHover(uri);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(client.shownMessages.some((m) => m.includes(`mlsd.include: glob "${hostile}" ignored`))).toBe(true);
    await client.close(uri);
    settings = {};
    await client.changeConfiguration({ mlsd: settings });
  }, 60_000);

  it('falls back to defaults on a malformed settings object, says so, and still checks', async () => {
    settings = { enable: 'yes', include: 42, exclude: [null], rules: 'loud', vocabulary: { serving: 'inference' }, debounceMs: 'fast', template: [1, 2], preview: 7 };
    const from = client.diagnostics.length;
    await client.changeConfiguration({ mlsd: settings });
    const uri = uriOf('settings.md');
    await client.open(uri, fixture);
    const published = await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length > 0, 15_000, from);
    expect(published.diagnostics.map((d) => d.code)).toContain('missing-step');
    const warnings = client.logs.filter((l) => l.message.startsWith('Invalid setting ignored')).map((l) => l.message);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringContaining('mlsd.include'), expect.stringContaining('mlsd.debounceMs')]));
    expect(client.shownMessages.some((m) => m.includes('invalid settings ignored'))).toBe(true);
    // A settings answer that is not an object at all.
    settings = 'garbage';
    await client.changeConfiguration({ mlsd: settings });
    await answersHover(uri);
    settings = {};
    await client.changeConfiguration({ mlsd: settings });
    expect(client.isAlive()).toBe(true);
  });
});
