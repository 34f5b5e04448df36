// Generates server/src/engine/rules/index.ts, the rule catalogue (ALL_RULES), from the rule files in
// server/src/engine/rules/: every file that exports `const <name>: Rule` is a rule, so adding a rule
// is its file (named after its id) plus its fixture in test/fixtures/rules/; `npm run build`
// (scripts/build.mjs) or this script regenerates the catalogue (`npm run docs` the pages, the
// manifest's settings and the README's table).
// test/unit/ruleIndex.test.ts fails while the generated catalogue is stale.
//
// Order: the catalogue is the order findings are documented (docs/rules, the README's table, SARIF).
// The rules listed in DOCUMENTED_ORDER come first, in that order; any other rule follows, by file name.
//
//   node scripts/gen-rule-index.mjs [--check]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIfChanged } from './write-if-changed.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_DIR = join(root, 'server/src/engine/rules');
export const RULE_INDEX_FILE = join(RULES_DIR, 'index.ts');

/** The documented order of the rules there were when the catalogue was first generated. */
const DOCUMENTED_ORDER = [
  'missing-step',
  'thin-step',
  'unfilled-placeholder',
  'step-order',
  'metric-gap',
  'evaluation-metrics',
  'latency-budget',
  'mermaid-syntax',
  'data-batch-streaming',
  'model-baseline',
  'model-training-cadence',
  'clarifying-questions',
  'architecture-diagram',
  'parse-limit',
];

const RULE_EXPORT = /^export const (\w+): Rule = \{/m;

/** The rule files: { file stem, exported name }, in catalogue order. */
export function findRules(dir = RULES_DIR) {
  const rules = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.ts') || file === 'index.ts' || file.endsWith('.d.ts')) continue;
    const match = RULE_EXPORT.exec(readFileSync(join(dir, file), 'utf8'));
    if (match) rules.push({ stem: file.slice(0, -3), name: match[1] });
  }
  const rank = (stem) => {
    const at = DOCUMENTED_ORDER.indexOf(stem);
    return at < 0 ? DOCUMENTED_ORDER.length : at;
  };
  return rules.sort((a, b) => rank(a.stem) - rank(b.stem) || (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0));
}

export function ruleIndexModule(rules) {
  return [
    '// The rule catalogue, in the order findings are documented. One file per rule.',
    '// Generated from the rule files by `node scripts/gen-rule-index.mjs`: do not edit.',
    "import type { Rule } from '../types';",
    ...rules.map(({ stem, name }) => `import { ${name} } from './${stem}';`),
    '',
    'export const ALL_RULES: readonly Rule[] = [',
    ...rules.map(({ name }) => `  ${name},`),
    '];',
    '',
  ].join('\n');
}

/** Writes the catalogue when it differs; returns whether it was stale. */
export function generateRuleIndex(outFile = RULE_INDEX_FILE) {
  return writeIfChanged(outFile, ruleIndexModule(findRules()));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    if (readFileSync(RULE_INDEX_FILE, 'utf8') !== ruleIndexModule(findRules())) {
      console.error('server/src/engine/rules/index.ts is stale: run node scripts/gen-rule-index.mjs');
      process.exit(1);
    }
  } else if (generateRuleIndex()) console.log('wrote server/src/engine/rules/index.ts');
}
