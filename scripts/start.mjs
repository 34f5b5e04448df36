// `npm start`: builds and packages the extension, installs the .vsix into a code-server of its own
// (state under .e2e/start/), opens a copy of examples/ (design docs plus an ordinary README) and
// prints the URL to open. Ctrl+C stops code-server's whole process group: nothing stays behind.
// Usage: node scripts/start.mjs [--port N] [--fresh] [--skip-package]
//   --fresh          start again from a clean copy of examples/ and a fresh profile
//   --skip-package   reuse the last .vsix
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, freePort, installExtension, requireCodeServer, startCodeServer, workbenchUrl } from '../test/e2e/lib/codeServer.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const stateRoot = path.join(ROOT, '.e2e/start');
const workspace = path.join(stateRoot, 'workspace');
const vsix = path.join(stateRoot, 'mlsd-design-docs.vsix');

async function portToUse() {
  const requested = Number(option('--port') ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(requested) || requested <= 0 || requested > 65535) throw new Error(`invalid port: ${option('--port') ?? process.env.PORT}`);
  // Fall back to any free port when the usual one is taken, rather than failing.
  const probe = await import('node:net').then(
    ({ createServer }) =>
      new Promise((resolve) => {
        const server = createServer();
        server.once('error', () => resolve(false));
        server.listen(requested, '127.0.0.1', () => server.close(() => resolve(true)));
      }),
  );
  return probe ? requested : freePort();
}

async function main() {
  try {
    requireCodeServer();
  } catch {
    console.log('start: code-server is not installed yet; running scripts/install-e2e.sh');
    execFileSync('bash', [path.join(ROOT, 'scripts/install-e2e.sh')], { stdio: 'inherit' });
  }
  if (args.includes('--fresh')) rmSync(stateRoot, { recursive: true, force: true });
  mkdirSync(stateRoot, { recursive: true });
  if (!args.includes('--skip-package') || !existsSync(vsix)) {
    console.log('start: building and packaging the extension…');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/package.mjs'), '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  // A copy, so trying the quick fixes never edits the repository's examples; kept across runs.
  if (!existsSync(workspace)) cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  const serverState = path.join(stateRoot, 'code-server');
  console.log(`start: ${await installExtension(serverState, vsix)}`);
  const server = await startCodeServer({ stateDir: serverState, workspace, port: await portToUse() });

  let stopping = false;
  const stop = async (reason) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nstart: ${reason}; stopping code-server (process group ${server.pid})…`);
    await server.stop();
    console.log('start: stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl+C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('terminal closed'));

  console.log('');
  console.log(`  Open ${workbenchUrl(server, workspace)}`);
  console.log('');
  console.log(`  VS Code (code-server) with the extension installed, on 127.0.0.1 only, no password.`);
  console.log(`  Workspace: ${path.relative(ROOT, workspace)} (a copy of examples/; --fresh resets it).`);
  console.log(`  Logs: ${path.relative(ROOT, path.join(serverState, 'code-server.log'))}. Press Ctrl+C to stop.`);
  const { code, signal } = await server.exited;
  if (!stopping) {
    console.error(`start: code-server exited (${signal ?? `code ${code}`}); see the log above.`);
    await server.stop();
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
