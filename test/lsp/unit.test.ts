// Unit tests of the server's features with in-memory doubles: no process, no connection.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectAutoFixes, createEngine, defaultConfig } from '../../server/src/engine';
import type { LintResult, ResolvedConfig } from '../../server/src/engine/types';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DocumentAnalyzer } from '../../server/src/lsp/analyzer';
import { disableFileEdit, disableNextLineEdit } from '../../server/src/lsp/codeActions';
import { ConfigurationStore, type ConfigAccess } from '../../server/src/lsp/configuration';
import { clampRange, configProblemToDiagnostic } from '../../server/src/lsp/diagnostics';
import { frontMatterDeclaresDesignDoc, selectDocument } from '../../server/src/lsp/documentSelection';
import { MemoryLogger } from '../../server/src/lsp/logger';
import { createLanguageService } from '../../server/src/lsp/service';
import { sanitizeSettings } from '../../server/src/lsp/settings';

const fixture = readFileSync(join(__dirname, 'fixtures', 'partial.design.md'), 'utf8');
const ws = 'file:///ws';

function access(settings: unknown = {}): ConfigAccess {
  return {
    fetchSettings: async () => settings,
    loadFileConfig: () => ({ config: defaultConfig(), problems: [] }),
    defaultConfig,
    mergeSettings: (_settings, base) => ({ config: base, problems: [] }),
  };
}

class Documents {
  readonly map = new Map<string, TextDocument>();
  set(uri: string, text: string, version = 1): TextDocument {
    const document = TextDocument.create(uri, 'markdown', version, text);
    this.map.set(uri, document);
    return document;
  }
  get = (uri: string) => this.map.get(uri);
  all = () => [...this.map.values()];
}

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
    expect(selectDocument({ uri: `${ws}/README.md`, text: '', settings: DEFAULT_SETTINGS, workspaceFolders: [ws], forced: true }).reason).toBe('forced');
    expect(select(`${ws}/design-docs/a.md`, '', { ...DEFAULT_SETTINGS, enable: false }).isDesignDoc).toBe(false);
  });
  it('survives malformed globs and URIs', () => {
    expect(select(`${ws}/design-docs/a.md`, '', { ...DEFAULT_SETTINGS, include: ['[', '**/design-docs/**'] }).isDesignDoc).toBe(true);
    expect(select('not a uri').isDesignDoc).toBe(false);
    expect(select('untitled:Untitled-1').isDesignDoc).toBe(false);
  });
});

describe('settings', () => {
  it('keeps valid keys and reports each invalid one', () => {
    const { settings, problems } = sanitizeSettings({ include: ['**/*.md'], debounceMs: -5, enable: 'yes', preview: { theme: 'neon' } });
    expect(settings.include).toEqual(['**/*.md']);
    expect(settings.debounceMs).toBe(DEFAULT_SETTINGS.debounceMs);
    expect(settings.enable).toBe(true);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/mlsd\.debounceMs[\s\S]*mlsd\.enable|mlsd\.enable[\s\S]*mlsd\.debounceMs/);
  });
  it('falls back to the defaults on a non-object', () => {
    expect(sanitizeSettings('junk')).toEqual({ settings: DEFAULT_SETTINGS, problems: ['mlsd: expected an object, got string; using the defaults'] });
    expect(sanitizeSettings(null).problems).toEqual([]);
  });
});

describe('diagnostics helpers', () => {
  it('clamps a range into the document', () => {
    expect(clampRange({ start: { line: 10, character: 3 }, end: { line: 2, character: 0 } }, 5)).toEqual({ start: { line: 4, character: 3 }, end: { line: 4, character: 3 } });
  });
  it('puts a config problem on the line of its key', () => {
    const text = '{\n  "rules": {\n    "metric-gap": "loud"\n  }\n}\n';
    const diagnostic = configProblemToDiagnostic({ file: '/x/.mlsdrc.json', key: 'rules.metric-gap', message: 'bad severity' }, text);
    expect(diagnostic.range.start).toEqual({ line: 2, character: 4 });
    expect(diagnostic.message).toBe('rules.metric-gap: bad severity');
  });
});

describe('disable comments', () => {
  it('inserts a disable-next-line comment with the line indentation, or extends an existing one', () => {
    const doc = TextDocument.create('u', 'markdown', 1, '# T\n\n  - item\n');
    expect(disableNextLineEdit(doc, 2, 'thin-step')).toEqual({ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  <!-- mlsd-disable-next-line thin-step -->\n' });
    const withComment = TextDocument.create('u', 'markdown', 1, '# T\n<!-- mlsd-disable-next-line a -->\n## X\n');
    expect(disableNextLineEdit(withComment, 2, 'b').newText).toBe('<!-- mlsd-disable-next-line a b -->');
  });
  it('puts disable-file after the front matter', () => {
    const doc = TextDocument.create('u', 'markdown', 1, '---\ntitle: x\n---\n# T\n');
    expect(disableFileEdit(doc, 'metric-gap')).toEqual({ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '<!-- mlsd-disable-file metric-gap -->\n' });
    const existing = TextDocument.create('u', 'markdown', 1, '<!-- mlsd-disable-file a -->\n# T\n');
    expect(disableFileEdit(existing, 'b').newText).toBe('<!-- mlsd-disable-file a b -->');
  });
});

describe('analyzer', () => {
  function setup(lintMs = 20) {
    const documents = new Documents();
    const lints: string[] = [];
    const engine = {
      async lint(text: string, _options: { config: ResolvedConfig }): Promise<LintResult> {
        lints.push(text);
        await new Promise((resolve) => setTimeout(resolve, lintMs));
        return { doc: { lineCount: text.split('\n').length } as LintResult['doc'], coverage: {}, findings: [{ ruleId: 'r', severity: 'warning', message: text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }], ruleFailures: [] };
      },
    };
    const analyzer = new DocumentAnalyzer({
      engine,
      configuration: new ConfigurationStore(access(), new MemoryLogger()),
      documents,
      workspaceFolders: () => [ws],
      isForced: () => false,
      logger: new MemoryLogger(),
    });
    const published: { version: number; message: string }[] = [];
    analyzer.onAnalyzed((a) => void published.push({ version: a.version, message: String(a.diagnostics[0]!.message) }));
    return { documents, analyzer, lints, published };
  }

  it('debounces a burst of edits into one lint of the final text', async () => {
    const { documents, analyzer, lints, published } = setup();
    const uri = `${ws}/design-docs/a.md`;
    for (let version = 1; version <= 20; version++) {
      documents.set(uri, `text ${version}`, version);
      analyzer.schedule(uri, 30);
    }
    await analyzer.whenAnalyzed(uri);
    expect(lints).toEqual(['text 20']);
    expect(published).toEqual([{ version: 20, message: 'text 20' }]);
  });

  it('drops the result of a run overtaken by an edit, and lints the newest text next', async () => {
    const { documents, analyzer, lints, published } = setup(50);
    const uri = `${ws}/design-docs/a.md`;
    documents.set(uri, 'old', 1);
    const first = analyzer.analyze(uri);
    await new Promise((resolve) => setTimeout(resolve, 10));
    documents.set(uri, 'new', 2);
    const second = analyzer.analyze(uri);
    documents.set(uri, 'newest', 3);
    const third = analyzer.analyze(uri);
    expect((await first)!.version).toBe(1);
    expect(second).toBe(third); // one follow-up run, however many edits
    expect((await third)!.version).toBe(3);
    expect(lints).toEqual(['old', 'newest']);
    expect(published).toEqual([{ version: 3, message: 'newest' }]);
  });
});

describe('language service with the real engine', () => {
  const documents = new Documents();
  const service = createLanguageService({
    engine: createEngine(),
    collectAutoFixes,
    documents,
    configAccess: access(),
    workspaceFolders: () => [ws],
    logger: new MemoryLogger(),
    maxDocumentChars: 100_000,
  });
  const uri = `${ws}/design-docs/eta.md`;
  documents.set(uri, fixture);

  it('completes only missing steps at a heading, numbered and levelled like the document', async () => {
    let step = 0;
    const text = fixture.replace(/^## /gm, () => `## ${++step}. `) + '\n### ';
    const numberedUri = `${ws}/design-docs/numbered.md`;
    const doc = documents.set(numberedUri, text);
    const items = await service.completions(numberedUri, { line: doc.lineCount - 1, character: 4 }, false);
    expect(items.map((i) => i.label)).toEqual(['6. Deployment and serving', '7. Monitoring and maintenance']);
    // Typed at level 3: the skeleton's level-3 subsections become level 4.
    const newText = (items[0]!.textEdit as { newText: string }).newText;
    expect(newText).toMatch(/^#### Latency budget/m);
    expect(newText).not.toMatch(/^### /m);
    expect(newText).not.toContain('${');
  });

  it('offers no completion inside fenced code', async () => {
    const codeUri = `${ws}/design-docs/code.md`;
    const doc = documents.set(codeUri, fixture + '\n```python\n## \n');
    expect(await service.completions(codeUri, { line: doc.lineCount - 2, character: 3 }, true)).toEqual([]);
  });

  it('lists missing steps at the end of the outline', async () => {
    const symbols = await service.documentSymbols(uri);
    expect(symbols.slice(-2).map((s) => s.name)).toEqual(['Deployment and serving (missing)', 'Monitoring and maintenance (missing)']);
  });

  it('answers nothing for documents it does not know', async () => {
    expect(await service.hover('file:///elsewhere.md', { line: 0, character: 0 })).toBeNull();
    expect(await service.codeActions('file:///elsewhere.md', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [] }, true)).toEqual([]);
    expect(await service.coverage('file:///elsewhere.md')).toEqual({ uri: 'file:///elsewhere.md', isDesignDoc: false, coverage: null, items: [] });
  });

  it('declines documents over the size limit with one diagnostic', async () => {
    const bigUri = `${ws}/design-docs/big.md`;
    documents.set(bigUri, fixture.repeat(100));
    const result = await service.diagnostics(bigUri);
    expect(result!.diagnostics).toHaveLength(1);
    expect(result!.diagnostics[0]!.message).toMatch(/over the 0\.1 MB limit/);
  });
});
