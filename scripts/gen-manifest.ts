// Generates what package.json and README.md say about the settings and the rules, in the manner of
// markdownlint (which generates its schema and docs from its rules):
//   - package.json `contributes.configuration`, from the setting definitions
//     (server/src/settings/definitions.ts), the rule catalogue (ALL_RULES: one `mlsd.rules` property per
//     rule) and the config schema (schemas/mlsdrc.schema.json: the severities, `mlsd.vocabulary`,
//     `mlsd.template`);
//   - the README's rule table (under "## Rules") and settings table (under "## Configuration").
// Run by `npm run docs` (through gen-rule-docs.ts); test/unit/repoConsistency.test.ts fails when the
// committed files are stale. The rest of package.json is kept as it is (2-space JSON).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import configSchema from '../schemas/mlsdrc.schema.json';
import { ALL_RULES } from '../server/src/engine/rules';
import { DEFAULT_STEP_IDS, type Rule } from '../server/src/engine/types';
import { SETTING_GROUPS, SETTINGS, type JsonSchema, type SettingDefinition } from '../server/src/settings/definitions';

type ConfigSchema = { definitions: Record<string, JsonSchema>; properties: Record<string, JsonSchema> };
const schema = configSchema as unknown as ConfigSchema;

/** The config schema's definitions inlined (VS Code's settings do not follow `$ref` into another file). */
function resolveRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolveRefs);
  if (typeof node !== 'object' || node === null) return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const name = /^#\/definitions\/([\w-]+)$/.exec(ref)?.[1];
    const target = name ? schema.definitions[name] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${ref} in schemas/mlsdrc.schema.json`);
    return resolveRefs(target);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveRefs(value)]));
}

export function severities(): string[] {
  return [...(schema.definitions.severity!.enum as string[])];
}

/** The value schema of a setting, with the parts that come from the rule catalogue and the config schema. */
function valueSchema(setting: SettingDefinition, rules: readonly Rule[]): JsonSchema {
  const severity = { type: 'string', enum: severities() };
  switch (setting.key) {
    case 'mlsd.rules':
      return {
        ...setting.schema,
        properties: Object.fromEntries(rules.map((rule) => [rule.id, { ...severity, markdownDescription: `${rule.description.trim().replace(/\.$/, '')}. Default: \`${rule.defaultSeverity}\`.` }])),
        additionalProperties: severity,
      };
    case 'mlsd.vocabulary': {
      const { description: _description, ...phrases } = resolveRefs(schema.properties.vocabulary!.additionalProperties) as JsonSchema;
      return { ...setting.schema, properties: Object.fromEntries(DEFAULT_STEP_IDS.map((id) => [id, phrases])), additionalProperties: phrases };
    }
    case 'mlsd.template': {
      const { description: _description, type: _type, ...template } = resolveRefs(schema.definitions.template) as JsonSchema;
      return { ...setting.schema, ...template };
    }
    default:
      return setting.schema;
  }
}

/** package.json `contributes.configuration`: one section per group, the settings in definition order. */
export function renderConfiguration(rules: readonly Rule[] = ALL_RULES, settings: readonly SettingDefinition[] = SETTINGS): unknown[] {
  return Object.entries(SETTING_GROUPS).map(([group, { id, title }], groupIndex) => ({
    id,
    title,
    order: groupIndex + 1,
    properties: Object.fromEntries(
      settings
        .filter((setting) => setting.group === group)
        .map((setting, index) => [setting.key, { ...valueSchema(setting, rules), default: setting.default, scope: setting.scope, order: index + 1, markdownDescription: setting.markdownDescription }]),
    ),
  }));
}

/**
 * Where the value of the key at `path` lies in a JSON text (start and end offsets), found by scanning
 * the text itself so that the rest of it, formatting included, can be kept byte for byte.
 */
export function jsonValueSpan(text: string, path: readonly string[]): { start: number; end: number } {
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  /** Skips one value; when `want` is given and the value is an object, stops at that key's value instead. */
  const value = (want?: string): boolean => {
    ws();
    const c = text[i];
    if (c === '"') return (void string(), false);
    if (c === '{' || c === '[') {
      i++;
      ws();
      const close = c === '{' ? '}' : ']';
      while (text[i] !== close) {
        if (c === '{') {
          const key = string();
          ws();
          i++; // ':'
          ws();
          if (want !== undefined && key === want) return true;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
      return false;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    return false;
  };
  for (const key of path) {
    if (!value(key)) throw new Error(`no ${path.join('.')} in the JSON text`);
  }
  ws();
  const start = i;
  value();
  return { start, end: i };
}

/** package.json's text with `contributes.configuration` generated; every other byte kept as it is. */
export function renderPackageJson(text: string, rules: readonly Rule[] = ALL_RULES): string {
  const { start, end } = jsonValueSpan(text, ['contributes', 'configuration']);
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const indent = /^\s*/.exec(text.slice(lineStart, start))![0];
  const rendered = JSON.stringify(renderConfiguration(rules), null, 2).replace(/\n/g, `\n${indent}`);
  return text.slice(0, start) + rendered + text.slice(end);
}

const RULES_START = '<!-- rules-table: generated from the rule catalogue by `npm run docs` -->';
const RULES_END = '<!-- /rules-table -->';
const SETTINGS_START = '<!-- settings-table: generated from server/src/settings/definitions.ts by `npm run docs` -->';
const SETTINGS_END = '<!-- /settings-table -->';

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

export function renderRuleTable(rules: readonly Rule[] = ALL_RULES): string {
  return [
    '| Rule | Default | Fixable | What it reports |',
    '| --- | --- | --- | --- |',
    ...rules.map((rule) => `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.defaultSeverity} | ${rule.fixable ? 'yes' : 'no'} | ${cell(rule.description.trim().replace(/\.?$/, '.'))} |`),
  ].join('\n');
}

/** The first sentence of a description ("… in milliseconds. Default `150`; …" -> "… in milliseconds."), not cut inside brackets, code or emphasis. */
function firstSentence(markdown: string): string {
  let depth = 0;
  let code = false;
  let emphasis = false;
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i]!;
    if (c === '`') code = !code;
    else if (code) continue;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === '*' && markdown[i + 1] !== '*' && markdown[i - 1] !== '*') emphasis = !emphasis;
    else if ('.!?'.includes(c) && depth === 0 && !emphasis && /^\s+[A-Z`*"(]/.test(markdown.slice(i + 1))) return markdown.slice(0, i + 1);
  }
  return markdown;
}

/** `{ "clarify": 5, "framing": 5 }`, `["a", "b"]`: JSON on one line, spaced to read. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inlineJson(item)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/** What a setting accepts, from its schema: the enum, the number range, or the type. */
function accepted(setting: SettingDefinition): string {
  const {
    type,
    enum: values,
    minimum,
    maximum,
    properties,
  } = setting.schema as { type?: unknown; enum?: string[]; minimum?: number; maximum?: number; properties?: Record<string, { minimum?: number; maximum?: number }> };
  if (setting.accepts) return setting.accepts;
  if (values) return values.map((value) => `\`${value}\``).join(', ');
  if (type === 'number') return `${minimum ?? ''}–${maximum ?? ''} ms`.replace(/^–/, 'up to ');
  const per = properties ? Object.values(properties)[0] : undefined;
  if (per?.minimum !== undefined && per.maximum !== undefined) return `${per.minimum}–${per.maximum} minutes per step`;
  if (type === 'boolean') return '`true`, `false`';
  return String(type);
}

export function renderSettingsTable(settings: readonly SettingDefinition[] = SETTINGS): string {
  return [
    '| Setting | Default | Values | What it does |',
    '| --- | --- | --- | --- |',
    ...settings.map((setting) => `| \`${setting.key}\` | \`${cell(inlineJson(setting.default))}\` | ${cell(accepted(setting))} | ${cell(firstSentence(setting.markdownDescription))} |`),
  ].join('\n');
}

function replaceBetween(text: string, start: string, end: string, body: string, what: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${what} (between "${start}" and "${end}")`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

/** README.md's text with the rule table and the settings table generated. */
export function renderReadme(text: string, rules: readonly Rule[] = ALL_RULES, settings: readonly SettingDefinition[] = SETTINGS): string {
  const withRules = replaceBetween(text, RULES_START, RULES_END, renderRuleTable(rules), 'rule table');
  return replaceBetween(withRules, SETTINGS_START, SETTINGS_END, renderSettingsTable(settings), 'settings table');
}

/** Rewrites package.json and README.md when they are stale; returns the files written. */
export function writeManifestDocs(rootDir: string): string[] {
  const written: string[] = [];
  for (const [name, render] of [
    ['package.json', renderPackageJson],
    ['README.md', renderReadme],
  ] as const) {
    const path = join(rootDir, name);
    const before = readFileSync(path, 'utf8');
    const after = render(before);
    if (after !== before) {
      writeFileSync(path, after);
      written.push(name);
    }
  }
  return written;
}
