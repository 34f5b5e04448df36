// Unit tests of the server's features with in-memory doubles: no process, no connection.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectAutoFixes, createEngine, defaultConfig, frontMatterDeclaresDesignDoc } from '../../server/src/engine';
import type { LintResult, ResolvedConfig } from '../../server/src/engine/types';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DocumentAnalyzer } from '../../server/src/lsp/analyzer';
import { disableFileEdit, disableNextLineEdit } from '../../server/src/lsp/codeActions';
import { ConfigurationStore, type ConfigAccess } from '../../server/src/lsp/configuration';
import { clampRange, configProblemToDiagnostic, ruleDocsBaseFromManifest } from '../../server/src/lsp/diagnostics';
import { selectDocument } from '../../server/src/lsp/documentSelection';
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
  const parser = createEngine();
  /** A document and the control comments the engine reads in it. */
  const parsed = (text: string) => ({ document: TextDocument.create('u', 'markdown', 1, text), comments: parser.parse(text).controlComments });

  it('inserts a disable-next-line comment with the line indentation, or extends an existing one', () => {
    const plain = parsed('# T\n\n  - item\n');
    expect(disableNextLineEdit(plain.document, plain.comments, 2, 'thin-step')).toEqual({ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  <!-- mlsd-disable-next-line thin-step -->\n' });
    const withComment = parsed('# T\n<!-- mlsd-disable-next-line a -->\n## X\n');
    expect(disableNextLineEdit(withComment.document, withComment.comments, 2, 'b').newText).toBe('<!-- mlsd-disable-next-line a b -->');
  });
  it('extends the comment the engine applies to the line, blank lines between included, and only that comment', () => {
    const gap = parsed('# T\n\n<!-- mlsd-disable-next-line a, c -->\n\n## X\n');
    expect(disableNextLineEdit(gap.document, gap.comments, 4, 'b')).toEqual({ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 36 } }, newText: '<!-- mlsd-disable-next-line a c b -->' });
    // A comment after other text on its line: the text stays.
    const inline = parsed('# T\n\nIntro <!-- mlsd-disable-next-line a -->\n## X\n');
    expect(disableNextLineEdit(inline.document, inline.comments, 3, 'b')).toEqual({ range: { start: { line: 2, character: 6 }, end: { line: 2, character: 39 } }, newText: '<!-- mlsd-disable-next-line a b -->' });
  });
  it('puts disable-file after the front matter', () => {
    const doc = parsed('---\ntitle: x\n---\n# T\n');
    expect(disableFileEdit(doc.document, doc.comments, 'metric-gap')).toEqual({ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '<!-- mlsd-disable-file metric-gap -->\n' });
    const existing = parsed('<!-- mlsd-disable-file a -->\n# T\n');
    expect(disableFileEdit(existing.document, existing.comments, 'b').newText).toBe('<!-- mlsd-disable-file a b -->');
  });
  it('extends the disable-file comment the engine reads, wherever it is, and not one shown in a code block', () => {
    const late = parsed(`# T\n\n${'Some prose.\n\n'.repeat(15)}<!-- mlsd-disable-file a -->\n`);
    expect(disableFileEdit(late.document, late.comments, 'b')).toEqual({ range: { start: { line: 32, character: 0 }, end: { line: 32, character: 28 } }, newText: '<!-- mlsd-disable-file a b -->' });
    // The engine ignores a comment inside fenced code: a new comment goes at the top instead.
    const quoted = parsed('```markdown\n<!-- mlsd-disable-file a -->\n```\n# T\n');
    expect(quoted.comments).toEqual([]);
    expect(disableFileEdit(quoted.document, quoted.comments, 'b')).toEqual({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '<!-- mlsd-disable-file b -->\n' });
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
        return { doc: { lineCount: text.split('\n').length } as LintResult['doc'], coverage: {}, findings: [{ ruleId: 'r', severity: 'warning', message: text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }], ruleFailures: [], readiness: 0 };
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

  it('logs a rule that threw once per document version', async () => {
    const documents = new Documents();
    const logger = new MemoryLogger();
    const engine = {
      lint: async (text: string): Promise<LintResult> => ({ doc: { lineCount: 1 } as LintResult['doc'], coverage: {}, findings: [], ruleFailures: [{ ruleId: 'boom', message: `Error: bad ${text}` }], readiness: 0 }),
    };
    const analyzer = new DocumentAnalyzer({ engine, configuration: new ConfigurationStore(access(), new MemoryLogger()), documents, workspaceFolders: () => [ws], isForced: () => false, logger });
    const uri = `${ws}/design-docs/a.md`;
    documents.set(uri, 'one', 1);
    await analyzer.analyze(uri);
    analyzer.invalidateAll(); // the same version linted again
    await analyzer.whenAnalyzed(uri);
    documents.set(uri, 'two', 2);
    await analyzer.analyze(uri);
    const failures = logger.lines.filter((line) => line.message.includes('rule boom failed'));
    expect(failures.map((line) => [line.level, line.message])).toEqual([
      ['error', `${uri} v1: rule boom failed, so its findings are missing: Error: bad one`],
      ['error', `${uri} v2: rule boom failed, so its findings are missing: Error: bad two`],
    ]);
  });

  it('lints without making the document index its lines (200 open docs would keep ~1 MB of offsets)', async () => {
    const documents = new Documents();
    const uri = `${ws}/design-docs/a.md`;
    const real = documents.set(uri, fixture);
    const lineIndexReads: string[] = [];
    // Every TextDocument member that builds the line-offset table.
    const indexing = new Set(['lineCount', 'positionAt', 'offsetAt']);
    documents.map.set(uri, new Proxy(real, { get: (target, key, receiver) => (indexing.has(String(key)) && lineIndexReads.push(String(key)), Reflect.get(target, key, receiver)) }));
    const analyzer = new DocumentAnalyzer({ engine: createEngine(), configuration: new ConfigurationStore(access(), new MemoryLogger()), documents, workspaceFolders: () => [ws], isForced: () => false, logger: new MemoryLogger() });
    const analysis = await analyzer.analyze(uri);
    expect(analysis!.diagnostics.length).toBeGreaterThan(0);
    for (const diagnostic of analysis!.diagnostics) expect(diagnostic.range.end.line).toBeLessThan(real.lineCount);
    expect(lineIndexReads).toEqual([]);
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

  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('sends every code action edit in a %s document with its line ending, never a lone LF', async (_name, eol) => {
    const crlfUri = `${ws}/design-docs/eol-${_name}.md`;
    const doc = documents.set(crlfUri, fixture.replace(/\r?\n/g, eol));
    const actions = await service.codeActions(crlfUri, { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } }, { diagnostics: [] }, false);
    const texts = actions.flatMap((action) => Object.values(action.edit?.changes ?? {}).flat().map((e) => e.newText));
    expect(texts.filter((text) => text.includes(eol)).length).toBeGreaterThan(5);
    const stray = eol === '\r\n' ? /\r(?!\n)|(?<!\r)\n/ : /\n/;
    expect(texts.filter((text) => stray.test(text))).toEqual([]);
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

describe('language service work and caching', () => {
  /** The real engine, counting the texts it lints. */
  function counting() {
    const real = createEngine();
    const lints: string[] = [];
    const engine = {
      rules: real.rules,
      parse: real.parse.bind(real),
      lint: (text: string, options: { config: ResolvedConfig }) => {
        lints.push(text);
        return real.lint(text, options);
      },
    };
    return { engine, lints };
  }
  function setup(options: { ruleDocsBase?: string; fetchSettings?: () => Promise<unknown> } = {}) {
    const { engine, lints } = counting();
    const documents = new Documents();
    const configAccess = access();
    if (options.fetchSettings) configAccess.fetchSettings = options.fetchSettings;
    const service = createLanguageService({
      engine,
      collectAutoFixes,
      documents,
      configAccess,
      workspaceFolders: () => [ws],
      logger: new MemoryLogger(),
      ...(options.ruleDocsBase ? { ruleDocsBase: options.ruleDocsBase } : {}),
    });
    return { service, documents, lints };
  }

  it('does not lint for a space typed mid-paragraph, and does for one after a heading', async () => {
    const { service, documents, lints } = setup();
    const uri = `${ws}/design-docs/eta.md`;
    documents.set(uri, fixture);
    await service.diagnostics(uri);
    expect(lints).toHaveLength(1);
    // Version 2: a space typed after "Offline" in the evaluation paragraph.
    const lines = fixture.split('\n');
    const line = lines.findIndex((text) => text.startsWith('Offline we track'));
    const edited = documents.set(uri, fixture.replace('Offline we track', 'Offline  we track'), 2);
    expect(await service.completions(uri, { line, character: 8 }, true, { headingsOnly: true })).toEqual([]);
    expect(lints).toHaveLength(1);
    // A space after "##" at the end does ask for an analysis and gets the missing steps.
    documents.set(uri, edited.getText() + '\n## ', 3);
    const items = await service.completions(uri, { line: edited.lineCount, character: 3 }, true, { headingsOnly: true });
    expect(items.map((item) => item.label)).toEqual(['Deployment and serving', 'Monitoring and maintenance']);
    expect(lints).toHaveLength(2);
  });

  it('offers nothing inside a fenced block the parser sees, even one indented in a list', async () => {
    const { service, documents } = setup();
    const uri = `${ws}/design-docs/fence.md`;
    const text = `${fixture}\n- Offline evaluation script:\n\n    \`\`\`python\n    auc = score(model)\n    \`\`\`\n\nWe also track \n`;
    const doc = documents.set(uri, text);
    const lines = text.split('\n');
    const codeLine = lines.indexOf('    auc = score(model)');
    const proseLine = lines.indexOf('We also track ');
    // Outside the code, in the evaluation section, metric names are offered...
    const outside = await service.completions(uri, { line: proseLine, character: lines[proseLine]!.length }, true);
    expect(outside.map((item) => item.label)).toContain('NDCG');
    // ...inside it, nothing.
    expect(await service.completions(uri, { line: codeLine, character: 8 }, true)).toEqual([]);
    expect(doc.lineCount).toBeGreaterThan(codeLine);
  });

  it('re-lints only the document that was forced, and changes only its result id', async () => {
    const { service, documents, lints } = setup();
    const design = `${ws}/design-docs/eta.md`;
    const readme = `${ws}/README.md`;
    documents.set(design, fixture);
    documents.set(readme, '# Readme\n\nSome notes.\n');
    const designBefore = await service.diagnostics(design);
    const readmeBefore = await service.diagnostics(readme);
    expect(readmeBefore!.diagnostics).toEqual([]);
    expect(lints).toHaveLength(1); // the README is not a design doc

    service.setForced(readme, true);
    const readmeAfter = await service.diagnostics(readme);
    expect(readmeAfter!.diagnostics.map((d) => d.code)).toContain('missing-step');
    expect(readmeAfter!.resultId).not.toBe(readmeBefore!.resultId);
    // The design doc was neither re-linted nor given a new result id (pull clients keep their copy).
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lints).toEqual([fixture, '# Readme\n\nSome notes.\n']);
    expect((await service.diagnostics(design))!.resultId).toBe(designBefore!.resultId);

    service.setForced(readme, false);
    expect((await service.diagnostics(readme))!.diagnostics).toEqual([]);
    expect(lints).toHaveLength(2);
  });

  it('answers code actions with the published diagnostics and links rules to the given docs base', async () => {
    const { service, documents } = setup({ ruleDocsBase: 'https://example.test/repo/blob/main/docs/rules/' });
    const uri = `${ws}/design-docs/eta.md`;
    documents.set(uri, fixture);
    const published = (await service.diagnostics(uri))!.diagnostics;
    const gap = published.find((d) => d.code === 'metric-gap')!;
    expect(gap.codeDescription?.href).toBe('https://example.test/repo/blob/main/docs/rules/metric-gap.md');
    expect(gap).not.toHaveProperty('data');
    const actions = await service.codeActions(uri, gap.range, { diagnostics: [] }, true);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) for (const diagnostic of action.diagnostics ?? []) expect(published).toContain(diagnostic);
    expect(actions.some((action) => action.diagnostics?.[0] === gap)).toBe(true);
  });

  it('drops the cached settings of a closed document, so reopening it reads them again', async () => {
    let fetches = 0;
    const { service, documents } = setup({ fetchSettings: async () => (fetches++, {}) });
    const uri = `${ws}/design-docs/eta.md`;
    documents.set(uri, fixture);
    await service.documentChanged(uri);
    await service.diagnostics(uri);
    expect(fetches).toBe(1);
    documents.map.delete(uri);
    service.documentClosed(uri);
    documents.set(uri, fixture);
    await service.documentChanged(uri);
    expect(fetches).toBe(2);
  });
});

describe('configuration store', () => {
  it('loads one config per directory', async () => {
    const loaded: string[] = [];
    const store = new ConfigurationStore(
      { ...access(), loadFileConfig: (path) => (loaded.push(path), { config: defaultConfig(), problems: [] }) },
      new MemoryLogger(),
    );
    await store.forDocument('file:///ws/docs/a.md');
    await store.forDocument('file:///ws/docs/b.md');
    await store.forDocument('file:///ws/other/c.md');
    expect(loaded).toEqual(['/ws/docs/a.md', '/ws/other/c.md']);
  });
});

describe('rule docs base', () => {
  it('derives the docs folder from package.json repository, as the CLI does', () => {
    const packageJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { repository?: unknown };
    expect(ruleDocsBaseFromManifest(packageJson)).toBe('https://github.com/mlsd-tools/mlsd-design-docs/blob/main/docs/rules/');
    expect(ruleDocsBaseFromManifest({ repository: 'git+https://example.test/x/y.git' })).toBe('https://example.test/x/y/blob/main/docs/rules/');
    expect(ruleDocsBaseFromManifest({ repository: 'github:x/y' })).toBeUndefined();
    expect(ruleDocsBaseFromManifest({})).toBeUndefined();
  });
});
