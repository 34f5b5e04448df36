// The judgment in the editor (issue 10), over stdio with a real client: the hover on a step heading
// shows the step's checklist with links to the lines that met it; the thin-step message opens with
// what the step lacks; a code action inserts one prompt per missing checkpoint (never preferred,
// never part of "Fix all"); the coverage request carries the readiness for the status bar.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, HoverRequest, type CodeAction, type Diagnostic, type MarkupContent, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import type { CoverageResult } from '../../server/src/protocol';
import { CHECKPOINT_QUESTIONS, checkpointPrompt } from '../../server/src/lsp/checkpointPrompts';
import { checklistMarkdown, lineLink } from '../../server/src/lsp/hover';
import { EditorDocument } from './helpers/editorDocument';
import { LspTestClient } from './helpers/serverProcess';

// Zero-based lines: 2 "## Requirements", 4 the scale (met: scale), 6 "## Model" (thin: prompts only).
const DOC = `# Feed ranking

## Requirements

We serve 100M daily active users at 20k QPS; the business objective is to increase watch time.

## Model

- What model would you use?

## Evaluation

Offline metrics: NDCG@10 and recall@100 on the last week of logs. Online metrics: watch time and CTR, in an A/B test against the current ranker.
`;

let workspace: string;
let client: LspTestClient;

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.documentChanges)
    return edit.documentChanges.flatMap((change) => ('textDocument' in change && change.textDocument.uri === uri ? change.edits.filter((e): e is TextEdit => 'newText' in e) : []));
  return edit.changes?.[uri] ?? [];
}

/** A document in the editor, with what the judgment tests read back from the server. */
class JudgedDocument extends EditorDocument {
  async openAndWait(): Promise<Diagnostic[]> {
    await this.open();
    return this.diagnostics();
  }
  async applyAndWait(edits: TextEdit[]): Promise<Diagnostic[]> {
    await this.apply(edits);
    return this.diagnostics();
  }
  async diagnostics(): Promise<Diagnostic[]> {
    const version = this.document.version;
    return (await client.waitForDiagnostics((p) => p.uri === this.uri && p.version === version)).diagnostics;
  }
  async actionsFor(diagnostic: Diagnostic): Promise<CodeAction[]> {
    return (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: this.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  }
  async hover(line: number): Promise<string> {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: this.uri }, position: { line, character: 4 } });
    return (hover?.contents as MarkupContent).value;
  }
  async coverage(): Promise<CoverageResult> {
    return (await client.sendRequest('mlsd/coverage', { uri: this.uri })) as CoverageResult;
  }
}

function docAt(name: string, text = DOC): JudgedDocument {
  return new JudgedDocument(client, pathToFileURL(join(workspace, 'design-docs', name)).href, text);
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'mlsd-lsp-judgment-'));
  mkdirSync(join(workspace, 'design-docs'));
  client = await LspTestClient.start({ workspaceFolder: pathToFileURL(workspace).href, settings: () => ({}) });
}, 120_000);

afterAll(async () => {
  await client?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

describe('hover on a step heading: the checklist', () => {
  it('shows the score, each checkpoint met with a link to its line, and those not yet with why', async () => {
    const doc = docAt('hover.md');
    await doc.openAndWait();
    const coverage = await doc.coverage();
    const clarify = coverage.items.find((item) => item.id === 'clarify')!;
    const text = await doc.hover(2);
    expect(text).toContain('Step 1 of 7: Clarify requirements');
    expect(text).toMatch(new RegExp(`· ${clarify.score}/3 `));
    const checkpoints = clarify.checkpoints!;
    expect(text).toContain(`**Checklist** (${checkpoints.filter((c) => c.met).length} of ${checkpoints.length} met)`);
    const scale = checkpoints.find((c) => c.id === 'scale')!;
    expect(scale).toMatchObject({ met: true, line: 4 });
    // The link opens this document at the line that met the checkpoint (one-based in the fragment).
    expect(text).toContain(`- ✓ Scale in numbers (users, items, QPS) — [line 5](${doc.uri}#L5)`);
    for (const unmet of checkpoints.filter((c) => !c.met)) expect(text).toContain(`- ○ ${unmet.title} — not yet: `);
  });

  it('on a thin step lists every checkpoint as not yet', async () => {
    const doc = docAt('hover-thin.md');
    await doc.openAndWait();
    const text = await doc.hover(6);
    expect(text).toContain('Step 4 of 7: Model development');
    expect(text).toMatch(/\(thin .*· 1\/3 weak\)$/m);
    expect(text).toMatch(/- ○ A simple baseline — not yet: /);
    // Checkpoints are met anywhere in the doc: those met elsewhere link there.
    const model = (await doc.coverage()).items.find((item) => item.id === 'model')!;
    expect(text.match(/✓/g)?.length ?? 0).toBe(model.checkpoints!.filter((c) => c.met).length);
    for (const met of model.checkpoints!.filter((c) => c.met)) expect(text).toContain(`- ✓ ${met.title} — [line ${met.line! + 1}](${doc.uri}#L${met.line! + 1})`);
  });
});

describe('thin-step message', () => {
  it('opens with a short clause naming what the step lacks', async () => {
    const doc = docAt('message.md');
    const diagnostics = await doc.openAndWait();
    const thin = diagnostics.find((d) => d.code === 'thin-step' && d.range.start.line === 6)!;
    expect(thin.message).toMatch(/^"Model" is thin: no baseline, model choice\b.* yet\.$/);
    expect(String(thin.message).length).toBeLessThan(100);
    // The rest is on hover, over the squiggle.
    const hover = await doc.hover(thin.range.start.line);
    expect(hover).toMatch(/\*\*thin-step\*\*: Section "Model" holds only prompts/);
  });
});

describe('code action: prompts for the missing checkpoints', () => {
  it('inserts one prompt per missing checkpoint at the end of a thin step, which stays thin', async () => {
    const doc = docAt('prompts.md');
    const diagnostics = await doc.openAndWait();
    const thin = diagnostics.find((d) => d.code === 'thin-step' && d.range.start.line === 6)!;
    const actions = await doc.actionsFor(thin);
    const prompts = actions.find((a) => a.title.startsWith('Insert prompts for the'))!;
    expect(prompts).toBeDefined();
    expect(prompts.kind).toBe('quickfix');
    expect(prompts.isPreferred).toBe(false);
    const model = (await doc.coverage()).items.find((item) => item.id === 'model')!;
    const missing = model.checkpoints!.filter((c) => !c.met);
    expect(prompts.title).toBe(`Insert prompts for the ${missing.length} missing checkpoints of "Model development"`);

    const after = await doc.applyAndWait(editsOf(prompts.edit, doc.uri));
    const text = doc.text();
    const section = text.slice(text.indexOf('## Model'), text.indexOf('## Evaluation'));
    expect(section).toContain('- What model would you use?');
    expect(section).toContain('- Baseline: {{what simple model do you compare against?}}');
    for (const checkpoint of missing) expect(section).toContain(checkpointPrompt(checkpoint));
    // Markdown stays well formed: a blank line before the next heading.
    expect(text).toMatch(/\}\}\n\n## Evaluation/);
    // Prompts are not answers: the step is still thin, and the finding is still there.
    expect((await doc.coverage()).items.find((item) => item.id === 'model')).toMatchObject({ status: 'thin', score: 1 });
    expect(after.some((d) => d.code === 'thin-step' && d.range.start.line === 6)).toBe(true);
  });

  it('inserts a section with prompts for a missing step, at its place in the template', async () => {
    const doc = docAt('missing.md');
    const diagnostics = await doc.openAndWait();
    const missing = diagnostics.find((d) => d.code === 'missing-step' && String(d.message).includes('Data preparation'))!;
    const actions = await doc.actionsFor(missing);
    const prompts = actions.find((a) => a.title.startsWith('Add prompts for the') && a.title.endsWith('of "Data preparation" as a new section'))!;
    expect(prompts.isPreferred).toBe(false);
    // The skeleton section stays the preferred fix.
    expect(actions.find((a) => a.isPreferred)?.title).toMatch(/^Insert (a ".*Data preparation.*" section|the \d+ missing sections here)$/);
    const lacking = (await doc.coverage()).items.find((item) => item.id === 'data')!.checkpoints!.filter((c) => !c.met);
    expect(lacking.map((c) => c.id)).toContain('labels');
    await doc.applyAndWait(editsOf(prompts.edit, doc.uri));
    const text = doc.text();
    expect(text.indexOf('## Data preparation')).toBeGreaterThan(text.indexOf('## Requirements'));
    expect(text.indexOf('## Data preparation')).toBeLessThan(text.indexOf('## Model'));
    expect(text).toContain(`## Data preparation\n\n${lacking.map(checkpointPrompt).join('\n')}\n\n## Model`);
    expect(text).toContain('- Labels: {{where do labels come from, and how are negatives sampled?}}');
    expect((await doc.coverage()).items.find((item) => item.id === 'data')).toMatchObject({ status: 'thin', score: 1 });
  });

  it('on the heading of a present step short of strong, offers the prompts without a diagnostic', async () => {
    const doc = docAt('present.md');
    await doc.openAndWait();
    const evaluation = (await doc.coverage()).items.find((item) => item.id === 'evaluation')!;
    expect(evaluation.status).toBe('present');
    const lacking = evaluation.checkpoints!.filter((c) => !c.met);
    expect(lacking.map((c) => c.id)).toContain('metric-gap');
    const line = doc.text().split('\n').indexOf('## Evaluation');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: { start: { line, character: 3 }, end: { line, character: 3 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const prompts = actions.filter((a) => a.title.startsWith('Insert prompts for the'));
    expect(prompts.map((a) => a.title)).toEqual([`Insert prompts for the ${lacking.length} missing checkpoint${lacking.length === 1 ? '' : 's'} of "Evaluation"`]);
    expect(prompts[0]!.isPreferred).toBe(false);
    expect(prompts[0]!.diagnostics).toBeUndefined();
    await doc.applyAndWait(editsOf(prompts[0]!.edit, doc.uri));
    expect(doc.text().endsWith(`${lacking.map(checkpointPrompt).join('\n')}\n`)).toBe(true);
    expect(doc.text()).toContain('A/B test against the current ranker.\n\n- ');
  });

  it('is never part of "Fix all auto-fixable problems"', async () => {
    const doc = docAt('fixall.md');
    await doc.openAndWait();
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    const inserted = editsOf(actions[0]?.edit, doc.uri)
      .map((e) => e.newText)
      .join('\n');
    for (const question of Object.values(CHECKPOINT_QUESTIONS)) expect(inserted).not.toContain(`{{${question}}}`);
  });
});

describe('coverage for the status bar', () => {
  it('carries the readiness and the per-step scores', async () => {
    const doc = docAt('coverage.md');
    await doc.openAndWait();
    const coverage = await doc.coverage();
    expect(coverage.readiness).toBeGreaterThan(0);
    expect(coverage.readiness).toBeLessThan(65);
    for (const item of coverage.items.filter((i) => i.kind === 'step')) expect([0, 1, 2, 3]).toContain(item.score);
  });
});

describe('units', () => {
  it('every built-in question reads as a placeholder: under 80 characters, no braces', () => {
    for (const [id, question] of Object.entries(CHECKPOINT_QUESTIONS)) {
      expect(question.length, id).toBeLessThanOrEqual(78);
      expect(question, id).not.toMatch(/[{}\n]/);
      expect(checkpointPrompt({ id, title: id })).toMatch(/^- \S.*: \{\{.+\}\}$/);
    }
    expect(checkpointPrompt({ id: 'owner', title: 'Owner (team and on-call)' })).toBe('- Owner: {{Owner (team and on-call)?}}');
    const evil = checkpointPrompt({ id: 'evil', title: 'Bad }} title\n# heading' });
    expect(evil).toBe('- Bad title \\# heading: {{Bad title \\# heading?}}');
  });

  it('links a line with the #L fragment VS Code opens, escaping what would end the link', () => {
    expect(lineLink('file:///a/doc.md', 0)).toBe('[line 1](file:///a/doc.md#L1)');
    expect(lineLink('file:///a/my (draft).md', 9)).toBe('[line 10](file:///a/my%20%28draft%29.md#L10)');
    expect(checklistMarkdown('file:///d.md', { status: 'missing', reason: '' })).toBeUndefined();
    expect(
      checklistMarkdown('file:///d.md', {
        status: 'present',
        reason: '',
        checkpoints: [
          { id: 'a', title: 'A *thing*', met: true, line: 3 },
          { id: 'b', title: 'B', met: false, why: 'Because.' },
        ],
      }),
    ).toBe('**Checklist** (1 of 2 met)\n\n- ✓ A \\*thing\\* — [line 4](file:///d.md#L4)\n- ○ B — not yet: Because.');
  });
});
