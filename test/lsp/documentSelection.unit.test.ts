// Which documents the server checks (server/src/lsp/documentSelection.ts).
import { describe, expect, it } from 'vitest';
import { frontMatterDeclaresDesignDoc } from '../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { selectDocument } from '../../server/src/lsp/documentSelection';
import { ws } from './helpers/doubles';

describe('document selection', () => {
  const select = (uri: string, text = '# Notes\n', settings = DEFAULT_SETTINGS) => selectDocument({ uri, text, settings, workspaceFolders: [ws] });
  it('checks files under the default include globs and not an ordinary README', () => {
    expect(select(`${ws}/docs/design-docs/feed.md`).reason).toBe('include-glob');
    expect(select(`${ws}/ranking.design.md`).isDesignDoc).toBe(true);
    expect(select(`${ws}/README.md`).isDesignDoc).toBe(false);
    expect(select(`${ws}/node_modules/pkg/design-docs/x.md`).reason).toBe('excluded');
  });
  it('honours front matter, the marker comment, forcing and the master switch', () => {
    expect(select(`${ws}/README.md`, '---\ntitle: Feed\nmlsd: true\n---\n# Feed\n').reason).toBe('front-matter');
    expect(select(`${ws}/README.md`, '---\ntype: ML system design doc\n---\n').reason).toBe('front-matter');
    expect(select(`${ws}/README.md`, '# Feed\n<!-- mlsd-design-doc -->\n').reason).toBe('marker-comment');
    expect(frontMatterDeclaresDesignDoc('# Title\n---\nmlsd: true\n---\n')).toBe(false);
    // Front matter with CRLF or lone-CR line endings, as remark reads it.
    expect(frontMatterDeclaresDesignDoc('---\r\ntitle: Feed\r\nmlsd: true\r\n---\r\n# Feed\r\n')).toBe(true);
    expect(frontMatterDeclaresDesignDoc('---\rtitle: Feed\rmlsd: true\r---\r# Feed\r')).toBe(true);
    expect(frontMatterDeclaresDesignDoc('---\rtitle: Feed\rtype: notes\rabout: design doc\r---\r')).toBe(false);
    expect(selectDocument({ uri: `${ws}/README.md`, text: '', settings: DEFAULT_SETTINGS, workspaceFolders: [ws], forced: true }).reason).toBe('forced');
    expect(select(`${ws}/design-docs/a.md`, '', { ...DEFAULT_SETTINGS, enable: false }).isDesignDoc).toBe(false);
  });
  it('needs only the selection settings', () => {
    const settings = { enable: true, include: ['**/*.design.md'], exclude: ['**/drafts/**'] };
    expect(selectDocument({ uri: `${ws}/feed.design.md`, text: '', settings, workspaceFolders: [ws] }).reason).toBe('include-glob');
    expect(selectDocument({ uri: `${ws}/drafts/feed.design.md`, text: '', settings, workspaceFolders: [ws] }).reason).toBe('excluded');
    // The engine's marker reading: a marker with trailing words counts, as the engine's model reads it.
    expect(selectDocument({ uri: `${ws}/README.md`, text: '<!-- mlsd-design-doc v2 -->\n', settings, workspaceFolders: [ws] }).reason).toBe('marker-comment');
  });
  it('survives malformed globs and URIs', () => {
    expect(select(`${ws}/design-docs/a.md`, '', { ...DEFAULT_SETTINGS, include: ['[', '**/design-docs/**'] }).isDesignDoc).toBe(true);
    expect(select('not a uri').isDesignDoc).toBe(false);
    expect(select('untitled:Untitled-1').isDesignDoc).toBe(false);
  });
});
