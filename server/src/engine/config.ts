// Configuration: find the nearest .mlsdrc.json / .mlsdrc.yaml / .mlsdrc.yml / package.json#mlsd,
// validate it against schemas/mlsdrc.schema.json and merge it onto the defaults.
// Bad input never throws: every problem names the file and the key, and whatever is valid is kept.
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import configSchema from '../../../schemas/mlsdrc.schema.json';
import { ALL_RULES } from './rules';
import type { ConfigProblem, ResolvedConfig, RuleSetting, Severity, StepDefinition, Template } from './types';
import { DEFAULT_TEMPLATE } from './vocabulary';

/** Looked up in this order in each folder, walking up from the document. */
export const CONFIG_FILE_NAMES = ['.mlsdrc.json', '.mlsdrc.yaml', '.mlsdrc.yml', 'package.json'] as const;

/** A config file is a few KB; anything this large is a mistake, not a config. */
const MAX_CONFIG_BYTES = 1024 * 1024;
const SEVERITIES: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface ConfigOptions {
  /** Rule ids accepted under `rules`; defaults to the ids of ALL_RULES. */
  knownRuleIds?: readonly string[];
}

export interface LoadConfigOptions extends ConfigOptions {
  /** Configuration the file is layered onto (for example the editor's settings); defaults to defaultConfig(). */
  base?: ResolvedConfig;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
  /** The config file that applied, when one was found. */
  configFile?: string;
}

export function defaultConfig(): ResolvedConfig {
  return { template: DEFAULT_TEMPLATE, rules: {} };
}

/** "file: key: message", the one way problems are printed by the CLI and logged by the server. */
export function formatConfigProblem(problem: ConfigProblem): string {
  return problem.key ? `${problem.file}: ${problem.key}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

// ---------------------------------------------------------------------------------------------
// Validation and merging

let compiledValidator: ValidateFunction | undefined;
function validator(): ValidateFunction {
  // verbose gives each error its parentSchema, used to list the known keys in "unknown key" messages.
  compiledValidator ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(configSchema);
  return compiledValidator;
}

function knownRuleIdList(options: ConfigOptions): readonly string[] {
  if (options.knownRuleIds) return options.knownRuleIds;
  // Read at call time, never at module load, so an import cycle through the engine cannot see it half-built.
  return Array.isArray(ALL_RULES) ? ALL_RULES.map((rule) => rule.id) : [];
}

/**
 * At most this many problems are described per config file; the rest are counted in one more
 * problem. A config with 40,000 bad keys must not cost 40,000 messages (each "did you mean" an edit
 * distance, each located in the file by the server).
 */
export const MAX_REPORTED_PROBLEMS = 20;

/** Collects problems, building the message only for the first MAX_REPORTED_PROBLEMS. */
class ProblemList {
  readonly problems: ConfigProblem[] = [];
  private unlisted = 0;
  constructor(private readonly source: string) {}
  add(key: string, message: string | (() => string)): void {
    if (this.problems.length >= MAX_REPORTED_PROBLEMS) {
      this.unlisted++;
      return;
    }
    this.problems.push({ file: this.source, key, message: typeof message === 'string' ? message : message() });
  }
  result(): ConfigProblem[] {
    return this.unlisted === 0 ? this.problems : [...this.problems, unlistedProblem(this.source, this.unlisted)];
  }
}

function unlistedProblem(file: string, count: number): ConfigProblem {
  return { file, key: '', message: `and ${count.toLocaleString('en-US')} more problem${count === 1 ? '' : 's'} not listed; fix the ones above first` };
}

/** Caps an already built list the same way (problems of a file are the parse problems plus resolveConfig's). */
function capProblems(problems: ConfigProblem[]): ConfigProblem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS + 1) return problems;
  const unlisted = problems.slice(MAX_REPORTED_PROBLEMS).reduce((sum, problem) => sum + (unlistedCount(problem) ?? 1), 0);
  return [...problems.slice(0, MAX_REPORTED_PROBLEMS), unlistedProblem(problems[0]!.file, unlisted)];
}

function unlistedCount(problem: ConfigProblem): number | undefined {
  const match = /^and ([\d,]+) more problems? not listed/.exec(problem.message);
  return match ? Number(match[1]!.replace(/,/g, '')) : undefined;
}

const pathKey = (path: readonly string[]) => path.join('\u0000');

/**
 * Validates a raw config object (parsed JSON/YAML or a settings object) and merges it onto `base`.
 * Invalid parts are reported and skipped; valid parts still apply. Linear in the size of `raw`.
 */
export function resolveConfig(
  raw: unknown,
  source: string,
  base: ResolvedConfig = defaultConfig(),
  options: ConfigOptions = {},
): { config: ResolvedConfig; problems: ConfigProblem[] } {
  const problems = new ProblemList(source);
  const config: ResolvedConfig = { template: base.template, rules: { ...base.rules }, source };
  if (raw === undefined || raw === null) return { config, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add('', `the configuration must be an object with rules, vocabulary or template; got ${describeValue(raw)}`);
    return { config, problems: problems.result() };
  }

  const validate = validator();
  /** Paths with a problem, and every ancestor of such a path. */
  const invalidAt = new Set<string>();
  const invalidWithin = new Set<string>();
  if (!validate(raw)) {
    for (const error of condenseErrors(validate.errors ?? [])) {
      const path = instancePathSegments(error.instancePath);
      if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
      invalidAt.add(pathKey(path));
      for (let i = 0; i <= path.length; i++) invalidWithin.add(pathKey(path.slice(0, i)));
      problems.add(formatKey(path), () => errorMessage(error, raw));
    }
  }
  /** True when a problem was reported at the path or inside it. */
  const isInvalid = (...path: string[]) => invalidWithin.has(pathKey(path));
  const hasErrorAt = (...path: string[]) => invalidAt.has(pathKey(path));
  const record = raw as Record<string, unknown>;

  if (isPlainObject(record.template)) {
    if (isInvalid('template')) {
      problems.add('template', 'the custom template is ignored because of the problems above; the previous template stays in force');
    } else {
      config.template = templateFromConfig(record.template as unknown as RawTemplate);
      checkDuplicateSectionIds(config.template, problems);
    }
  }

  // A section over its size bound (too many keys) is skipped as a whole: its entries are not even looked at.
  if (isPlainObject(record.vocabulary) && !hasErrorAt('vocabulary')) {
    const stepIds = config.template.steps.map((step) => step.id);
    const known = new Set(stepIds);
    const extra: Record<string, string[]> = {};
    for (const [stepId, phrases] of Object.entries(record.vocabulary)) {
      if (!known.has(stepId)) {
        problems.add(formatKey(['vocabulary', stepId]), () => `unknown step${didYouMean(stepId, stepIds)}; known steps are ${stepIds.join(', ')}`);
        continue;
      }
      if (!Array.isArray(phrases) || hasErrorAt('vocabulary', stepId)) continue; // already reported by the schema
      extra[stepId] = phrases.filter((phrase, i): phrase is string => typeof phrase === 'string' && !isInvalid('vocabulary', stepId, String(i)));
    }
    config.template = withExtraVocabulary(config.template, extra);
  }

  if (isPlainObject(record.rules) && !hasErrorAt('rules')) {
    const ruleIds = knownRuleIdList(options);
    const known = new Set(ruleIds);
    for (const [ruleId, setting] of Object.entries(record.rules)) {
      if (known.size > 0 && !known.has(ruleId)) {
        problems.add(formatKey(['rules', ruleId]), () => `unknown rule${didYouMean(ruleId, ruleIds)}; known rules are ${ruleIds.join(', ')}`);
        continue;
      }
      if (isInvalid('rules', ruleId)) continue;
      const severity = severityOf(setting);
      if (severity === 'default') delete config.rules[ruleId];
      else if (severity) config.rules[ruleId] = { severity } satisfies RuleSetting;
    }
  }
  return { config, problems: problems.result() };
}

interface RawSection {
  id: string;
  title: string;
  headings: string[];
  summary?: string;
  prose?: string[];
  skeleton?: string;
  checkpoints?: { id: string; title: string; why?: string; phrases: string[] }[];
}
interface RawTemplate {
  name?: string;
  mlChecks?: boolean;
  sections: RawSection[];
}

function templateFromConfig(raw: RawTemplate): Template {
  const steps: StepDefinition[] = raw.sections.map((section) => ({
    id: section.id,
    // Titles and summaries are one line of text wherever they show (messages, hovers, inserted headings).
    title: oneLine(section.title) || section.id,
    summary: oneLine(section.summary ?? '') || oneLine(section.title) || section.id,
    headings: normalisePhrases(section.headings),
    prose: normalisePhrases(section.prose ?? []),
    ...(section.skeleton !== undefined ? { skeleton: section.skeleton } : {}),
    // A custom section's checkpoints are phrases only (no patterns): data from a repository never becomes a regular expression.
    ...(section.checkpoints
      ? {
          checkpoints: section.checkpoints.map((c) => ({
            id: c.id,
            title: oneLine(c.title) || c.id,
            ...(c.why !== undefined ? { why: oneLine(c.why) } : {}),
            phrases: normalisePhrases(c.phrases),
          })),
        }
      : {}),
  }));
  return { name: oneLine(raw.name ?? '') || 'Custom template', steps, mlChecks: raw.mlChecks === true };
}

/** Line breaks and other control characters become spaces; blank runs collapse. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

function checkDuplicateSectionIds(template: Template, problems: ProblemList): void {
  const seen = new Set<string>();
  template.steps.forEach((step, index) => {
    if (seen.has(step.id)) problems.add(formatKey(['template', 'sections', String(index), 'id']), `duplicate section id "${step.id}"; ids must be unique`);
    seen.add(step.id);
  });
}

/** Returns a new template; the default template is shared and must never be mutated. */
function withExtraVocabulary(template: Template, extra: Record<string, string[]>): Template {
  if (Object.keys(extra).length === 0) return template;
  return {
    ...template,
    steps: template.steps.map((step) => {
      const phrases = extra[step.id];
      if (!phrases || phrases.length === 0) return step;
      return { ...step, headings: normalisePhrases([...step.headings, ...phrases]) };
    }),
  };
}

/** Heading vocabulary is matched on lower-case, whitespace-collapsed text. Linear: de-duplicated through a set. */
function normalisePhrases(phrases: readonly string[]): string[] {
  const result = new Set<string>();
  for (const phrase of phrases) {
    const normalised = phrase.trim().replace(/\s+/g, ' ').toLowerCase();
    if (normalised) result.add(normalised);
  }
  return [...result];
}

function severityOf(setting: unknown): Severity | 'off' | 'default' | undefined {
  if (setting === false) return 'off';
  if (setting === true) return 'default';
  const value = isPlainObject(setting) ? setting.severity : setting;
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value) ? (value as Severity | 'off') : undefined;
}

/**
 * Ajv reports every failed branch of a oneOf; users need one message per key. Keep the most specific error:
 * errors at a deeper path win over the branch errors of their ancestors, and at one path an enum error
 * ("must be one of …") is more helpful than "must be boolean".
 */
function condenseErrors(errors: ErrorObject[]): ErrorObject[] {
  const priority = (error: ErrorObject) =>
    ['enum', 'required', 'additionalProperties', 'pattern', 'minLength', 'minItems', 'maxItems', 'maxProperties', 'maxLength', 'type'].indexOf(error.keyword);
  const byPath = new Map<string, ErrorObject[]>();
  /** Every proper ancestor of a path with an error: one pass, instead of comparing every pair of paths. */
  const hasDeeperError = new Set<string>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath);
    if (list) list.push(error);
    else byPath.set(error.instancePath, [error]);
    for (let slash = error.instancePath.lastIndexOf('/'); slash >= 0; slash = error.instancePath.lastIndexOf('/', slash - 1)) {
      const ancestor = error.instancePath.slice(0, slash);
      if (hasDeeperError.has(ancestor)) break; // its ancestors are in already
      hasDeeperError.add(ancestor);
      if (slash === 0) break;
    }
  }
  const kept: ErrorObject[] = [];
  for (const [path, atPath] of byPath) {
    const fromOneOf = atPath.some((error) => error.keyword === 'oneOf');
    if (fromOneOf && hasDeeperError.has(path)) continue; // the deeper error explains what is wrong
    // Several unknown keys or missing properties at one path are separate problems; everything else is one.
    const separate = atPath.filter((error) => error.keyword === 'additionalProperties' || error.keyword === 'required');
    if (separate.length > 0 && !fromOneOf) {
      kept.push(...separate);
      continue;
    }
    const ranked = atPath.filter((error) => priority(error) >= 0).sort((a, b) => priority(a) - priority(b));
    kept.push(ranked[0] ?? atPath[0]!);
  }
  return kept;
}

function errorMessage(error: ErrorObject, root: unknown): string {
  const value = valueAt(root, instancePathSegments(error.instancePath));
  switch (error.keyword) {
    case 'additionalProperties': {
      const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const known = properties ? Object.keys(properties) : [];
      const unknown = String(error.params.additionalProperty);
      return known.length > 0 ? `unknown key${didYouMean(unknown, known)}; known keys are ${known.join(', ')}` : 'unknown key';
    }
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}; got ${describeValue(value)}`;
    case 'required':
      return `missing required key "${String(error.params.missingProperty)}"`;
    case 'type':
      return `must be ${article(String(error.params.type))}; got ${describeValue(value)}`;
    case 'pattern':
      return `${describeValue(value)} is not a valid id: use lower-case letters, digits and single dashes (like "model-card")`;
    case 'minLength':
      return 'must not be empty';
    case 'minItems':
      return `must list at least ${String(error.params.limit)} item(s)`;
    case 'maxItems':
      return `lists ${Array.isArray(value) ? value.length.toLocaleString('en-US') : 'too many'} items; at most ${String(error.params.limit)} are allowed, so this part of the configuration is ignored`;
    case 'maxProperties':
      return `has ${isPlainObject(value) ? Object.keys(value).length.toLocaleString('en-US') : 'too many'} keys; at most ${String(error.params.limit)} are allowed, so this part of the configuration is ignored`;
    case 'maxLength':
      return `is ${typeof value === 'string' ? value.length.toLocaleString('en-US') : 'too many'} characters long; at most ${String(error.params.limit)} are allowed`;
    default:
      return `${error.message ?? 'is invalid'}; got ${describeValue(value)}`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'an object', array: 'an array', string: 'a string', boolean: 'true or false', number: 'a number', integer: 'an integer' };
  return names[type] ?? type;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function instancePathSegments(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** ["template", "sections", "0", "id"] -> "template.sections[0].id" */
function formatKey(path: readonly string[]): string {
  return path.reduce((key, raw) => {
    // A key is a name, not a payload: a 100 KB key is shown by its start.
    const segment = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
    return /^\d+$/.test(segment) ? `${key}[${segment}]` : key ? `${key}.${segment}` : segment;
  }, '');
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function didYouMean(input: string, candidates: readonly string[]): string {
  if (input.length > 100) return ''; // no id is that long; spare the edit distance
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 4)) ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

// ---------------------------------------------------------------------------------------------
// Files

type ParsedConfigFile =
  | { kind: 'config'; raw: unknown; problems: ConfigProblem[] }
  /** A package.json without an "mlsd" key: not a config, keep walking up. */
  | { kind: 'not-a-config' };

interface CacheEntry {
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

export interface ConfigLookupOptions {
  /**
   * Folders the lookup never goes above when the document is not in a repository (the CLI passes
   * the working folder and the folders given; an editor, its workspace folders).
   */
  stopAt?: readonly string[];
}

/**
 * How far up the lookup goes: the repository root (the nearest folder, the document's own included,
 * that holds `.git`), else the deepest `stopAt` folder that contains the document, else the file
 * system root. A config above it (a home folder's, a parent project's) never applies to a document of
 * this repository, and a config that is a symbolic link is followed only to a file inside it.
 */
export function configLookupBoundary(filePath: string, lookup: ConfigLookupOptions = {}): string {
  const start = dirname(resolve(filePath));
  for (let folder = start; ; ) {
    if (exists(join(folder, '.git'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  let best: string | undefined;
  for (const stop of lookup.stopAt ?? []) {
    const folder = resolve(stop);
    if (isWithin(start, folder) && (best === undefined || folder.length > best.length)) best = folder;
  }
  return best ?? parse(start).root;
}

/** Said of a config file that is a link out of the repository (nothing of its target is read or echoed). */
export const LINKED_OUT_OF_BOUNDARY = 'leads outside the repository (or the folder checked) through a symbolic link, so it is not read';

interface ConfigLookup {
  file?: string;
  /** A config file skipped because it is a link out of the boundary (nothing of the target is read). */
  problems: ConfigProblem[];
}

function lookupConfigFile(filePath: string, lookup: ConfigLookupOptions): ConfigLookup {
  const boundary = configLookupBoundary(filePath, lookup);
  const problems: ConfigProblem[] = [];
  let realBoundary: string | undefined;
  let folder = dirname(resolve(filePath));
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(folder, name);
      if (!isFile(candidate)) continue;
      // A link (the file, or a linked folder on the way) may lead out of the repository: compare real paths.
      {
        realBoundary ??= realPathOr(boundary);
        const real = realPathOr(candidate);
        if (!isWithin(real, realBoundary)) {
          problems.push({
            file: candidate,
            key: '',
            message: `${LINKED_OUT_OF_BOUNDARY}; the lookup goes on upwards`,
          });
          continue;
        }
      }
      if (name === 'package.json' && readCached(candidate).parsed.kind === 'not-a-config') continue;
      return { file: candidate, problems };
    }
    const parent = dirname(folder);
    if (folder === boundary || parent === folder || !isWithin(parent, boundary)) return { problems };
    folder = parent;
  }
}

/**
 * Whether a config file may be read for a lookup: its real path (links followed) is inside the
 * lookup boundary. A watched config that is a link out of the workspace is neither read nor quoted.
 */
export function isConfigFileInsideBoundary(configPath: string, lookup: ConfigLookupOptions = {}): boolean {
  const boundary = configLookupBoundary(configPath, lookup);
  return isWithin(realPathOr(resolve(configPath)), realPathOr(boundary));
}

/**
 * The nearest config file for a document, or undefined. Looks in the document's folder, then each
 * parent up to the repository root (see configLookupBoundary).
 */
export function findConfigFile(filePath: string, lookup: ConfigLookupOptions = {}): string | undefined {
  return lookupConfigFile(filePath, lookup).file;
}

/** The configuration that applies to a document: the nearest config file merged onto the defaults (or `base`). */
export function loadConfigForFile(filePath: string, options: LoadConfigOptions & ConfigLookupOptions = {}): LoadedConfig {
  const { file, problems } = lookupConfigFile(filePath, options);
  if (!file) return { config: options.base ?? defaultConfig(), problems };
  const loaded = loadConfigFile(file, options);
  return problems.length === 0 ? loaded : { ...loaded, problems: capProblems([...problems, ...loaded.problems]) };
}

/** Loads one config file explicitly (the CLI's --config). A package.json applies its "mlsd" key. */
export function loadConfigFile(configPath: string, options: LoadConfigOptions = {}): LoadedConfig {
  const file = resolve(configPath);
  const entry = readCached(file);
  if (entry.parsed.kind === 'not-a-config') {
    return { config: options.base ?? defaultConfig(), problems: [{ file, key: 'mlsd', message: 'package.json has no "mlsd" key, so it holds no configuration' }], configFile: file };
  }
  const usesDefaults = options.base === undefined && options.knownRuleIds === undefined;
  if (usesDefaults && entry.resolvedOnDefaults) return entry.resolvedOnDefaults;
  const { config, problems } = resolveConfig(entry.parsed.raw, file, options.base ?? defaultConfig(), options);
  // In package.json the configuration sits under "mlsd": name keys as the user sees them there.
  const inPackageJson = file.endsWith('package.json');
  const located = inPackageJson ? problems.map((p) => ({ ...p, key: p.key ? `mlsd.${p.key}` : 'mlsd' })) : problems;
  const loaded: LoadedConfig = { config, problems: capProblems([...entry.parsed.problems, ...located]), configFile: file };
  if (usesDefaults) entry.resolvedOnDefaults = loaded;
  return loaded;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** `path` is `folder` or inside it (absolute paths). */
function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readCached(file: string): CacheEntry {
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
      .replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '').replace(/^JSON\.parse: /, '');
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
