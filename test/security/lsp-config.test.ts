// A hostile config file against the real language server (issue 11, item 2): 20,000 unknown rules in
// a pretty-printed .mlsdrc.json blocked the first hover for 61 s, 40,000 keys in .mlsdrc.yaml for
// 174 s. Now the hover answers within a generous bound and the config gets a handful of diagnostics.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../lsp/helpers/serverProcess';

let client: LspTestClient | undefined;
let workspace: string | undefined;

afterEach(async () => {
  await client?.stop();
  client = undefined;
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

async function hoverTimeWith(configName: string, configText: string): Promise<{ ms: number; configDiagnostics: number }> {
  workspace = mkdtempSync(join(tmpdir(), 'mlsd-lsp-hostile-config-'));
  mkdirSync(join(workspace, '.git'));
  mkdirSync(join(workspace, 'design-docs'));
  writeFileSync(join(workspace, configName), configText);
  client = await LspTestClient.start({ workspaceFolder: pathToFileURL(workspace).href });
  const uri = pathToFileURL(join(workspace, 'design-docs', 'doc.md')).href;
  const configUri = pathToFileURL(join(workspace, configName)).href;
  // From opening a doc under the config to the answer of the first hover (server start excluded).
  const started = performance.now();
  await client.open(uri, '# Design\n\n## Model\n\nA baseline first.\n');
  await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 3 } });
  const ms = performance.now() - started;
  const published = await client.waitForDiagnostics((params) => params.uri === configUri, 15_000);
  return { ms, configDiagnostics: published.diagnostics.length };
}

describe('the language server with a hostile config', () => {
  it('answers the first hover quickly with 20,000 unknown rules in a pretty-printed .mlsdrc.json', async () => {
    const rules: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) rules[`unknown-rule-${i}`] = 'off';
    const { ms, configDiagnostics } = await hoverTimeWith('.mlsdrc.json', JSON.stringify({ rules }, null, 2));
    expect(ms).toBeLessThan(10_000);
    expect(configDiagnostics).toBeGreaterThan(0);
    expect(configDiagnostics).toBeLessThanOrEqual(21);
  }, 60_000);

  it('answers the first hover quickly with 40,000 keys in .mlsdrc.yaml', async () => {
    const lines = ['rules:'];
    for (let i = 0; i < 40_000; i++) lines.push(`  r${i}: off`);
    const { ms, configDiagnostics } = await hoverTimeWith('.mlsdrc.yaml', `${lines.join('\n')}\n`);
    expect(ms).toBeLessThan(10_000);
    expect(configDiagnostics).toBeLessThanOrEqual(21);
  }, 60_000);
});
