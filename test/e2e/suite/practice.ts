// Interview practice mode in the real extension host: a session on a case study from start to
// debrief, driven through the commands a user runs and read back through what the user sees (the
// status bar clock, the Design Practice views, the debrief page's own render report, the files on
// disk). The clock is the extension's test clock (registered in test mode), advanced, never slept on.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { MlsdExtensionApi } from '../../../client/src/extension';
import { getTemplateText } from '../../../server/src/engine/skeletons';
import { note, test, waitFor } from './harness';

const EXTENSION_ID = 'mlsd-tools.mlsd-design-docs';
const ADVANCE = 'mlsd.practice.test.advanceClock';
const MINUTE = 60_000;

async function api(): Promise<MlsdExtensionApi> {
  const extension = vscode.extensions.getExtension<MlsdExtensionApi>(EXTENSION_ID);
  assert.ok(extension);
  return extension.isActive ? extension.exports : extension.activate();
}

function row(rows: { label: string; description: string }[], label: string): { label: string; description: string } | undefined {
  // Top-level rows only: the session's phase rows (indented) carry the same step titles.
  return rows.find((r) => r.label === label);
}

const scoreOf = (description: string | undefined): number => Number(/^(\d)\/3/.exec(description ?? '')?.[1] ?? -1);

const CLARIFY_ANSWER = [
  '',
  'The business objective is more saves and click-throughs on pins: the system returns a ranked list of 20 visually similar images, shown under the pin a user opened and on image search.',
  'Scale: 5 billion images in the index, 200 million daily active users, 2,000 visual searches per second at peak, 10 million new images a day.',
  'Constraints: results within 300 ms p99, GPUs only in the offline indexing job, private boards never returned, and a fixed compute budget for the index.',
  'Data available: two years of click, save and hide logs, plus image metadata; no human labels today.',
  '',
].join('\n');

const DATA_ANSWER = [
  '',
  'Data sources: impression, click and save events logged by the client into Kafka, and the image store with its metadata; batch training data is the daily snapshot of those logs in the data lake, streaming features come through Flink.',
  'Labels: natural labels from user actions, a saved or clicked result is a positive; negatives are sampled from impressions that were shown and skipped, with label delay of a day for saves.',
  'Features: image embeddings, user features (history of saved images), item features (category, freshness), user-item interaction counts and context such as device and time of day.',
  'Class imbalance: positives are under 2% of impressions, so we down-sample negatives and reweight the loss.',
  '',
].join('\n');

export function registerPracticeTests(): void {
  let docUri: vscode.Uri | undefined;

  test('practice: "Start Practice Session" creates the case doc on disk, opens it and starts the clock', async () => {
    const mlsd = await api();
    const started = await vscode.commands.executeCommand<vscode.Uri | undefined>('mlsd.practice.start', 'visual-search', 45);
    assert.ok(started, 'a practice doc was created');
    docUri = started;
    assert.match(started.path, /\/practice\/visual-search-\d{4}-\d{2}-\d{2}(-\d+)?\.design\.md$/);
    assert.ok(existsSync(started.fsPath), 'the doc is saved on disk');
    assert.equal(readFileSync(started.fsPath, 'utf8'), getTemplateText('visual-search'), 'the doc is the case skeleton');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), started.toString(), 'the doc is the active editor');
    const clock = await waitFor('the practice clock', () => (mlsd.practice.clock().visible ? mlsd.practice.clock() : undefined));
    assert.match(clock.text, /Clarify · 0[45]:\d\d/);
    assert.equal(mlsd.practice.session()?.phase, 'clarify');
    note(`clock: ${clock.text}`);
    // The view shows the running session and the doc's seven steps, each scored.
    const rows = await waitFor('the Current Doc view to list the steps', async () => {
      const r = await mlsd.practice.stepsView();
      return row(r, 'Evaluation') ? r : undefined;
    });
    assert.ok(row(rows, 'Visual search'), 'the session row');
    assert.match(row(rows, 'Clarify requirements')!.description, /^[0-3]\/3 /);
    note(`clarify in the view: ${row(rows, 'Clarify requirements')!.description}`);
  });

  test('practice: advancing the clock past a phase ends it with a quiet line naming what the step misses', async () => {
    const mlsd = await api();
    assert.ok(mlsd.practice.session(), 'the session from the previous test runs');
    const before = mlsd.practice.notifications().length;
    await vscode.commands.executeCommand(ADVANCE, 5 * MINUTE + 1000);
    const notification = await waitFor('the phase notification', () => mlsd.practice.notifications()[before]);
    assert.equal(notification.phase, 'clarify');
    assert.doesNotMatch(notification.message, /\n/, 'one line');
    const coverage = await mlsd.coverage(docUri!);
    const clarify = coverage?.items.find((i) => i.id === 'clarify');
    const missedTitles = (clarify?.checkpoints ?? []).filter((c) => !c.met).map((c) => c.title);
    if (missedTitles.length > 0) {
      assert.ok(notification.missing.length > 0, 'the notification names missing checkpoints');
      assert.ok(
        notification.missing.every((title) => missedTitles.includes(title)),
        `named: ${notification.missing.join('; ')}`,
      );
      assert.ok(notification.message.includes(notification.missing[0]!), notification.message);
    } else {
      assert.match(notification.message, /thin|Not written/);
    }
    note(notification.message);
    assert.equal(mlsd.practice.session()?.phase, 'framing');
    assert.match(mlsd.practice.clock().text, /Framing · 0[45]:\d\d/);
    // The skeleton's clarify is still prompts only: the writer is behind, the clock says so.
    assert.equal(mlsd.practice.clock().warning, true, 'warning colour when a finished phase is still thin');
  });

  test('practice: pause freezes the clock and resume continues it', async () => {
    const mlsd = await api();
    await vscode.commands.executeCommand('mlsd.practice.pause');
    const paused = mlsd.practice.session()!.label;
    await vscode.commands.executeCommand(ADVANCE, 3 * MINUTE);
    assert.equal(mlsd.practice.session()!.label, paused, 'no time passes while paused');
    assert.equal(mlsd.practice.session()!.paused, true);
    await vscode.commands.executeCommand('mlsd.practice.resume');
    assert.equal(mlsd.practice.session()!.paused, false);
  });

  test('practice: writing into two steps raises their scores in the view, and the time lands in those steps', async () => {
    const mlsd = await api();
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(docUri!), { preview: false });
    const coverage = await waitFor('coverage of the practice doc', async () => {
      const c = await mlsd.coverage(docUri!);
      return c?.isDesignDoc && c.items.find((i) => i.id === 'data')?.line !== undefined ? c : undefined;
    });
    const before = await mlsd.practice.stepsView();
    const clarifyBefore = scoreOf(row(before, 'Clarify requirements')?.description);
    const dataBefore = scoreOf(row(before, 'Data preparation')?.description);
    note(`before: clarify ${row(before, 'Clarify requirements')?.description}; data ${row(before, 'Data preparation')?.description}`);
    // Later section first, so the clarify heading's line stays where coverage put it.
    const dataLine = coverage.items.find((i) => i.id === 'data')!.line!;
    const clarifyLine = coverage.items.find((i) => i.id === 'clarify')!.line!;
    await vscode.commands.executeCommand(ADVANCE, 1 * MINUTE);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(dataLine + 1, 0), DATA_ANSWER)));
    await vscode.commands.executeCommand(ADVANCE, 2 * MINUTE);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(clarifyLine + 1, 0), CLARIFY_ANSWER)));
    const after = await waitFor(
      'higher scores for clarify and data in the view',
      async () => {
        const rows = await mlsd.practice.stepsView();
        return scoreOf(row(rows, 'Clarify requirements')?.description) > clarifyBefore && scoreOf(row(rows, 'Data preparation')?.description) > dataBefore ? rows : undefined;
      },
      20_000,
    );
    note(`after: clarify ${row(after, 'Clarify requirements')?.description}; data ${row(after, 'Data preparation')?.description}`);
    const stepMs = mlsd.practice.session()!.stepMs;
    assert.ok((stepMs.data ?? 0) >= MINUTE, `time in data: ${JSON.stringify(stepMs)}`);
    assert.ok((stepMs.clarify ?? 0) > 0, `time in clarify: ${JSON.stringify(stepMs)}`);
    assert.equal(stepMs.model ?? 0, 0, 'no time in a step nobody wrote in');
    // A paragraph put just before the framing heading is the clarify step's, not framing's.
    const framingLine = (await waitFor('framing moved down', async () => {
      const c = await mlsd.coverage(docUri!);
      const line = c?.items.find((i) => i.id === 'framing')?.line;
      return line !== undefined && line > clarifyLine + 4 ? line : undefined;
    }))!;
    const clarifyBeforeMs = stepMs.clarify ?? 0;
    await vscode.commands.executeCommand(ADVANCE, 30_000);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(framingLine, 0), 'Success criteria: saves per search up 3% in an A/B test.\n\n')));
    const now = await waitFor('the edit to be credited', () => {
      const ms = mlsd.practice.session()!.stepMs;
      return (ms.clarify ?? 0) !== clarifyBeforeMs || (ms.framing ?? 0) > 0 ? ms : undefined;
    });
    // 30 s of test clock, plus the real seconds the test itself took.
    const credited = (now.clarify ?? 0) - clarifyBeforeMs;
    assert.ok(credited >= 30_000 && credited < 40_000, `after the insert above the framing heading: ${JSON.stringify(now)}`);
    assert.equal(now.framing ?? 0, 0);
    await editor.document.save();
  });

  test('practice: finishing opens the debrief (table and chart) and saves the session JSON in .mlsd/practice/', async () => {
    const mlsd = await api();
    const recordPath = await vscode.commands.executeCommand<string | undefined>('mlsd.practice.finish');
    assert.ok(recordPath, 'the session was saved');
    assert.match(recordPath, /[\\/]\.mlsd[\\/]practice[\\/]visual-search-[\dT-]+\.json$/);
    const record = JSON.parse(readFileSync(recordPath, 'utf8'));
    note(`record: ${JSON.stringify(record).slice(0, 400)}`);
    assert.equal(record.version, 1);
    assert.equal(record.case, 'visual-search');
    assert.equal(record.lengthMinutes, 45);
    assert.equal(record.kind, 'full');
    assert.equal(record.steps.length, 7);
    assert.ok(record.readiness >= 0 && record.readiness <= 100);
    const data = record.steps.find((s: { id: string }) => s.id === 'data');
    assert.equal(data.plannedMinutes, 8);
    assert.ok(data.spentMinutes >= 1, `minutes in data: ${data.spentMinutes}`);
    assert.ok(data.score >= 2, `data score ${data.score}`);
    note(`saved ${recordPath.split(/[\\/]/).slice(-3).join('/')}: readiness ${record.readiness}`);
    const rendered = await waitFor('the debrief page to render', () => mlsd.practice.debriefRendered(), 20_000);
    note(`debrief page: ${JSON.stringify(rendered)}`);
    assert.equal(rendered.rows, 7, 'a row per step');
    assert.equal(rendered.bars, 7, 'a minutes bar per step');
    assert.equal(rendered.readiness, record.readiness);
    assert.equal(mlsd.practice.clock().visible, false, 'the clock is gone');
    assert.ok(!(await mlsd.practice.stepsView()).some((r) => / of 45 min/.test(r.description)), 'the session rows left the view');
    assert.equal(mlsd.practice.session(), undefined);
    const cases = await waitFor('the case to show as attempted', async () => {
      const rows = await mlsd.practice.casesView();
      return /best \d+ · 1 round/.test(row(rows, 'Visual search')?.description ?? '') ? rows : undefined;
    });
    assert.equal(row(cases, 'Ad click prediction')?.description, 'not tried');
    const sessions = await mlsd.practice.sessionsView();
    assert.ok(
      sessions.some((r) => r.label === 'Visual search' && r.description.startsWith(`${record.readiness} ·`)),
      JSON.stringify(sessions),
    );
    // A click on the session in the Sessions view opens its debrief again, even with its doc closed.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('mlsd.practice.openSession', record.date, record.case);
    const again = await waitFor('the debrief of the recorded session', () => mlsd.practice.debriefRendered(), 20_000);
    assert.equal(again.rows, 7);
    assert.equal(again.readiness, record.readiness);
  });

  test('practice: "Retry weakest step" starts a short session on that step alone', async () => {
    const mlsd = await api();
    await vscode.commands.executeCommand('mlsd.practice.retryStep', 'visual-search', 'evaluation');
    const session = await waitFor('the retry session', () => mlsd.practice.session());
    assert.equal(session.phase, 'evaluation');
    assert.match(session.label ?? '', /^Evaluation · 0[45]:\d\d$/);
    await vscode.commands.executeCommand('mlsd.practice.stop');
    assert.equal(mlsd.practice.session(), undefined, 'stop ends it without a record');
    assert.equal(mlsd.practice.history().filter((r) => r.kind === 'retry').length, 0);

    // A retry on the finished round's doc, finished: a record of its own that times one step.
    await vscode.commands.executeCommand('mlsd.practice.retryStep', 'visual-search', 'evaluation');
    const retry = await waitFor('the retry on the doc', () => mlsd.practice.session());
    assert.equal(retry.file, docUri!.toString(), "the retry works on the round's doc");
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.parse(retry.file)), { preview: false });
    const evaluation = await waitFor('the evaluation section', async () => (await mlsd.coverage(editor.document.uri))?.items.find((i) => i.id === 'evaluation')?.line);
    await vscode.commands.executeCommand(ADVANCE, 2 * MINUTE);
    assert.ok(
      await editor.edit((b) =>
        b.insert(new vscode.Position(evaluation + 1, 0), '\nOffline: recall@20 and mAP on held-out saves. Online: saves per search and click-through rate in an A/B test against the current model.\n'),
      ),
    );
    await waitFor('time in evaluation', () => (mlsd.practice.session()?.stepMs.evaluation ?? 0) > 0);
    const recordPath = await vscode.commands.executeCommand<string>('mlsd.practice.finish');
    assert.match(recordPath, /visual-search-retry-[\dT-]+\.json$/);
    const record = JSON.parse(readFileSync(recordPath, 'utf8'));
    assert.equal(record.kind, 'retry');
    assert.deepEqual(
      record.steps.filter((s: { plannedMinutes: number }) => s.plannedMinutes > 0).map((s: { id: string }) => s.id),
      ['evaluation'],
    );
    const rendered = await waitFor('the retry debrief', () => mlsd.practice.debriefRendered(), 20_000);
    assert.equal(rendered.bars, 1, 'the chart shows the one timed step');
    // Rounds, not retries, make a case's progress.
    assert.match(row(await mlsd.practice.casesView(), 'Visual search')?.description ?? '', /1 round/);
    await editor.document.save();
  });

  test('practice: a missing step in the Current Doc view inserts its skeleton', async () => {
    const mlsd = await api();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'design-docs', 'feed-ranking.md'));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    // From the file on disk, whatever an earlier test left in the buffer.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const rows = await waitFor('the monitoring step to show as missing', async () => {
      const r = await mlsd.practice.stepsView();
      return /^0\/3 missing/.test(row(r, 'Monitoring and maintenance')?.description ?? '') ? r : undefined;
    });
    assert.ok(row(rows, 'Readiness ' + (await mlsd.coverage(document.uri))!.readiness), JSON.stringify(rows.slice(0, 3)));
    await vscode.commands.executeCommand('mlsd.practice.insertStep', document.uri.toString(), 'monitoring');
    await waitFor('the monitoring section', () => /^## (?:7\. )?Monitoring and maintenance$/m.test(editor.document.getText()));
    await waitFor('the step to leave "missing" in the view', async () => !/^0\/3/.test(row(await mlsd.practice.stepsView(), 'Monitoring and maintenance')?.description ?? '0/3'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('practice: settings apply to a running session without a reload (notifications, phase minutes, folder)', async () => {
    const mlsd = await api();
    await vscode.commands.executeCommand('mlsd.practice.start', 'ad-click-prediction', 60);
    await waitFor('the new session', () => mlsd.practice.session()?.caseId === 'ad-click-prediction');
    assert.match(mlsd.practice.clock().text, /Clarify · 0[56]:\d\d/);
    const config = vscode.workspace.getConfiguration('mlsd.practice');
    try {
      // Notifications off: the phase still ends, quietly.
      await config.update('notifications', false, vscode.ConfigurationTarget.Workspace);
      const before = mlsd.practice.notifications().length;
      await vscode.commands.executeCommand(ADVANCE, 6 * MINUTE + 1000);
      const quiet = await waitFor('the clarify phase to end', () => mlsd.practice.notifications()[before]);
      assert.equal(quiet.shown, false, 'no toast with mlsd.practice.notifications off');
      await config.update('notifications', undefined, vscode.ConfigurationTarget.Workspace);
      assert.match(mlsd.practice.clock().text, /Framing · /);
      await config.update('phaseMinutes', { clarify: 20, framing: 5, data: 10, model: 10, evaluation: 5, serving: 10, monitoring: 5 }, vscode.ConfigurationTarget.Workspace);
      // 6 minutes in, a 20-minute clarify phase is running again.
      await waitFor('the clock to follow the setting', () => /Clarify · 1[34]:\d\d/.test(mlsd.practice.clock().text));
    } finally {
      await config.update('phaseMinutes', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('notifications', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('mlsd.practice.stop');
    }
    // The practice folder: the next session's doc goes there.
    try {
      await config.update('folder', 'drills', vscode.ConfigurationTarget.Workspace);
      const uri = await vscode.commands.executeCommand<vscode.Uri>('mlsd.practice.start', 'similar-listings', 45);
      assert.match(uri.path, /\/drills\/similar-listings-\d{4}-\d{2}-\d{2}\.design\.md$/);
      assert.ok(existsSync(uri.fsPath));
    } finally {
      await config.update('folder', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('mlsd.practice.stop');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}
