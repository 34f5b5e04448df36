// Reading config files: JSON, YAML and package.json#mlsd parsed with bounds (size, lines, binary
// content), every failure a problem rather than an exception, cached while the file is unchanged.
import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { ConfigProblem } from '../types';
import type { LoadedConfig } from './load';
import { describeValue, isPlainObject } from './schemaMessages';

/** A config file is a few KB; anything this large is a mistake, not a config. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export type ParsedConfigFile =
  | { kind: 'config'; raw: unknown; problems: ConfigProblem[] }
  /** A package.json without an "mlsd" key: not a config, keep walking up. */
  | { kind: 'not-a-config' };

export interface CacheEntry {
  mtimeMs: number;
  size: number;
  parsed: ParsedConfigFile;
  /** resolveConfig's result on the default base, reused while the file is unchanged. */
  resolvedOnDefaults?: LoadedConfig;
}

/** Parsed config files by absolute path; an entry is valid while mtime and size are unchanged. */
const cache = new Map<string, CacheEntry>();

export function clearConfigCache(): void {
  cache.clear();
}

export function readCached(file: string): CacheEntry {
  let stats: { mtimeMs: number; size: number; isFile(): boolean } | undefined;
  try {
    stats = statSync(file);
  } catch {
    stats = undefined;
  }
  const cached = cache.get(file);
  if (cached && stats && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached;
  // A pipe or a device (`--config /dev/zero`) would block the read, or never end it.
  const parsed: ParsedConfigFile =
    stats && !stats.isFile()
      ? { kind: 'config', raw: undefined, problems: [{ file, key: '', message: 'is not a regular file (a folder, pipe or device), so it is not read' }] }
      : parseConfigFile(file, stats?.size);
  const entry: CacheEntry = { mtimeMs: stats?.mtimeMs ?? -1, size: stats?.size ?? -1, parsed };
  if (stats) cache.set(file, entry);
  else cache.delete(file);
  return entry;
}

function parseConfigFile(file: string, size: number | undefined): ParsedConfigFile {
  const problem = (message: string): ParsedConfigFile => ({ kind: 'config', raw: undefined, problems: [{ file, key: '', message }] });
  if (size === undefined) return problem('cannot read the configuration file: it does not exist or is not accessible');
  // A package.json that large is a project's (a lockfile-like manifest), not ours to complain about.
  if (size > MAX_CONFIG_BYTES && file.endsWith('package.json')) return { kind: 'not-a-config' };
  if (size > MAX_CONFIG_BYTES) return problem(`the configuration file is ${(size / 1024 / 1024).toFixed(1)} MB; a configuration larger than 1 MB is not read`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return problem(`cannot read the configuration file: ${(error as Error).message}`);
  }
  if (text.includes('\u0000')) return problem('the configuration file is binary, not JSON or YAML');

  if (file.endsWith('package.json')) {
    const parsed = parseJson(text);
    // A broken package.json is npm's business unless it was meant to configure us.
    if ('error' in parsed) return text.includes('"mlsd"') ? problem(parsed.error) : { kind: 'not-a-config' };
    if (!isPlainObject(parsed.value) || !('mlsd' in parsed.value)) return { kind: 'not-a-config' };
    const mlsd = parsed.value.mlsd;
    // Validate the nested object as if it were its own file, but name the key so messages point to package.json#mlsd.
    return { kind: 'config', raw: mlsd, problems: isPlainObject(mlsd) ? [] : [{ file, key: 'mlsd', message: `must be an object; got ${describeValue(mlsd)}` }] };
  }
  if (file.endsWith('.json')) {
    const parsed = parseJson(text);
    return 'error' in parsed ? problem(parsed.error) : { kind: 'config', raw: parsed.value, problems: [] };
  }
  const parsed = parseYaml(text);
  return 'error' in parsed ? problem(parsed.error) : { kind: 'config', raw: parsed.value, problems: [] };
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    // V8 reports "at position N" (Node 20) and sometimes "(line L column C)" (Node 22+): report a line either way.
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (lineColumn) where = ` at line ${lineColumn[1]}, column ${lineColumn[2]}`;
    else if (position) {
      const { line, column } = lineAndColumn(text, Number(position[1]));
      where = ` at line ${line}, column ${column}`;
    } else if (/end of JSON input/i.test(message)) {
      const { line, column } = lineAndColumn(text, text.length);
      where = ` at line ${line}, column ${column}`;
    }
    // V8 quotes the start of the text ('Unexpected token 'r', "root:x:0:0:"... is not valid JSON'): never echo file content.
    const reason = message
      .replace(/,?\s*".*"(\.\.\.)? is not valid JSON\s*$/s, '')
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/ in JSON at position \d+/, '')
      .replace(/^JSON\.parse: /, '');
    return { error: `invalid JSON${where}: ${reason}` };
  }
}

/**
 * YAML parsing costs about 20 µs a line: a config is a few dozen lines, and one of 40,000 would hold
 * the server for a second on every change. Larger YAML is refused before it is parsed.
 */
export const MAX_YAML_LINES = 5_000;

function parseYaml(text: string): { value: unknown } | { error: string } {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && lines <= MAX_YAML_LINES; at = text.indexOf('\n', at + 1)) lines++;
  if (lines > MAX_YAML_LINES) {
    return { error: `the configuration has more than ${MAX_YAML_LINES.toLocaleString('en-US')} lines; a YAML configuration that long is not read` };
  }
  try {
    // yaml's own uniqueKeys check compares each key with every earlier key of its map: quadratic,
    // minutes for 40,000 keys. Duplicates are found below with a set per map instead.
    const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    const first = document.errors[0];
    if (first) {
      const { line, column } = lineAndColumn(text, first.pos[0]);
      const where = ` at line ${line}, column ${column}`;
      return { error: `invalid YAML${where}: ${first.message.split('\n')[0]}` };
    }
    const duplicate = firstDuplicateKey(document.contents);
    if (duplicate !== undefined) {
      const { line, column } = lineAndColumn(text, duplicate.offset);
      return { error: `invalid YAML at line ${line}, column ${column}: map keys must be unique; "${duplicate.key.length > 60 ? `${duplicate.key.slice(0, 57)}...` : duplicate.key}" is repeated` };
    }
    return { value: document.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (error) {
    return { error: `invalid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** The first key repeated in one YAML map (scalar keys), in document order; linear in the number of nodes. */
function firstDuplicateKey(root: unknown): { key: string; offset: number } | undefined {
  const stack: unknown[] = [root];
  let found: { key: string; offset: number } | undefined;
  // Iterative: a deeply nested config must not overflow the stack.
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          const name = String(key.value);
          if (seen.has(name)) {
            const offset = key.range?.[0] ?? 0;
            if (!found || offset < found.offset) found = { key: name, offset };
          }
          seen.add(name);
        } else if (key) stack.push(key);
        if (pair.value) stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return found;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
