// Issue 13 over a real LSP client on stdio: heading completion never takes over Enter (items 2),
// completion offers what fits the place (item 3: metrics, template fragments, and the whole-document skeletons
// only in an empty document, which left the static snippets for that reason), the coverage carries the effective rule severities
// (item 4), and rule links point at the pages installed with the server, so they work offline (item 8).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompletionRequest, CompletionTriggerKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getTemplateText } from '../../server/src/engine/skeletons';
import type { CoverageResult } from '../../server/src/protocol';
import { bundleForNode } from '../helpers/nodeBundle';
import { FULL_CAPABILITIES, LspTestClient } from './helpers/serverProcess';

const ROOT = join(__dirname, '..', '..');
const fixture = readFileSync(join(__dirname, 'fixtures', 'partial.design.md'), 'utf8');

let workspace: string;
let installed: string;
let client: LspTestClient;
let settings: Record<string, unknown> = {};
let version = 0;

/** The server laid out as installed: <package>/dist/server.js beside <package>/docs/rules/. */
async function installedServer(): Promise<string> {
  installed = mkdtempSync(join(tmpdir(), 'mlsd-installed-'));
  mkdirSync(join(installed, 'docs'));
  symlinkSync(join(ROOT, 'docs', 'rules'), join(installed, 'docs', 'rules'));
  const outfile = join(installed, 'dist', 'server.js');
  await bundleForNode({ entryPoints: [join(ROOT, 'server/src/lsp/main.ts')], outfile });
  return outfile;
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'mlsd-lsp-ux-'));
  mkdirSync(join(workspace, 'design-docs'));
  client = await LspTestClient.start({ workspaceFolder: pathToFileURL(workspace).href, settings: () => settings, serverBundle: await installedServer() });
}, 60_000);

afterAll(async () => {
  await client?.stop();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(installed, { recursive: true, force: true });
});

/** Opens `text` as a new design doc and returns its uri. */
async function openDoc(name: string, text: string): Promise<string> {
  const uri = pathToFileURL(join(workspace, 'design-docs', name)).href;
  writeFileSync(join(workspace, 'design-docs', name), text);
  await client.open(uri, text, ++version);
  await client.waitForDiagnostics((p) => p.uri === uri);
  return uri;
}

async function complete(uri: string, position: Position, trigger?: string, by: LspTestClient = client): Promise<CompletionItem[]> {
  const context = trigger ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: trigger } : { triggerKind: CompletionTriggerKind.Invoked };
  const result = (await by.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, context })) as CompletionItem[] | CompletionList | null;
  return Array.isArray(result) ? result : (result?.items ?? []);
}

const endOf = (text: string): Position => {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines.at(-1)!.length };
};

describe('heading completion does not take over Enter (issue 13, item 2)', () => {
  it('typing a heading title offers no skeleton; an empty heading line and Ctrl+Space do, none preselected', async () => {
    // The space typed inside "## Requirements …" is not a request.
    const text = `${fixture}\n## Requirements `;
    const uri = await openDoc('typed-title.md', text);
    expect(await complete(uri, endOf(text), ' ')).toEqual([]);
    // Nor a `#` typed at the start of a line, before any space.
    const hash = `${fixture}\n##`;
    const hashUri = await openDoc('typed-hash.md', hash);
    expect(await complete(hashUri, endOf(hash), '#')).toEqual([]);

    // On an empty heading line the skeletons are offered, none preselected.
    const empty = `${fixture}\n## `;
    const items = await complete(await openDoc('empty-heading.md', empty), endOf(empty), ' ');
    expect(items.map((item) => item.label)).toEqual(['Deployment and serving', 'Monitoring and maintenance']);
    expect(items.some((item) => item.preselect)).toBe(false);

    // Ctrl+Space (an invoked request) still offers them on a heading being typed.
    const invoked = `${fixture}\n## Deploy`;
    expect((await complete(await openDoc('invoked.md', invoked), endOf(invoked))).map((item) => item.label)).toContain('Deployment and serving');
  });
});

describe('evaluation completion offers what fits the place (issue 13, item 3)', () => {
  const sortedLabels = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((item) => item.label);
  const metricKinds = (items: CompletionItem[]) => sortedLabels(items.filter((item) => /metric$/.test(item.detail ?? ''))).map((label) => items.find((item) => item.label === label)!.detail);

  it('under "Online metrics:" online metrics come first, under "Offline metrics:" offline ones', async () => {
    const online = `${fixture}\nOnline metrics:\n\n- `;
    const onlineItems = await complete(await openDoc('online.md', online), endOf(online));
    expect(metricKinds(onlineItems)[0]).toBe('online metric');
    expect(metricKinds(onlineItems).indexOf('offline metric')).toBeGreaterThan(metricKinds(onlineItems).lastIndexOf('online metric'));

    const offline = `${fixture}\n**Offline metrics:**\n- NDCG\n- `;
    expect(metricKinds(await complete(await openDoc('offline.md', offline), endOf(offline)))[0]).toBe('offline metric');

    const heading = `${fixture}\n### Online metrics\n\n| Metric | Goal |\n|---|---|\n| `;
    expect(metricKinds(await complete(await openDoc('online-heading.md', heading), endOf(heading)))[0]).toBe('online metric');

    const inline = `${fixture}\nOnline metrics: `;
    expect(metricKinds(await complete(await openDoc('online-inline.md', inline), endOf(inline)))[0]).toBe('online metric');
  });

  it('inside the evaluation section it offers the evaluation fragments, not the serving or diagram ones', async () => {
    const text = `${fixture}\n`;
    const labels = (await complete(await openDoc('fragments.md', text), endOf(text))).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['Metrics table', 'Offline/online metric gap']));
    expect(labels).not.toContain('Latency budget table');
    expect(labels).not.toContain('Two-stage funnel diagram');
  });
});

describe('whole-document skeletons only where a whole doc fits (issue 13, item 3)', () => {
  const isDocSkeleton = (item: CompletionItem) => item.label.startsWith('New design doc');
  /** The document after accepting an item: its edit and its additional edits. */
  const accept = (text: string, item: CompletionItem): string =>
    TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]);

  it('an empty doc is offered the seven-step template and each case study as snippets, none preselected, and no lone fragment', async () => {
    const items = await complete(await openDoc('empty.md', ''), { line: 0, character: 0 });
    const skeletons = items.filter(isDocSkeleton).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    expect(skeletons.map((item) => item.label)).toEqual(expect.arrayContaining(['New design doc: seven-step template', 'New design doc: Visual search', 'New design doc: Ad click prediction']));
    expect(skeletons[0]?.label).toBe('New design doc: seven-step template');
    expect(skeletons.every((item) => item.insertTextFormat === InsertTextFormat.Snippet)).toBe(true);
    expect(items.some((item) => item.preselect)).toBe(false);
    // Placeholders become tab stops, like the static snippets had.
    expect(accept('', skeletons[0]!)).toBe(getTemplateText('generic', 'snippet'));
    expect(accept('', skeletons[0]!)).toMatch(/\$\{1:[^}]+\}/);
    expect(items.map((item) => item.label)).not.toContain('Metrics table');
  });

  it('typed as `mlsd-doc-<case>` below blank lines, the skeleton replaces the word and lands at the top (front matter first)', async () => {
    const text = '\n\n  mlsd-doc-visual';
    const items = await complete(await openDoc('typed-prefix.md', text), endOf(text));
    const visual = items.find((item) => item.label === 'New design doc: Visual search');
    expect(visual?.filterText).toMatch(/^mlsd-doc-visual-search\b/);
    expect(accept(text, visual!)).toBe(getTemplateText('visual-search', 'snippet'));
    expect(accept(text, visual!).startsWith('---\n')).toBe(true);
  });

  it('inside a section, or in a doc with anything else in it, no whole-document skeleton is offered', async () => {
    // The same request in an empty doc offers them (so the absences below are the place's doing).
    expect((await complete(await openDoc('empty-control.md', '\n'), { line: 1, character: 0 })).filter(isDocSkeleton)).not.toEqual([]);

    const inEvaluation = `${fixture}\n`;
    const evaluationItems = await complete(await openDoc('in-evaluation.md', inEvaluation), endOf(inEvaluation));
    expect(evaluationItems.filter(isDocSkeleton)).toEqual([]);
    expect(evaluationItems.map((item) => item.label)).toContain('Metrics table');

    const short = '## Evaluation\n\nWe compare NDCG offline with CTR online.\n\n';
    expect((await complete(await openDoc('short-evaluation.md', short), endOf(short))).filter(isDocSkeleton)).toEqual([]);

    // A title alone is not an empty doc either; and a word typed before other text is not at the top.
    const titled = '# My system\n\n';
    expect((await complete(await openDoc('titled.md', titled), endOf(titled))).filter(isDocSkeleton)).toEqual([]);
    const above = 'mlsd\n\nSome notes.';
    expect((await complete(await openDoc('above.md', above), { line: 0, character: 4 })).filter(isDocSkeleton)).toEqual([]);

    // A typed trigger character never offers them, even in an empty doc.
    expect((await complete(await openDoc('empty-trigger.md', ' '), { line: 0, character: 1 }, ' ')).filter(isDocSkeleton)).toEqual([]);
  });

  it('a client without snippet support gets the plain template, {{placeholders}} kept', async () => {
    const plain = await LspTestClient.start({
      workspaceFolder: pathToFileURL(workspace).href,
      settings: () => ({}),
      serverBundle: join(installed, 'dist', 'server.js'),
      capabilities: { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: false } } } },
    });
    try {
      const uri = pathToFileURL(join(workspace, 'design-docs', 'plain-empty.md')).href;
      writeFileSync(join(workspace, 'design-docs', 'plain-empty.md'), '');
      await plain.open(uri, '', 1);
      await plain.waitForDiagnostics((p) => p.uri === uri);
      const generic = (await complete(uri, { line: 0, character: 0 }, undefined, plain)).find((item) => item.label === 'New design doc: seven-step template');
      expect(generic?.insertTextFormat).toBe(InsertTextFormat.PlainText);
      expect(accept('', generic!)).toBe(getTemplateText('generic', 'text'));
    } finally {
      await plain.stop();
    }
  }, 30_000);
});

describe('coverage and rule links (issue 13, items 4 and 8)', () => {
  it("the coverage carries each rule's effective severity, following the settings", async () => {
    const uri = await openDoc('severities.md', fixture);
    const first = (await client.sendRequest('mlsd/coverage', { uri })) as CoverageResult;
    expect(first.rules).toMatchObject({ 'metric-gap': 'warning', 'latency-budget': 'warning', 'mermaid-syntax': 'error' });
    const seen = client.notifications.length;
    settings = { rules: { 'metric-gap': 'off' } };
    await client.changeConfiguration({ mlsd: settings });
    const pushed = (await client.waitForNotification(
      'mlsd/coverageChanged',
      (p) => (p as CoverageResult).uri === uri && (p as CoverageResult).rules?.['metric-gap'] === 'off',
      15_000,
      seen,
    )) as CoverageResult;
    expect(pushed.rules?.['latency-budget']).toBe('warning');
    settings = {};
    await client.changeConfiguration({ mlsd: settings });
  });

  it('a finding links to the rule page installed with the server (offline), not to a web page', async () => {
    const uri = await openDoc('links.md', fixture);
    const published = await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'metric-gap'));
    const gap = published.diagnostics.find((d) => d.code === 'metric-gap')!;
    expect(gap.codeDescription?.href).toBe(`${pathToFileURL(join(installed, 'docs', 'rules')).href}/metric-gap.md`);
    expect(readFileSync(new URL(gap.codeDescription!.href), 'utf8')).toMatch(/^# `metric-gap`/m);
  });
});
