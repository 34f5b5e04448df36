// The server sizes the mermaid validation cache to the diagrams of its open documents (issue 11,
// item 9): a fixed 1,000 entries evicted everything on each pass of a document with 3,000 diagrams.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfig } from '../../server/src/engine';
import { CACHE_MIN_ENTRIES, mermaidValidationCacheStats } from '../../server/src/engine/mermaid/validate';
import type { LintResult, MermaidBlock } from '../../server/src/engine/types';
import { DocumentAnalyzer } from '../../server/src/lsp/analyzer';
import { ConfigurationStore } from '../../server/src/lsp/configuration';
import { MemoryLogger } from '../../server/src/lsp/logger';

describe('mermaid validation cache capacity', () => {
  it('follows the diagrams of the open documents, and shrinks when they close', async () => {
    const documents = new Map<string, TextDocument>();
    const diagramsIn = (text: string) => Number(/diagrams: (\d+)/.exec(text)?.[1] ?? 0);
    const analyzer = new DocumentAnalyzer({
      engine: {
        lint: async (text: string) =>
          ({
            doc: { lineCount: 1, mermaidBlocks: Array.from({ length: diagramsIn(text) }, () => ({}) as MermaidBlock) },
            coverage: {},
            findings: [],
            ruleFailures: [],
            readiness: 0,
          }) as unknown as LintResult,
      },
      configuration: new ConfigurationStore(
        { fetchSettings: async () => ({}), loadFileConfig: () => ({ config: defaultConfig(), problems: [] }), defaultConfig, mergeSettings: (_s, base) => ({ config: base, problems: [] }) },
        new MemoryLogger(),
      ),
      documents: { get: (uri) => documents.get(uri), all: () => [...documents.values()] },
      workspaceFolders: () => ['file:///ws'],
      isForced: () => true,
      logger: new MemoryLogger(),
    });
    const open = async (name: string, diagrams: number) => {
      const uri = `file:///ws/${name}.md`;
      documents.set(uri, TextDocument.create(uri, 'markdown', 1, `# Doc\n\ndiagrams: ${diagrams}\n`));
      await analyzer.analyze(uri);
      return uri;
    };
    const big = await open('big', 3000);
    await open('small', 500);
    expect(mermaidValidationCacheStats().capacity).toBe(7000);
    analyzer.forget(big);
    documents.delete(big);
    expect(mermaidValidationCacheStats().capacity).toBe(CACHE_MIN_ENTRIES);
  });
});
