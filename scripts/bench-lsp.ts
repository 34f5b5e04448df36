// Language-server benchmark: spawns dist/server.js over stdio and measures
//  1. the time from a didChange to the publishDiagnostics of that version, on a 2,000-line
//     design doc (scripts/bench.ts's generator: prose, lists, tables, code and mermaid diagrams),
//     over many single-character edits at scattered lines (median and p95);
//     the server's debounce is set to 0 so the number is the server's own work, not the wait;
//  2. the server's resident memory with 200 design docs open and checked.
// `npm run bench` calls benchLsp(). On its own (tsx cannot load the engine's .md templates, so bundle it):
//   npx esbuild scripts/bench-lsp.ts --bundle --platform=node --loader:.md=text --outfile=.scratch/bench-lsp.js
//   node .scratch/bench-lsp.js [dist/server.js]
// The memory figure includes the mermaid worker thread; MLSD_MERMAID_WORKER=/nonexistent leaves it out.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_FLAGS } from '../server/src/lsp/launchFlags';
import { generateDesignDoc } from './bench';
import { isMainScript, median, percentile, seededRandom } from './bench-util';

const TARGET_LINES = 2_000;
const WARMUP_EDITS = 20;
const MEASURED_EDITS = 300;
const OPEN_DOCS = 200;

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

interface BenchServer {
  pid: number;
  open(uri: string, text: string): Promise<void>;
  change(uri: string, version: number, line: number, character: number, text: string, deleteOne: boolean): Promise<void>;
  nextDiagnostics(predicate: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

async function startServer(serverPath: string, workspaceUri: string): Promise<BenchServer> {
  // Launched as the editors launch it: with the flags of server/src/lsp/launchFlags.ts.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, serverPath, '--stdio'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters: { predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    for (let i = 0; i < waiters.length; i++) {
      if (waiters[i]!.predicate(params)) {
        waiters[i]!.resolve(params);
        waiters.splice(i, 1);
        i--;
      }
    }
  });
  // Debounce 0: the benchmark measures the server's work; the debounce is a user setting.
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ debounceMs: 0 })));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: workspaceUri,
    workspaceFolders: [{ uri: workspaceUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    pid: child.pid!,
    open: (uri, text) => connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } }),
    change: (uri, version, line, character, text, deleteOne) =>
      connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character: character + (deleteOne ? 1 : 0) } }, text }],
      }),
    nextDiagnostics: (predicate) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics within 60 s; server stderr: ${stderr.slice(-1000)}`)), 60_000);
        waiters.push({ predicate, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      }),
    async stop() {
      await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      if (child.exitCode === null) child.kill('SIGKILL');
      connection.dispose();
    },
  };
}

export async function benchLsp(serverPath = join(process.cwd(), 'dist', 'server.js')): Promise<Record<string, number>> {
  if (!existsSync(serverPath)) throw new Error(`${serverPath} does not exist: build first with node scripts/build.mjs`);
  const workspaceUri = 'file:///bench-workspace';
  const results: Record<string, number> = {};

  // 1. didChange -> publishDiagnostics on a 2,000-line doc.
  {
    const server = await startServer(serverPath, workspaceUri);
    try {
      const text = generateDesignDoc(TARGET_LINES, 1);
      const lines = text.split('\n');
      const uri = `${workspaceUri}/design-docs/big.md`;
      const opened = performance.now();
      const first = server.nextDiagnostics((p) => p.uri === uri && p.version === 1);
      await server.open(uri, text);
      await first;
      results.lspOpenToDiagnosticsMs = performance.now() - opened;
      // Edit prose lines (not headings or tables) scattered through the doc: type a character, then delete it.
      const proseLines = lines
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /^[A-Z][a-z]/.test(line))
        .map(({ index }) => index);
      const random = seededRandom(7);
      const timings: number[] = [];
      let version = 1;
      let typedLine = 0;
      for (let edit = 0; edit < WARMUP_EDITS + MEASURED_EDITS; edit++) {
        // Even edits type an "X" at the start of a random prose line; odd edits delete it again.
        const insert = edit % 2 === 0;
        if (insert) typedLine = proseLines[Math.floor(random() * proseLines.length)]!;
        version++;
        const expected = version;
        const published = server.nextDiagnostics((p) => p.uri === uri && p.version === expected);
        const started = performance.now();
        await server.change(uri, version, typedLine, 0, insert ? 'X' : '', !insert);
        await published;
        if (edit >= WARMUP_EDITS) timings.push(performance.now() - started);
      }
      results.lspDocLines = lines.length;
      results.lspEdits = timings.length;
      results.lspChangeToDiagnosticsMedianMs = median(timings);
      results.lspChangeToDiagnosticsP95Ms = percentile(timings, 95);
      results.lspChangeToDiagnosticsMaxMs = Math.max(...timings);
    } finally {
      await server.stop();
    }
  }

  // 2. Memory with 200 docs open.
  {
    const server = await startServer(serverPath, workspaceUri);
    try {
      results.lspIdleRssMb = residentMb(server.pid);
      const random = seededRandom(3);
      let totalLines = 0;
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < OPEN_DOCS; i++) {
        const text = generateDesignDoc(200 + Math.floor(random() * 600), 100 + i);
        totalLines += text.split('\n').length;
        const uri = `${workspaceUri}/design-docs/doc-${i}.md`;
        pending.push(server.nextDiagnostics((p) => p.uri === uri));
        await server.open(uri, text);
      }
      await Promise.all(pending);
      await new Promise((r) => setTimeout(r, 1000));
      results.lspOpenDocs = OPEN_DOCS;
      results.lspOpenDocsTotalLines = totalLines;
      results.lspRssMbWith200Docs = residentMb(server.pid);
    } finally {
      await server.stop();
    }
  }
  return results;
}

// Only when started as this script: bundled into dist/bench.js, `require.main === module` would be true here too.
if (isMainScript('bench-lsp')) {
  benchLsp(process.argv[2]).then(
    (results) => {
      for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(34)} ${Number.isInteger(value) ? value : value.toFixed(1)}`);
      const ok = results.lspChangeToDiagnosticsP95Ms! < 50 && results.lspRssMbWith200Docs! < 150;
      console.log(ok ? 'targets met (p95 < 50 ms, RSS < 150 MB)' : 'TARGETS MISSED (p95 < 50 ms, RSS < 150 MB)');
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
