// The server as a child process, driven over stdio by a real JSON-RPC client: what an editor does.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  ShutdownRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import type { CoverageResult, DiagramInfo, RuleInfo } from '../../server/src/protocol';
import { EditorDocument } from './helpers/editorDocument';
import { FULL_CAPABILITIES, LspTestClient } from './helpers/serverProcess';

const fixture = readFileSync(join(__dirname, 'fixtures', 'partial.design.md'), 'utf8');

let workspace: string;
let docUri: string;
let client: LspTestClient;
let settings: Record<string, unknown> = {};

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.documentChanges)
    return edit.documentChanges.flatMap((change) => ('textDocument' in change && change.textDocument.uri === uri ? change.edits.filter((e): e is TextEdit => 'newText' in e) : []));
  return edit.changes?.[uri] ?? [];
}

async function diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
  return (await client.waitForDiagnostics((p) => p.uri === uri && p.version === version)).diagnostics;
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'mlsd-lsp-ws-'));
  mkdirSync(join(workspace, 'design-docs'));
  writeFileSync(join(workspace, 'design-docs', 'eta.md'), fixture);
  docUri = pathToFileURL(join(workspace, 'design-docs', 'eta.md')).href;
  client = await LspTestClient.start({ workspaceFolder: pathToFileURL(workspace).href, settings: () => settings });
});

afterAll(async () => {
  await client?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

describe('language server over stdio', () => {
  let doc: EditorDocument;

  it('advertises incremental sync and its features', () => {
    const caps = client.initializeResult!.capabilities;
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(caps.hoverProvider).toBe(true);
    expect(caps.completionProvider?.triggerCharacters).toContain('#');
    expect(caps.codeActionProvider).toMatchObject({ codeActionKinds: expect.arrayContaining(['quickfix', 'source.fixAll.mlsd']) });
    // This client did not declare pull diagnostics: the server must not offer them.
    expect(caps.diagnosticProvider).toBeUndefined();
  });

  it('publishes diagnostics for a design doc on open, with rule code, doc link and ranges', async () => {
    doc = new EditorDocument(client, docUri, fixture);
    await doc.open();
    const diagnostics = await diagnosticsFor(docUri, 1);
    const codes = diagnostics.map((d) => d.code);
    // The latency budget is folded into the missing serving step's finding (one place, one finding).
    expect(codes).toEqual(expect.arrayContaining(['missing-step', 'metric-gap']));
    expect(diagnostics.every((d) => String(d.message).length <= 100)).toBe(true);
    const gap = diagnostics.find((d) => d.code === 'metric-gap')!;
    expect(gap.codeDescription?.href).toBe('https://github.com/mlsd-tools/mlsd-design-docs/blob/main/docs/rules/metric-gap.md');
    expect(gap.source).toBe('mlsd');
    // The metric-gap finding sits on the "## Evaluation" heading.
    expect(doc.document.getText(gap.range)).toBe('## Evaluation');
    const coverage = (await client.waitForNotification('mlsd/coverageChanged', (p) => (p as CoverageResult).uri === docUri)) as CoverageResult;
    expect(coverage.isDesignDoc).toBe(true);
    expect(coverage.items.find((i) => i.id === 'serving')?.status).toBe('missing');
    expect(coverage.items.find((i) => i.id === 'evaluation')?.status).toBe('present');
  });

  it('checks nothing in an ordinary README, even with design-doc content', async () => {
    const readmeUri = pathToFileURL(join(workspace, 'README.md')).href;
    await client.open(readmeUri, fixture);
    const published = await client.waitForDiagnostics((p) => p.uri === readmeUri);
    expect(published.diagnostics).toEqual([]);
    const coverage = (await client.sendRequest('mlsd/coverage', { uri: readmeUri })) as CoverageResult;
    expect(coverage).toMatchObject({ isDesignDoc: false, coverage: null });
    // ...but it opts in with a marker comment.
    await client.change(readmeUri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '<!-- mlsd-design-doc -->\n' }]);
    const optedIn = await client.waitForDiagnostics((p) => p.uri === readmeUri && p.version === 2);
    expect(optedIn.diagnostics.map((d) => d.code)).toContain('missing-step');
    await client.close(readmeUri);
  });

  it('re-lints after an incremental change', async () => {
    const end = doc.document.positionAt(doc.text().length);
    const version = await doc.apply([
      {
        range: { start: end, end },
        newText:
          '\n## Deployment and serving\n\nOnline prediction behind a gRPC service. The latency budget is p99 < 120 ms end to end,\nof which feature lookup takes 30 ms and the model 50 ms. We autoscale on QPS.\n',
      },
    ]);
    const diagnostics = await diagnosticsFor(docUri, version);
    expect(diagnostics.some((d) => d.code === 'latency-budget')).toBe(false);
    expect(
      diagnostics
        .filter((d) => d.code === 'missing-step')
        .map((d) => d.message)
        .join(' '),
    ).not.toMatch(/serving/i);
  });

  it('offers the engine fix as the preferred quick fix, and applying it removes the problem', async () => {
    const diagnostics = await diagnosticsFor(docUri, doc.version);
    const gap = diagnostics.find((d) => d.code === 'metric-gap')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: docUri },
      range: gap.range,
      context: { diagnostics: [gap] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['Disable metric-gap for this line', 'Disable metric-gap for this file']));
    const preferred = actions.find((a) => a.isPreferred)!;
    expect(preferred.kind).toBe('quickfix');
    expect(preferred.diagnostics?.[0]?.code).toBe('metric-gap');
    const version = await doc.apply(editsOf(preferred.edit, docUri));
    const after = await diagnosticsFor(docUri, version);
    expect(after.some((d) => d.code === 'metric-gap')).toBe(false);
    // The inserted discussion lands inside the evaluation section, before anything after it.
    expect(doc.text().indexOf('## Evaluation')).toBeLessThan(doc.text().indexOf('disagree'));
    expect(doc.text().indexOf('disagree')).toBeLessThan(doc.text().indexOf('## Deployment and serving'));
  });

  it('disables a rule for a line with a control comment', async () => {
    const diagnostics = await diagnosticsFor(docUri, doc.version);
    const missing = diagnostics.find((d) => d.code === 'missing-step')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: docUri }, range: missing.range, context: { diagnostics: [missing] } })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable missing-step for this line')!;
    const line = doc.text().split('\n')[missing.range.start.line]!;
    const version = await doc.apply(editsOf(disable.edit, docUri));
    expect(doc.text()).toContain(`<!-- mlsd-disable-next-line missing-step -->\n${line}`);
    const after = await diagnosticsFor(docUri, version);
    expect(after.some((d) => d.code === 'missing-step')).toBe(false);
  });

  it('fixes all auto-fixable problems with one source action', async () => {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: docUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.mlsd']);
    const version = await doc.apply(editsOf(actions[0]!.edit, docUri));
    const after = await diagnosticsFor(docUri, version);
    // What is left is the writer's: the {{placeholders}} of the inserted scaffolds (and a budget that is still one).
    expect(after.filter((d) => !['missing-step', 'unfilled-placeholder', 'thin-step'].includes(String(d.code)) && !(d.code === 'latency-budget' && /placeholder/.test(String(d.message))))).toEqual([]);
    expect(after.some((d) => d.code === 'unfilled-placeholder')).toBe(true);
  });

  it('completes missing step headings, metric names and template snippets', async () => {
    const fresh = new EditorDocument(client, pathToFileURL(join(workspace, 'design-docs', 'completion.md')).href, fixture + '\n## ');
    await fresh.open();
    const lastLine = fresh.document.lineCount - 1;
    const headings = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: fresh.uri },
      position: { line: lastLine, character: 3 },
    })) as CompletionItem[] | CompletionList;
    const headingItems = Array.isArray(headings) ? headings : headings.items;
    expect(headingItems.map((i) => i.label)).toEqual(['Deployment and serving', 'Monitoring and maintenance']);
    const serving = headingItems[0]!;
    expect(serving.insertTextFormat).toBe(2);
    const servingEdit = serving.textEdit as TextEdit;
    expect(servingEdit.newText).toMatch(/^Deployment and serving\n\n/);
    expect(servingEdit.newText).toMatch(/^### Latency budget/m);

    // Inside the evaluation section: metric names, offline and online.
    const evaluationLine = fresh.text().split('\n').indexOf('## Evaluation') + 2;
    const metrics = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: fresh.uri },
      position: { line: evaluationLine, character: 0 },
    })) as CompletionItem[];
    const ctr = metrics.find((i) => i.label === 'CTR');
    expect(ctr?.detail).toBe('online metric');
    expect(metrics.find((i) => i.label === 'NDCG')?.detail).toBe('offline metric');
    // The template fragments that fit the evaluation step (issue 13: no latency budget table among the metrics).
    expect(metrics.map((i) => i.label)).toEqual(expect.arrayContaining(['Metrics table', 'Offline/online metric gap']));
    expect(metrics.map((i) => i.label)).not.toContain('Latency budget table');
    await client.close(fresh.uri);
  });

  it('explains a heading and a metric on hover', async () => {
    const lines = doc.text().split('\n');
    const headingLine = lines.indexOf('## Evaluation');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: docUri }, position: { line: headingLine, character: 4 } });
    const text = (hover?.contents as MarkupContent).value;
    expect(text).toContain('Step 5 of 7');
    expect(text).toContain('present');
    const rmseLine = lines.findIndex((line) => line.includes('RMSE'));
    const metric = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: docUri }, position: { line: rmseLine, character: lines[rmseLine]!.indexOf('RMSE') + 1 } });
    expect((metric?.contents as MarkupContent).value).toMatch(/\*\*RMSE\*\* \(offline\)/);
  });

  it('lists the template steps in the outline', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: docUri } })) as DocumentSymbol[];
    const root = symbols.find((s) => s.name === 'Ride ETA prediction')!;
    const evaluation = root.children!.find((s) => s.name === 'Evaluation')!;
    expect(evaluation.detail).toBe('Step 5: Evaluation, present');
  });

  it('answers the custom requests: coverage, diagrams, rules, force-check', async () => {
    const coverage = (await client.sendRequest('mlsd/coverage', { uri: docUri })) as CoverageResult;
    expect(coverage.items.map((i) => i.id)).toEqual(['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring', 'metric-gap', 'latency-budget']);
    const rules = (await client.sendRequest('mlsd/rules', undefined)) as RuleInfo[];
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['missing-step', 'metric-gap', 'latency-budget']));
    const notesUri = pathToFileURL(join(workspace, 'notes.md')).href;
    await client.open(notesUri, '# Notes\n\n## Architecture\n\n```mermaid\ngraph LR\n  A --> B\n```\n');
    const diagrams = (await client.sendRequest('mlsd/diagrams', { uri: notesUri })) as DiagramInfo[];
    expect(diagrams).toEqual([{ line: 4, codeStartLine: 5, endLine: 7, code: 'graph LR\n  A --> B', heading: 'Architecture' }]);
    expect(client.diagnostics.filter((p) => p.uri === notesUri).flatMap((p) => p.diagnostics)).toEqual([]);
    const from = client.diagnostics.length;
    await client.sendRequest('mlsd/forceCheck', { uri: notesUri, enabled: true });
    const forced = await client.waitForDiagnostics((p) => p.uri === notesUri && p.diagnostics.length > 0, 15_000, from);
    expect(forced.diagnostics.map((d) => d.code)).toContain('missing-step');
    await client.close(notesUri);
  });

  it('applies a settings change to open documents at once', async () => {
    const from = client.diagnostics.length;
    settings = { rules: { 'missing-step': 'off' }, include: ['**/design-docs/**/*.md'] };
    await client.changeConfiguration({ mlsd: settings });
    const after = await client.waitForDiagnostics((p) => p.uri === docUri, 15_000, from);
    expect(after.diagnostics.some((d) => d.code === 'missing-step')).toBe(false);
    settings = {};
    await client.changeConfiguration({ mlsd: settings });
  });

  it('shows a config-file error as a diagnostic on the config file and keeps serving', async () => {
    const configPath = join(workspace, '.mlsdrc.json');
    const configUri = pathToFileURL(configPath).href;
    writeFileSync(configPath, '{\n  "rules": {\n    "metric-gap": "loud"\n  }\n}\n');
    const from = client.diagnostics.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Created }] });
    const configDiagnostics = await client.waitForDiagnostics((p) => p.uri === configUri && p.diagnostics.length > 0, 15_000, from);
    expect(configDiagnostics.diagnostics[0]!.range.start.line).toBe(2);
    expect(configDiagnostics.diagnostics[0]!.message).toMatch(/metric-gap/);
    // A valid config now turns a rule off, and the open document follows at once.
    writeFileSync(configPath, '{ "rules": { "latency-budget": "off", "missing-step": "off" } }\n');
    const from2 = client.diagnostics.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    // Re-lints started by the first change may still report the old content; what counts is
    // that the config file ends up clean and the document follows the new config.
    await client.waitForDiagnostics((p) => p.uri === configUri && p.diagnostics.length === 0, 15_000, from2);
    await client.waitForDiagnostics((p) => p.uri === docUri && !p.diagnostics.some((d) => d.code === 'missing-step' || d.code === 'latency-budget'), 15_000, from2);
    rmSync(configPath);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Deleted }] });
    expect(client.isAlive()).toBe(true);
  });
});

describe('pull diagnostics', () => {
  it('answers textDocument/diagnostic and does not push when the client pulls', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mlsd-lsp-pull-'));
    const pulling = await LspTestClient.start({
      workspaceFolder: pathToFileURL(ws).href,
      capabilities: { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } } },
    });
    try {
      expect(pulling.initializeResult!.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: false });
      const uri = pathToFileURL(join(ws, 'eta.design.md')).href;
      await pulling.open(uri, fixture);
      const report = await pulling.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      expect(report.kind).toBe('full');
      const items = report.kind === 'full' ? report.items : [];
      expect(items.map((d) => d.code)).toContain('metric-gap');
      const again = await pulling.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: report.kind === 'full' ? report.resultId : undefined });
      expect(again.kind).toBe('unchanged');
      expect(pulling.diagnostics.filter((p) => p.uri === uri)).toEqual([]);
    } finally {
      await pulling.stop();
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('shutdown', () => {
  it('answers requests after shutdown with InvalidRequest, ignores notifications, and exits with 0 on exit', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mlsd-lsp-shutdown-'));
    const closing = await LspTestClient.start({ workspaceFolder: pathToFileURL(ws).href });
    try {
      const before = pathToFileURL(join(ws, 'before.design.md')).href;
      await closing.open(before, fixture);
      await closing.waitForDiagnostics((p) => p.uri === before && p.diagnostics.length > 0);
      await closing.connection.sendRequest(ShutdownRequest.type);
      const position = { line: 0, character: 2 };
      for (const ask of [
        () => closing.connection.sendRequest(HoverRequest.type, { textDocument: { uri: before }, position }),
        () => closing.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: before }, position }),
        () => closing.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: before } }),
        () => closing.sendRequest('mlsd/coverage', { uri: before }),
        () => closing.sendRequest('mlsd/no-such-method', {}),
        () => closing.connection.sendRequest(ShutdownRequest.type),
      ]) {
        await expect(ask()).rejects.toMatchObject({ code: ErrorCodes.InvalidRequest });
      }
      // A document opened after shutdown is not linted: no diagnostics come.
      const after = pathToFileURL(join(ws, 'after.design.md')).href;
      const from = closing.diagnostics.length;
      await closing.open(after, fixture);
      await closing.changeConfiguration({ mlsd: {} });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(closing.diagnostics.slice(from)).toEqual([]);
      await closing.connection.sendNotification(ExitNotification.type);
      expect(await closing.exited).toBe(0);
    } finally {
      await closing.stop();
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
