export interface RuleFile {
  stem: string;
  name: string;
}
export const RULES_DIR: string;
export const RULE_INDEX_FILE: string;
export function findRules(dir?: string): RuleFile[];
export function ruleIndexModule(rules: readonly RuleFile[]): string;
export function generateRuleIndex(outFile?: string): boolean;
