// Schema validation and its messages: the config is checked against schemas/mlsdrc.schema.json,
// and Ajv's errors become one readable message per key ("unknown key (did you mean …)", "must be
// one of …; got …").
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import configSchema from '../../../../schemas/mlsdrc.schema.json';

let compiledValidator: ValidateFunction | undefined;
export function validator(): ValidateFunction {
  // verbose gives each error its parentSchema, used to list the known keys in "unknown key" messages.
  compiledValidator ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(configSchema);
  return compiledValidator;
}

export const pathKey = (path: readonly string[]) => path.join('\u0000');

/**
 * Ajv reports every failed branch of a oneOf; users need one message per key. Keep the most specific error:
 * errors at a deeper path win over the branch errors of their ancestors, and at one path an enum error
 * ("must be one of …") is more helpful than "must be boolean".
 */
export function condenseErrors(errors: ErrorObject[]): ErrorObject[] {
  const priority = (error: ErrorObject) => ['enum', 'required', 'additionalProperties', 'pattern', 'minLength', 'minItems', 'maxItems', 'maxProperties', 'maxLength', 'type'].indexOf(error.keyword);
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

export function errorMessage(error: ErrorObject, root: unknown): string {
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

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

export function instancePathSegments(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** ["template", "sections", "0", "id"] -> "template.sections[0].id" */
export function formatKey(path: readonly string[]): string {
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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function didYouMean(input: string, candidates: readonly string[]): string {
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
