// Tokenizes Markdown with the real VS Code Markdown grammar (from the tm-grammars package) plus
// our mermaid injection grammar, through vscode-textmate and the oniguruma wasm, the same engine
// VS Code uses. Asserts scopes inside mermaid fences and their absence everywhere else.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const root = resolve(__dirname, '../..');
const INJECTION_PATH = resolve(root, 'syntaxes/mermaid.markdown.injection.tmLanguage.json');
const INJECTION_SCOPE = 'markdown.mermaid.codeblock';

interface Token {
  line: number;
  text: string;
  scopes: string[];
}

let markdown: IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const markdownGrammarPath = require.resolve('tm-grammars/grammars/markdown.json');
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (text: string) => new OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'text.html.markdown') return parseRawGrammar(readFileSync(markdownGrammarPath, 'utf8'), markdownGrammarPath);
      if (scopeName === INJECTION_SCOPE) return parseRawGrammar(readFileSync(INJECTION_PATH, 'utf8'), INJECTION_PATH);
      // Languages embedded by the Markdown grammar (source.js, …) are not needed here.
      return null;
    },
    getInjections: (scopeName: string) => (scopeName === 'text.html.markdown' ? [INJECTION_SCOPE] : undefined),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  if (!grammar) throw new Error('could not load the Markdown grammar');
  markdown = grammar;
});

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let state = INITIAL;
  text.split('\n').forEach((lineText, line) => {
    const result = markdown.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      tokens.push({ line, text: lineText.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** The tokens of one line whose trimmed text is exactly `text`. */
function tokensNamed(tokens: Token[], line: number, text: string): Token[] {
  return tokens.filter((token) => token.line === line && token.text.trim() === text);
}

function expectScope(tokens: Token[], line: number, text: string, scope: string): void {
  const candidates = tokensNamed(tokens, line, text);
  const describeLine = (): string =>
    tokens
      .filter((token) => token.line === line)
      .map((token) => `${JSON.stringify(token.text)} ${token.scopes.at(-1)}`)
      .join(' | ');
  expect(candidates.length, `no token ${JSON.stringify(text)} on line ${line}: ${describeLine()}`).toBeGreaterThan(0);
  expect(
    candidates.some((token) => token.scopes.some((s) => s === scope || s.startsWith(`${scope}.`))),
    `token ${JSON.stringify(text)} on line ${line} lacks ${scope}: ${describeLine()}`,
  ).toBe(true);
}

const isMermaidScope = (scope: string): boolean => scope.endsWith('.mermaid');

function mermaidTokensOn(tokens: Token[], lines: number[]): Token[] {
  return tokens.filter((token) => lines.includes(token.line) && token.scopes.some(isMermaidScope));
}

describe('mermaid injection grammar: flowchart in a backtick fence', () => {
  const sample = [
    '# Serving', // 0
    '', // 1
    '```mermaid', // 2
    '%%{init: {"theme": "dark"}}%%', // 3
    'graph TD', // 4
    '    A[Client request] --> B{Cache hit?}', // 5
    '    B -->|yes| C([Return cached])', // 6
    '    B -.-> D((Ranker))', // 7
    '    D ==> E[(Feature store)]', // 8
    '    E --x F{{Hexagon}}', // 9
    '    F --o G[[Subroutine]]', // 10
    '    G --- H["quoted [text]"]', // 11
    '    %% retrain nightly', // 12
    '    subgraph online', // 13
    '        direction LR', // 14
    '        I(Round) <--> J>Flag]', // 15
    '    end', // 16
    '    cache --> K:::hot', // 17
    '```', // 18
    '', // 19
    'After the fence, graph TD and A --> B are plain prose.', // 20
  ].join('\n');

  it('scopes the fence and the embedded region', () => {
    const tokens = tokenize(sample);
    expectScope(tokens, 2, 'mermaid', 'fenced_code.block.language.markdown');
    expect(tokensNamed(tokens, 5, 'A')[0]?.scopes).toContain('meta.embedded.block.mermaid');
    expectScope(tokens, 18, '```', 'punctuation.definition.markdown');
  });

  it('highlights diagram type, direction and keywords', () => {
    const tokens = tokenize(sample);
    expectScope(tokens, 4, 'graph', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 4, 'TD', 'constant.language.direction.mermaid');
    expectScope(tokens, 13, 'subgraph', 'keyword.control.mermaid');
    expectScope(tokens, 14, 'direction', 'keyword.control.mermaid');
    expectScope(tokens, 14, 'LR', 'constant.language.direction.mermaid');
    expectScope(tokens, 16, 'end', 'keyword.control.mermaid');
  });

  it('highlights every arrow form', () => {
    const tokens = tokenize(sample);
    expectScope(tokens, 5, '-->', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 6, '-->', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 7, '-.->', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 8, '==>', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 9, '--x', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 10, '--o', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 11, '---', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 15, '<-->', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 17, '-->', 'keyword.operator.arrow.mermaid');
    // The node id before an arrow keeps its last letter ('cache', not 'cach' + 'e-->').
    expect(tokensNamed(tokens, 17, 'cache')).toHaveLength(1);
  });

  it('highlights node text in every bracket shape, edge labels and class shorthand', () => {
    const tokens = tokenize(sample);
    expectScope(tokens, 5, 'Client request', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 5, 'Cache hit?', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 6, 'yes', 'string.unquoted.edge-label.mermaid');
    expectScope(tokens, 6, 'Return cached', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 7, 'Ranker', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 8, 'Feature store', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 9, 'Hexagon', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 10, 'Subroutine', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 11, '"quoted [text]"', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 15, 'Round', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 15, 'Flag', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 17, 'hot', 'entity.other.attribute-name.class.mermaid');
  });

  it('highlights comments and init directives', () => {
    const tokens = tokenize(sample);
    expectScope(tokens, 12, '%%', 'punctuation.definition.comment.mermaid');
    expectScope(tokens, 12, 'retrain nightly', 'comment.line.double-percent.mermaid');
    expectScope(tokens, 3, '%%{', 'punctuation.definition.directive.begin.mermaid');
    expectScope(tokens, 3, 'init', 'keyword.other.directive.mermaid');
    expectScope(tokens, 3, '"theme"', 'string.quoted.double.mermaid');
    expectScope(tokens, 3, '}%%', 'punctuation.definition.directive.end.mermaid');
  });

  it('leaves text before and after the fence alone', () => {
    const tokens = tokenize(sample);
    expect(mermaidTokensOn(tokens, [0, 1, 19, 20])).toEqual([]);
    expect(tokens.filter((token) => token.line === 20).every((token) => !token.scopes.includes('meta.embedded.block.mermaid'))).toBe(true);
  });
});

describe('mermaid injection grammar: other diagram types in a tilde fence', () => {
  const sample = [
    '~~~mermaid', // 0
    'sequenceDiagram', // 1
    '    participant C as Client', // 2
    '    C->>S: GET /feed', // 3
    '    S-->>C: 200 OK', // 4
    '    loop every 5 minutes', // 5
    '        S-)Q: publish', // 6
    '    end', // 7
    '    alt cache hit', // 8
    '    else miss', // 9
    '    end', // 10
    '    Note right of S: p99 under 200 ms', // 11
    '~~~', // 12
    '', // 13
    '```Mermaid title="ER"', // 14
    'erDiagram', // 15
    '    USER ||--o{ EVENT : logs', // 16
    '```', // 17
    '', // 18
    '```mermaid', // 19
    'classDiagram', // 20
    '    Model <|-- Ranker', // 21
    '    Ranker ..> Features', // 22
    '```', // 23
    '```mermaid', // 24
    'stateDiagram-v2', // 25
    '    [*] --> Training', // 26
    '```', // 27
    '```mermaid', // 28
    'C4Context', // 29
    '```', // 30
    '```mermaid', // 31
    'architecture-beta', // 32
    '```', // 33
    '```mermaid', // 34
    'mindmap', // 35
    '  root((ML system))', // 36
    '```', // 37
    '```mermaid', // 38
    'pie title Traffic', // 39
    '    "Search" : 60', // 40
    '```', // 41
  ].join('\n');

  it('highlights sequence diagrams', () => {
    const tokens = tokenize(sample);
    expectScope(tokens, 1, 'sequenceDiagram', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 2, 'participant', 'keyword.control.mermaid');
    expectScope(tokens, 2, 'as', 'keyword.control.mermaid');
    expectScope(tokens, 3, '->>', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 3, 'GET /feed', 'string.unquoted.label.mermaid');
    expectScope(tokens, 4, '-->>', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 5, 'loop', 'keyword.control.mermaid');
    expectScope(tokens, 6, '-)', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 8, 'alt', 'keyword.control.mermaid');
    expectScope(tokens, 9, 'else', 'keyword.control.mermaid');
    expectScope(tokens, 10, 'end', 'keyword.control.mermaid');
    expectScope(tokens, 11, 'Note', 'keyword.control.mermaid');
    expectScope(tokens, 11, 'right of', 'keyword.control.mermaid');
  });

  it('highlights ER, class and state relations', () => {
    const tokens = tokenize(sample);
    expectScope(tokens, 14, 'Mermaid', 'fenced_code.block.language.markdown');
    expectScope(tokens, 15, 'erDiagram', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 16, '||--o{', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 16, 'logs', 'string.unquoted.label.mermaid');
    expectScope(tokens, 20, 'classDiagram', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 21, '<|--', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 22, '..>', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 25, 'stateDiagram-v2', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 26, '-->', 'keyword.operator.arrow.mermaid');
  });

  it('recognises newer diagram types', () => {
    const tokens = tokenize(sample);
    expectScope(tokens, 29, 'C4Context', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 32, 'architecture-beta', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 35, 'mindmap', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 36, 'ML system', 'string.unquoted.node-text.mermaid');
    expectScope(tokens, 39, 'pie', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 39, 'title', 'keyword.control.mermaid');
    expectScope(tokens, 40, '"Search"', 'string.quoted.double.mermaid');
    expectScope(tokens, 40, '60', 'constant.numeric.mermaid');
  });

  it('closes every fence: the blank separator lines carry no mermaid scopes', () => {
    const tokens = tokenize(sample);
    expect(mermaidTokensOn(tokens, [13, 18])).toEqual([]);
    expect(tokens.filter((token) => [13, 18].includes(token.line)).some((token) => token.scopes.includes('meta.embedded.block.mermaid'))).toBe(false);
  });
});

describe('mermaid injection grammar: no mermaid scopes outside mermaid fences', () => {
  it('ignores prose, inline code, other languages and look-alike fence names', () => {
    const sample = [
      'Our graph TD uses A --> B and %% is not a comment here.', // 0
      '', // 1
      'Inline `graph LR; A-->B` stays inline code.', // 2
      '', // 3
      '```js', // 4
      '// graph TD', // 5
      'const arrow = a --> b; // subgraph end', // 6
      '~~~mermaid', // 7
      'graph LR', // 8
      '    A[inside js] --> B', // 9
      '```', // 10
      '', // 11
      '```mermaidx', // 12
      'graph TD', // 13
      '```', // 14
      '', // 15
      '    graph TD', // 16 (indented code block)
      '    A --> B', // 17
    ].join('\n');
    const tokens = tokenize(sample);
    expect(mermaidTokensOn(tokens, [...Array(18).keys()])).toEqual([]);
    expect(tokens.some((token) => token.scopes.includes('meta.embedded.block.mermaid'))).toBe(false);
  });

  it('an unclosed bracket inside a diagram does not leak past the closing fence', () => {
    const sample = ['```mermaid', 'graph TD', '    A[unclosed --> B(also unclosed', '```', '', 'Plain text with [brackets] --> after.'].join('\n');
    const tokens = tokenize(sample);
    expectScope(tokens, 1, 'graph', 'keyword.control.diagram-type.mermaid');
    expect(mermaidTokensOn(tokens, [4, 5])).toEqual([]);
  });

  it('an unclosed mermaid fence runs to the end of the document without breaking the tokenizer', () => {
    const sample = ['```mermaid', 'graph TD', '    A --> B', '', '## Next heading'].join('\n');
    const tokens = tokenize(sample);
    expectScope(tokens, 2, '-->', 'keyword.operator.arrow.mermaid');
  });

  it('works inside list items and block quotes', () => {
    const sample = ['- Architecture:', '', '  ```mermaid', '  graph LR', '    A --> B', '  ```', '', '> ```mermaid', '> graph TD', '> ```'].join('\n');
    const tokens = tokenize(sample);
    expectScope(tokens, 3, 'graph', 'keyword.control.diagram-type.mermaid');
    expectScope(tokens, 4, '-->', 'keyword.operator.arrow.mermaid');
    expectScope(tokens, 8, 'graph', 'keyword.control.diagram-type.mermaid');
  });
});

describe('mermaid injection grammar: hostile input', () => {
  // Measured here: 15-70 ms per line below, about 0.5 ms per dense diagram line. The bound only
  // catches catastrophic backtracking, not ordinary slowness on a busy machine.
  it.each([
    ['20,000 open brackets', '    A[' + '['.repeat(20_000)],
    ['5,000 open parentheses', '    A(' + '('.repeat(5_000)],
    ['10,000 pipes', '    A' + '|'.repeat(10_000)],
    ['10,000 dashes', '    A' + '-'.repeat(10_000) + 'o'],
    ['10,000 percent signs and braces', '%%{' + '%%{'.repeat(3_000)],
  ])('tokenizes a line of %s quickly and closes the fence', (_name, line) => {
    const started = performance.now();
    const tokens = tokenize(['```mermaid', 'graph TD', line, '```', '', 'after --> text'].join('\n'));
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(mermaidTokensOn(tokens, [4, 5])).toEqual([]);
  });
});

describe('grammar contribution', () => {
  it('is contributed in package.json as an injection into Markdown with an embedded language', () => {
    const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      contributes?: { grammars?: { scopeName: string; path: string; injectTo?: string[]; embeddedLanguages?: Record<string, string> }[] };
    };
    const contribution = manifest.contributes?.grammars?.find((grammar) => grammar.scopeName === INJECTION_SCOPE);
    expect(contribution).toBeDefined();
    expect(resolve(root, contribution?.path ?? '')).toBe(INJECTION_PATH);
    expect(contribution?.injectTo).toContain('text.html.markdown');
    expect(contribution?.embeddedLanguages?.['meta.embedded.block.mermaid']).toBe('mermaid');
    const grammar = JSON.parse(readFileSync(INJECTION_PATH, 'utf8')) as { scopeName: string; injectionSelector: string };
    expect(grammar.scopeName).toBe(INJECTION_SCOPE);
    expect(grammar.injectionSelector).toMatch(/^L:text\.html\.markdown\b/);
  });
});
