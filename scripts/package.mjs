// `npm run package`: a production build, then `vsce package` into a .vsix, then a check of what
// went into it (the bundles, README, CHANGELOG, LICENSE and icon in; no node_modules, sources or
// source maps), printing the file list and size. Exit code 1 when anything is off.
// Usage: node scripts/package.mjs [--out FILE] [--skip-build]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Entries of a zip file, read from its central directory (a .vsix is a zip). */
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
    entries.push({ name: data.toString('utf8', offset + 46, offset + 46 + nameLength), size: data.readUInt32LE(offset + 24), localHeader: data.readUInt32LE(offset + 42), method: data.readUInt16LE(offset + 10), compressedSize: data.readUInt32LE(offset + 20) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { data, entries };
}

function readEntry({ data }, entry) {
  const nameLength = data.readUInt16LE(entry.localHeader + 26);
  const extraLength = data.readUInt16LE(entry.localHeader + 28);
  const start = entry.localHeader + 30 + nameLength + extraLength;
  const raw = data.subarray(start, start + entry.compressedSize);
  return entry.method === 8 ? inflateRawSync(raw) : raw;
}

const zip = zipEntries(out);
const names = zip.entries.map((entry) => entry.name);
const problems = [];
const iconPath = `extension/${manifest.icon ?? 'images/icon.png'}`;
for (const required of ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', iconPath]) {
  if (!names.some((name) => name.toLowerCase() === required.toLowerCase())) problems.push(`missing ${required}`);
}
for (const name of names) {
  if (/\/node_modules\//.test(name)) problems.push(`dev or runtime dependency shipped: ${name}`);
  if (/\.(ts|map)$/.test(name) && !name.endsWith('.d.ts')) problems.push(`source or source map shipped: ${name}`);
}
// Every file the manifest points at must be in the package, or the feature silently vanishes.
const referenced = [
  ...(manifest.contributes?.snippets ?? []).map((entry) => entry.path),
  ...(manifest.contributes?.grammars ?? []).map((entry) => entry.path),
  ...(manifest.contributes?.jsonValidation ?? []).map((entry) => entry.url).filter((url) => !/^[a-z]+:/i.test(url)),
  manifest.main,
];
for (const file of referenced) {
  const wanted = `extension/${path.posix.normalize(file).replace(/^\.\//, '')}`;
  if (!names.includes(wanted)) problems.push(`package.json points at ${file}, which is not in the package`);
}
const packagedManifest = JSON.parse(readEntry(zip, zip.entries.find((entry) => entry.name === 'extension/package.json')).toString('utf8'));
if (packagedManifest.main !== './dist/client.js') problems.push(`main is ${packagedManifest.main}, expected ./dist/client.js`);

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
for (const entry of zip.entries) console.log(`  ${entry.name.padEnd(60)} ${kib(entry.size)}`);
console.log(`package: ${path.relative(root, out)}: ${zip.entries.length} files, ${kib(statSync(out).size)}`);
if (problems.length > 0) fail(problems.join('\n'));
