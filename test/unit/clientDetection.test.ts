// The client decides whether to start the language server for an opened document; the server then
// decides whether to check it. Both must agree, or a design doc is opened and nothing happens.
// These inputs are where a hand-copied client check had drifted from the server's.
import { describe, expect, it } from 'vitest';
import { isServedMarkdown, mightBeDesignDoc, type DocumentProbe } from '../../client/src/designDocDetection';
import { selectDocument } from '../../server/src/lsp/documentSelection';
import { sanitizeSettings } from '../../server/src/lsp/settings';

const WORKSPACE = ['file:///home/ana/project'];
const probe = (overrides: Partial<DocumentProbe>): DocumentProbe => ({
  uri: 'file:///home/ana/project/notes/plan.md',
  text: '# Plan\n',
  workspaceFolders: WORKSPACE,
  settings: undefined,
  ...overrides,
});

function serverSays(input: DocumentProbe): boolean {
  return selectDocument({ uri: input.uri, text: input.text, workspaceFolders: input.workspaceFolders, settings: sanitizeSettings(input.settings).settings }).isDesignDoc;
}

const cases: { name: string; probe: DocumentProbe; expected: boolean }[] = [
  { name: 'front matter flag with a trailing comment', probe: probe({ text: '---\nmlsd: true # check this one\n---\n# Plan\n' }), expected: true },
  { name: 'front matter after a byte-order mark', probe: probe({ text: '\uFEFF---\nmlsd: true\n---\n# Plan\n' }), expected: true },
  { name: 'marker comment after a byte-order mark', probe: probe({ text: '\uFEFF<!-- mlsd-design-doc -->\n# Plan\n' }), expected: true },
  { name: 'include glob on a file outside every workspace folder', probe: probe({ uri: 'file:///tmp/design-docs/feed.md', workspaceFolders: [] }), expected: true },
  { name: 'include glob on a file outside the open folder', probe: probe({ uri: 'file:///srv/other/design-docs/feed.md' }), expected: true },
  { name: 'include glob inside the folder', probe: probe({ uri: 'file:///home/ana/project/design-docs/feed.md' }), expected: true },
  { name: 'an mlsd directive comment is not an opt-in', probe: probe({ text: '<!-- mlsd-disable metric-gap -->\n# Plan\n' }), expected: false },
  { name: 'an ordinary note', probe: probe({}), expected: false },
  { name: 'excluded by a glob', probe: probe({ uri: 'file:///home/ana/project/design-docs/feed.md', settings: { exclude: ['design-docs/**'] } }), expected: false },
  { name: 'turned off', probe: probe({ text: '---\nmlsd: true\n---\n', settings: { enable: false } }), expected: false },
  { name: 'invalid settings fall back to the defaults', probe: probe({ uri: 'file:///home/ana/project/design-docs/feed.md', settings: { include: 'design-docs/**', enable: 'yes' } }), expected: true },
  { name: 'an untitled document declaring itself', probe: probe({ uri: 'untitled:Untitled-1', text: '<!-- mlsd-design-doc -->\n', workspaceFolders: WORKSPACE }), expected: true },
];

describe('client design-doc detection', () => {
  for (const { name, probe: input, expected } of cases) {
    it(`agrees with the server: ${name}`, () => {
      expect(mightBeDesignDoc(input)).toBe(serverSays(input));
      expect(mightBeDesignDoc(input)).toBe(expected);
    });
  }

  it('only looks at Markdown the language client syncs to the server', () => {
    expect(isServedMarkdown('markdown', 'file')).toBe(true);
    expect(isServedMarkdown('markdown', 'untitled')).toBe(true);
    expect(isServedMarkdown('markdown', 'git')).toBe(false);
    expect(isServedMarkdown('plaintext', 'file')).toBe(false);
  });
});
