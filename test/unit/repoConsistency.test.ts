// Rule metadata copied by hand into the manifest and the README must follow the rule catalogue (ALL_RULES).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { ALL_RULES } from '../../server/src/engine/rules';

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
  for (const match of section.matchAll(/^\|\s*`([\w-]+)`\s*\|\s*([\w-]+)\s*\|/gm)) {
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
