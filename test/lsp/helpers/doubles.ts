// In-memory doubles shared by the language server's unit tests (test/lsp/*.unit.test.ts): no
// process, no connection. A feature's test builds its server part from these and the real engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectAutoFixes, createEngine, defaultConfig } from '../../../server/src/engine';
import type { ResolvedConfig } from '../../../server/src/engine/types';
import type { ConfigAccess } from '../../../server/src/lsp/configuration';
import { MemoryLogger } from '../../../server/src/lsp/logger';
import { createLanguageService } from '../../../server/src/lsp/service';

/** A design doc with five of the seven steps (deployment and monitoring missing). */
export const fixture = readFileSync(join(__dirname, '..', 'fixtures', 'partial.design.md'), 'utf8');
/** The one workspace folder. */
export const ws = 'file:///ws';

/** Configuration access with the given client settings and the default config for every file. */
export function access(settings: unknown = {}): ConfigAccess {
  return {
    fetchSettings: async () => settings,
    loadFileConfig: () => ({ config: defaultConfig(), problems: [] }),
    defaultConfig,
    mergeSettings: (_settings, base) => ({ config: base, problems: [] }),
  };
}

/** The open documents, as the server's TextDocuments manager keeps them. */
export class Documents {
  readonly map = new Map<string, TextDocument>();
  set(uri: string, text: string, version = 1): TextDocument {
    const document = TextDocument.create(uri, 'markdown', version, text);
    this.map.set(uri, document);
    return document;
  }
  get = (uri: string) => this.map.get(uri);
  all = () => [...this.map.values()];
}

/** The real engine, counting the texts it lints. */
export function countingEngine() {
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

/** A language service on the counting real engine and in-memory documents. */
export function languageService(options: { ruleDocsBase?: string; fetchSettings?: () => Promise<unknown> } = {}) {
  const { engine, lints } = countingEngine();
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
