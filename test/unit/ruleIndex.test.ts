// The rule catalogue (server/src/engine/rules/index.ts) is generated from the rule files
// (scripts/gen-rule-index.mjs): a rule is its file and its fixture, and the catalogue must not fall behind.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRules, RULE_INDEX_FILE, ruleIndexModule } from '../../scripts/gen-rule-index.mjs';
import { ALL_RULES } from '../../server/src/engine/rules';

describe('the rule catalogue', () => {
  it('is generated from the rule files (run node scripts/gen-rule-index.mjs after adding or removing one)', () => {
    expect(readFileSync(RULE_INDEX_FILE, 'utf8')).toBe(ruleIndexModule(findRules()));
  });

  it('names each rule file after its rule id', () => {
    expect(findRules().map((rule) => rule.stem)).toEqual(ALL_RULES.map((rule) => rule.id));
  });
});
