// Issue 13, item 4: a rule turned off (`"mlsd.rules": { "metric-gap": "off" }` or in .mlsdrc) leaves
// the status bar, its tooltip and its pick list, and the rule docs pick shows the severity that
// applies. The server sends each rule's effective severity with the coverage (CoverageResult.rules).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from './fakeVscode';
import type { CoverageResult } from '../../server/src/protocol';

vi.mock('vscode', () => import('./fakeVscode'));
const { CoverageStatusBar } = await import('../../client/src/statusBar');
const { formatCoverage, shownItems } = await import('../../client/src/coverageView');
const { severityDescription } = await import('../../client/src/commands/ruleDocs');

const STEPS = ['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring'];

function coverage(uri: string, rules?: Record<string, string>): CoverageResult {
  return {
    uri,
    isDesignDoc: true,
    coverage: {} as never,
    readiness: 60,
    items: [
      ...STEPS.map((id) => ({ id, title: `Step ${id}`, kind: 'step' as const, status: 'present' as const, line: 1, reason: '' })),
      { id: 'metric-gap', title: 'Offline/online metric gap', kind: 'check', status: 'missing', reason: 'never discussed' },
      { id: 'latency-budget', title: 'Serving latency budget', kind: 'check', status: 'missing', reason: 'no number' },
    ],
    ...(rules ? { rules } : {}),
  };
}

const ALL_ON = { 'metric-gap': 'warning', 'latency-budget': 'warning', 'missing-step': 'warning' };
const GAP_OFF = { ...ALL_ON, 'metric-gap': 'off' };

beforeEach(() => fake.reset());

describe('status bar follows the effective rule severities', () => {
  it('drops a check whose rule is off from the text, the tooltip and the accessible label', () => {
    const on = formatCoverage(coverage('file:///ws/design-docs/a.md', ALL_ON));
    expect(on.text).toContain('gap $(close)');
    expect(on.tooltip).toContain('Offline/online metric gap');

    const off = formatCoverage(coverage('file:///ws/design-docs/a.md', GAP_OFF));
    expect(off.text).not.toMatch(/gap/);
    expect(off.text).toContain('latency $(close)');
    expect(off.tooltip).not.toContain('Offline/online metric gap');
    expect(off.tooltip).toContain('Serving latency budget');
    expect(off.accessibilityLabel).not.toContain('metric gap');
    // Steps are the doc itself: they stay whatever the rules say.
    expect(off.text).toContain('MLSD 7/7');
  });

  it('leaves the check out of the pick list of what is missing', () => {
    expect(shownItems(coverage('file:///ws/a.md', GAP_OFF)).map((item) => item.id)).not.toContain('metric-gap');
    expect(shownItems(coverage('file:///ws/a.md', ALL_ON)).map((item) => item.id)).toContain('metric-gap');
    // An older server sends no severities: everything shows, as before.
    expect(shownItems(coverage('file:///ws/a.md')).map((item) => item.id)).toContain('metric-gap');
  });

  it('re-renders when the server pushes coverage after the setting changed, and marks the editor as a design doc', async () => {
    const coverageChanged = new fake.EventEmitter<CoverageResult>();
    const server = {
      running: { code2ProtocolConverter: { asUri: (uri: fake.Uri) => uri.toString() }, sendRequest: async (_method: string, params: { uri: string }) => coverage(params.uri, GAP_OFF) },
      onDidChangeCoverage: coverageChanged.event,
      onDidChangeRunning: new fake.EventEmitter<boolean>().event,
      outputChannel: { warn: () => undefined },
    };
    const statusBar = new CoverageStatusBar(server as never);
    const item = fake.recorded.statusBarItems[0]!;
    const doc = fake.fakeDocument('/ws/design-docs/feed.md');
    fake.window.activeTextEditor = fake.editorFor(doc);
    coverageChanged.fire(coverage(doc.uri.toString(), ALL_ON));
    expect(item.text).toContain('gap $(close)');
    coverageChanged.fire(coverage(doc.uri.toString(), GAP_OFF));
    expect(item.text).not.toMatch(/gap/);
    expect(statusBar.snapshot().tooltip).not.toContain('metric gap');
    expect(await statusBar.activeRuleSeverities()).toMatchObject({ 'metric-gap': 'off' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.recorded.contexts['mlsd.designDoc']).toBe(true);

    // A README: no item, and the design-doc menus go away.
    const readme = fake.fakeDocument('/ws/README.md');
    fake.window.activeTextEditor = fake.editorFor(readme);
    coverageChanged.fire({ uri: readme.uri.toString(), isDesignDoc: false, coverage: null, items: [] });
    await statusBar.refresh();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(item.visible).toBe(false);
    expect(fake.recorded.contexts['mlsd.designDoc']).toBe(false);
    statusBar.dispose();
  });

  it('the rule docs pick shows the severity that applies, with the default beside it when they differ', () => {
    expect(severityDescription({ defaultSeverity: 'warning', fixable: true }, 'off')).toBe('off (default warning) · fixable');
    expect(severityDescription({ defaultSeverity: 'warning', fixable: false }, 'warning')).toBe('warning');
    expect(severityDescription({ defaultSeverity: 'information', fixable: false }, undefined)).toBe('information');
  });
});
