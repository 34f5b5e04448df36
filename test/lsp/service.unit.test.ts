// The language service's features on the real engine and in-memory documents (server/src/lsp/service.ts).
import { describe, expect, it } from 'vitest';
import { collectAutoFixes, createEngine } from '../../server/src/engine';
import { MemoryLogger } from '../../server/src/lsp/logger';
import { createLanguageService } from '../../server/src/lsp/service';
import { access, Documents, fixture, languageService, ws } from './helpers/doubles';

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
    const texts = actions.flatMap((action) =>
      Object.values(action.edit?.changes ?? {})
        .flat()
        .map((e) => e.newText),
    );
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
  it('does not lint for a space typed mid-paragraph, and does for one after a heading', async () => {
    const { service, documents, lints } = languageService();
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
    const { service, documents } = languageService();
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
    const { service, documents, lints } = languageService();
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
    const { service, documents } = languageService({ ruleDocsBase: 'https://example.test/repo/blob/main/docs/rules/' });
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
    const { service, documents } = languageService({ fetchSettings: async () => (fetches++, {}) });
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
