// The coverage status bar (client/src/statusBar.ts) against the in-memory vscode API: it shows
// what the server pushed and asks the server only for documents it has heard nothing about.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from './fakeVscode';
import type { CoverageResult } from '../../server/src/protocol';

vi.mock('vscode', () => import('./fakeVscode'));
const { CoverageStatusBar } = await import('../../client/src/statusBar');

const coverage = (uri: string, present: number): CoverageResult => ({
  uri,
  isDesignDoc: true,
  coverage: {} as never,
  items: Array.from({ length: 7 }, (_, i) => ({ id: `step-${i}`, title: `Step ${i}`, kind: 'step' as const, status: i < present ? ('present' as const) : ('missing' as const), reason: '' })),
});

function fakeServer() {
  const coverageChanged = new fake.EventEmitter<CoverageResult>();
  const runningChanged = new fake.EventEmitter<boolean>();
  const requests: string[] = [];
  const client = {
    code2ProtocolConverter: { asUri: (uri: fake.Uri) => uri.toString() },
    // The client sends typed RequestTypes (protocolClient.ts): record their method.
    sendRequest: async (type: { method: string }, params: { uri: string }) => {
      requests.push(`${type.method} ${params.uri}`);
      return coverage(params.uri, 3);
    },
  };
  const server = {
    running: client,
    onDidChangeCoverage: coverageChanged.event,
    onDidChangeRunning: runningChanged.event,
    outputChannel: { warn: () => undefined },
  };
  return { server, coverageChanged, requests };
}

beforeEach(() => fake.reset());

describe('coverage status bar', () => {
  it('renders pushed coverage on an editor switch without asking the server again', async () => {
    const { server, coverageChanged, requests } = fakeServer();
    const statusBar = new CoverageStatusBar(server as never);
    const item = fake.recorded.statusBarItems[0]!;
    const feed = fake.fakeDocument('/ws/design-docs/feed.md');
    const ads = fake.fakeDocument('/ws/design-docs/ads.md');
    coverageChanged.fire(coverage(feed.uri.toString(), 5));
    coverageChanged.fire(coverage(ads.uri.toString(), 6));

    fake.window.activeTextEditor = fake.editorFor(feed);
    await statusBar.refresh();
    expect(item).toMatchObject({ visible: true, text: expect.stringContaining('MLSD 5/7') });
    fake.window.activeTextEditor = fake.editorFor(ads);
    await statusBar.refresh();
    expect(item.text).toContain('MLSD 6/7');
    expect(requests).toEqual([]);

    // Nothing pushed for this one yet: one request, then the answer is remembered.
    const fresh = fake.fakeDocument('/ws/design-docs/new.md');
    fake.window.activeTextEditor = fake.editorFor(fresh);
    await statusBar.refresh();
    await statusBar.refresh();
    expect(item.text).toContain('MLSD 3/7');
    expect(requests).toEqual([`mlsd/coverage ${fresh.uri.toString()}`]);
    statusBar.dispose();
  });
});
