import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRuleDocs, RULE_DOCS_DIR } from '../../scripts/gen-rule-docs';
import { ALL_RULES } from '../../server/src/engine/rules';

const docsDir = join(__dirname, '..', '..', RULE_DOCS_DIR);

describe('generated rule docs (npm run docs)', () => {
  const pages = renderRuleDocs(ALL_RULES);

  it('has one page per rule plus the index', () => {
    expect([...pages.keys()].sort()).toEqual([...ALL_RULES.map((rule) => `${rule.id}.md`), 'README.md'].sort());
  });

  it('matches the committed pages; run `npm run docs` after changing a rule', () => {
    const onDisk = readdirSync(docsDir)
      .filter((name) => name.endsWith('.md'))
      .sort();
    expect(onDisk).toEqual([...pages.keys()].sort());
    for (const [name, content] of pages) expect(readFileSync(join(docsDir, name), 'utf8'), name).toBe(content);
  });

  it('documents each rule with its id, severity, fixability and docs paragraph', () => {
    for (const rule of ALL_RULES) {
      const page = pages.get(`${rule.id}.md`)!;
      expect(page).toContain(`# \`${rule.id}\``);
      expect(page).toContain(`Default severity: \`${rule.defaultSeverity}\``);
      expect(page).toContain(rule.fixable ? 'Fixable: yes' : 'Fixable: no');
      expect(page).toContain(rule.docs.trim());
      expect(pages.get('README.md')).toContain(`[\`${rule.id}\`](${rule.id}.md)`);
    }
  });
});
