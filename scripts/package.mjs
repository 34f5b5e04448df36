// `npm run package`: a production build, then `vsce package` into a .vsix, then a check of what
// went into it, printing the file list and size. Exit code 1 when anything is off. What must be in
// comes from the two places that decide it: every file the `!` lines of .vscodeignore ship (each
// line must match at least one built file) and every path package.json points at. What must stay
// out: node_modules, sources and source maps.
// Usage: node scripts/package.mjs [--out FILE] [--skip-build]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = path.resolve(root, outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : `${manifest.name}-${manifest.version}.vsix`);

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

for (const required of ['README.md', 'CHANGELOG.md', 'LICENSE', manifest.icon ?? 'images/icon.png']) {
  if (!existsSync(path.join(root, required))) fail(`${required} is missing; the marketplace page needs it.`);
}

/** Runs a step, turning its failure into one clear line instead of a stack trace. */
function step(what, command, commandArgs, options) {
  try {
    execFileSync(command, commandArgs, options);
  } catch (error) {
    fail(`${what} failed${error.status !== undefined && error.status !== null ? ` (exit code ${error.status})` : ''}; its output is above.`);
  }
}

if (!args.includes('--skip-build')) {
  step('the production build', process.execPath, [path.join(root, 'scripts/build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
}
for (const bundle of ['dist/client.js', 'dist/server.js']) {
  if (!existsSync(path.join(root, bundle))) fail(`${bundle} was not built.`);
}

const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
// --no-dependencies: everything runs from the esbuild bundles. --no-rewrite-relative-links and
// --allow-missing-repository: the package must build offline and before the repository is public.
step('vsce package', process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});

/** Entries of a zip file (names and sizes), read from its central directory (a .vsix is a zip). */
function zipEntries(file) {
  const data = readFileSync(file);
  const endOfDirectory = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) throw new Error(`${file} is not a zip file`);
  const count = data.readUInt16LE(endOfDirectory + 10);
  let offset = data.readUInt32LE(endOfDirectory + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    entries.push({ name: data.toString('utf8', offset + 46, offset + 46 + nameLength), size: data.readUInt32LE(offset + 24) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Files under `dir` (relative to the root, forward slashes). */
function filesUnder(dir) {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [dir];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/**
 * What .vscodeignore ships: for each `!` line, the files on disk it re-includes that no later line
 * excludes again (the last matching line wins, as in vsce). A `!` line matching nothing is a problem.
 */
function shippedByVscodeignore(problems) {
  const rules = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => ({ negated: line.startsWith('!'), pattern: line.replace(/^!/, ''), match: picomatch(line.replace(/^!/, ''), { dot: true }) }));
  const shipped = new Set();
  for (const rule of rules.filter((r) => r.negated)) {
    const candidates = filesUnder(picomatch.scan(rule.pattern).base || '.').filter((file) => rule.match(file));
    if (candidates.length === 0) problems.push(`.vscodeignore ships !${rule.pattern}, but no such file exists (not built?)`);
    for (const file of candidates) {
      const last = rules.findLast((r) => r.match(file));
      if (last?.negated) shipped.add(file);
    }
  }
  return shipped;
}

/** Every file package.json points at: without it the feature silently vanishes. */
function referencedByManifest() {
  const contributes = manifest.contributes ?? {};
  const local = (url) => !/^[a-z][\w+.-]*:/i.test(url);
  const files = [
    manifest.main,
    manifest.icon,
    ...(contributes.snippets ?? []).map((entry) => entry.path),
    ...(contributes.grammars ?? []).map((entry) => entry.path),
    ...(contributes.jsonValidation ?? []).map((entry) => entry.url).filter(local),
    ...(contributes.yamlValidation ?? []).map((entry) => entry.url).filter(local),
    // The walkthrough's pages (and images, when a step shows one).
    ...(contributes.walkthroughs ?? [])
      .flatMap((walkthrough) => walkthrough.steps ?? [])
      .flatMap((step) => [step.media?.markdown, step.media?.image, step.media?.svg])
      .filter((file) => typeof file === 'string'),
  ]
    .filter((file) => typeof file === 'string')
    .map((file) => path.posix.normalize(file).replace(/^\.\//, ''));
  return [...new Set(files)];
}

const entries = zipEntries(out);
const packaged = new Set(entries.map((entry) => entry.name.toLowerCase()));
// vsce lower-cases README/CHANGELOG and names an extensionless LICENSE `LICENSE.txt`.
const inPackage = (file) => packaged.has(`extension/${file}`.toLowerCase()) || (path.posix.extname(file) === '' && packaged.has(`extension/${file}.txt`.toLowerCase()));
const problems = [];
if (!packaged.has('extension/package.json')) problems.push('missing extension/package.json');
for (const file of shippedByVscodeignore(problems)) {
  if (!inPackage(file)) problems.push(`.vscodeignore ships ${file}, which is not in the package`);
}
for (const file of referencedByManifest()) {
  if (!inPackage(file)) problems.push(`package.json points at ${file}, which is not in the package`);
}
for (const { name } of entries) {
  if (/\/node_modules\//.test(name)) problems.push(`dev or runtime dependency shipped: ${name}`);
  if (/\.(ts|map)$/.test(name) && !name.endsWith('.d.ts')) problems.push(`source or source map shipped: ${name}`);
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
for (const entry of entries) console.log(`  ${entry.name.padEnd(60)} ${kib(entry.size)}`);
console.log(`package: ${path.relative(root, out)}: ${entries.length} files, ${kib(statSync(out).size)}`);
if (problems.length > 0) fail(problems.join('\n'));
