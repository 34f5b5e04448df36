// Rule and settings metadata in the manifest and the README is generated (`npm run docs`,
// scripts/gen-manifest.ts) from the rule catalogue (ALL_RULES), the config schema and the setting
// definitions (server/src/settings/definitions.ts); these tests fail when the committed files are stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { renderPackageJson, renderReadme } from '../../scripts/gen-manifest';
import { ALL_RULES } from '../../server/src/engine/rules';
import { SETTINGS } from '../../server/src/settings/definitions';

const repoRoot = join(__dirname, '..', '..');
const ruleIds = ALL_RULES.map((rule) => rule.id).sort();

interface SettingSchema {
  properties?: Record<string, { enum?: string[] }>;
}

function configurationProperty(name: string): SettingSchema {
  const configuration = (packageJson as { contributes: { configuration: unknown } }).contributes.configuration;
  const sections = (Array.isArray(configuration) ? configuration : [configuration]) as { properties?: Record<string, SettingSchema> }[];
  const found = sections.map((section) => section.properties?.[name]).find((property) => property !== undefined);
  if (!found) throw new Error(`package.json contributes.configuration has no ${name}`);
  return found;
}

/** `| \`rule-id\` | severity | ... |` rows of the README's "## Rules" section. */
function readmeRuleTable(): Map<string, string> {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = /^## Rules\s*$([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Rules" section');
  const rows = new Map<string, string>();
  for (const match of section.matchAll(/^\|\s*\[?`([\w-]+)`(?:\]\([^)]*\))?\s*\|\s*([\w-]+)\s*\|/gm)) {
    expect(rows.has(match[1]!), `${match[1]} listed twice`).toBe(false);
    rows.set(match[1]!, match[2]!);
  }
  return rows;
}

describe('rule metadata outside the catalogue', () => {
  it('package.json mlsd.rules has a property for exactly the rules there are, each taking every severity or off', () => {
    const properties = configurationProperty('mlsd.rules').properties ?? {};
    expect(Object.keys(properties).sort()).toEqual(ruleIds);
    for (const [id, property] of Object.entries(properties)) {
      expect(property.enum?.slice().sort(), id).toEqual(['error', 'hint', 'information', 'off', 'warning']);
    }
  });

  it("README.md's rule table lists every rule with its default severity", () => {
    const table = readmeRuleTable();
    expect([...table.keys()].sort()).toEqual(ruleIds);
    for (const rule of ALL_RULES) expect(table.get(rule.id), rule.id).toBe(rule.defaultSeverity);
  });
});

describe('generated files (npm run docs)', () => {
  it('package.json contributes.configuration is generated from the settings, the rules and the config schema; run `npm run docs`', () => {
    const text = readFileSync(join(repoRoot, 'package.json'), 'utf8');
    expect(text).toBe(renderPackageJson(text));
  });

  it("README.md's rule and settings tables are generated; run `npm run docs`", () => {
    const text = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(text).toBe(renderReadme(text));
  });

  it('package.json declares every setting the definitions hold, and no other', () => {
    const configuration = (packageJson as { contributes: { configuration: { properties: Record<string, unknown> }[] } }).contributes.configuration;
    const declared = configuration.flatMap((section) => Object.keys(section.properties)).sort();
    expect(declared).toEqual(SETTINGS.map((setting) => setting.key).sort());
  });
});

describe('setting definitions', () => {
  it('each default is a value its own normaliser keeps, and unset reads as the default', () => {
    for (const setting of SETTINGS) {
      expect(setting.normalise(setting.default), setting.key).toEqual({ value: setting.default });
      expect(setting.normalise(undefined).value, setting.key).toEqual(setting.default);
    }
  });

  it('numbers are held to the range the Settings editor enforces, enums to their values', () => {
    for (const setting of SETTINGS) {
      const { type, minimum, maximum, enum: values } = setting.schema as { type?: string; minimum?: number; maximum?: number; enum?: unknown[] };
      if (type === 'number') {
        expect(setting.normalise(maximum! * 10).value, setting.key).toBe(maximum);
        expect(setting.normalise(minimum! - 1).value, setting.key).toBe(setting.default);
        expect(setting.normalise('fast').expected, setting.key).toBeDefined();
      }
      if (values) {
        for (const value of values) expect(setting.normalise(value).value, setting.key).toBe(value);
        expect(setting.normalise('neon').value, setting.key).toBe(setting.default);
      }
    }
  });
});

describe('workspace trust', () => {
  it('declares untrusted-workspace support, and the README says what a repository config can and cannot do', () => {
    const capabilities = (packageJson as { capabilities?: { untrustedWorkspaces?: { supported: unknown } } }).capabilities;
    expect(capabilities?.untrustedWorkspaces?.supported).toBe(true);
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = /^## In an untrusted repository\s*$([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
    expect(section).toMatch(/Restricted\s+Mode/);
    expect(section).toMatch(/What its config can do/);
    expect(section).toMatch(/What it cannot do/);
  });
});
