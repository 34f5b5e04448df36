// Merging: a raw config object (parsed JSON/YAML or a settings object) validated and layered onto a
// base configuration. Invalid parts are reported and skipped; whatever is valid is kept.
import { ALL_RULES } from '../rules';
import type { ConfigProblem, ResolvedConfig, RuleSetting, Severity, StepDefinition, Rubric } from '../types';
import { DEFAULT_RUBRIC } from '../vocabulary';
import { ProblemList } from './problems';
import { condenseErrors, describeValue, didYouMean, errorMessage, formatKey, instancePathSegments, isPlainObject, pathKey, validator } from './schemaMessages';

const SEVERITIES: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface ConfigOptions {
  /** Rule ids accepted under `rules`; defaults to the ids of ALL_RULES. */
  knownRuleIds?: readonly string[];
}

export function defaultConfig(): ResolvedConfig {
  return { rubric: DEFAULT_RUBRIC, rules: {} };
}

function knownRuleIdList(options: ConfigOptions): readonly string[] {
  if (options.knownRuleIds) return options.knownRuleIds;
  // Read at call time, never at module load, so an import cycle through the engine cannot see it half-built.
  return Array.isArray(ALL_RULES) ? ALL_RULES.map((rule) => rule.id) : [];
}

/**
 * Validates a raw config object (parsed JSON/YAML or a settings object) and merges it onto `base`.
 * Invalid parts are reported and skipped; valid parts still apply. Linear in the size of `raw`.
 */
export function resolveConfig(raw: unknown, source: string, base: ResolvedConfig = defaultConfig(), options: ConfigOptions = {}): { config: ResolvedConfig; problems: ConfigProblem[] } {
  const problems = new ProblemList(source);
  const config: ResolvedConfig = { rubric: base.rubric, rules: { ...base.rules }, source };
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
      config.rubric = templateFromConfig(record.template as unknown as RawTemplate);
      checkDuplicateSectionIds(config.rubric, problems);
    }
  }

  // A section over its size bound (too many keys) is skipped as a whole: its entries are not even looked at.
  if (isPlainObject(record.vocabulary) && !hasErrorAt('vocabulary')) {
    const stepIds = config.rubric.steps.map((step) => step.id);
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
    config.rubric = withExtraVocabulary(config.rubric, extra);
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

function templateFromConfig(raw: RawTemplate): Rubric {
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
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function checkDuplicateSectionIds(rubric: Rubric, problems: ProblemList): void {
  const seen = new Set<string>();
  rubric.steps.forEach((step, index) => {
    if (seen.has(step.id)) problems.add(formatKey(['template', 'sections', String(index), 'id']), `duplicate section id "${step.id}"; ids must be unique`);
    seen.add(step.id);
  });
}

/** Returns a new rubric; the default rubric is shared and must never be mutated. */
function withExtraVocabulary(rubric: Rubric, extra: Record<string, string[]>): Rubric {
  if (Object.keys(extra).length === 0) return rubric;
  return {
    ...rubric,
    steps: rubric.steps.map((step) => {
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
