// Formats coverage for the status bar: kept free of `vscode` so the wording is one pure function.
import type { CoverageResult } from '../../server/src/protocol';
// Pure functions with no dependencies beyond the engine's type constants: the rubric's words for a score and a readiness.
import { readinessBand, scoreBand } from '../../server/src/engine/judgment/score';

type CoverageItem = CoverageResult['items'][number];

const STATUS_ICON: Record<CoverageItem['status'], string> = {
  present: '$(pass-filled)',
  thin: '$(circle-large-outline)',
  missing: '$(error)',
};
/** Short names for the two checks, so the status bar stays narrow. */
const CHECK_SHORT_NAMES: Record<string, string> = { 'metric-gap': 'gap', 'latency-budget': 'latency' };

export interface StatusBarView {
  text: string;
  /** Markdown with theme icons. */
  tooltip: string;
  /** Plain text for screen readers. */
  accessibilityLabel: string;
}

/** The effective severity of a rule for the document, when the server said (older servers do not). */
export function ruleSeverity(result: CoverageResult, ruleId: string): string | undefined {
  return result.rules?.[ruleId];
}

/**
 * The items the writer asked to be told about: a check whose rule is turned off for the document
 * (settings or config file) is left out, as its findings are. Steps always stay: they are the doc.
 */
export function shownItems(result: CoverageResult): CoverageItem[] {
  return result.items.filter((item) => item.kind === 'step' || ruleSeverity(result, item.id) !== 'off');
}

export function formatCoverage(result: CoverageResult): StatusBarView {
  const items = shownItems(result);
  const steps = items.filter((item) => item.kind === 'step');
  const checks = items.filter((item) => item.kind === 'check');
  const present = steps.filter((item) => item.status === 'present').length;
  const readiness = typeof result.readiness === 'number' ? result.readiness : undefined;
  const checkParts = checks.map((check) => `${CHECK_SHORT_NAMES[check.id] ?? check.id} ${check.status === 'present' ? '$(check)' : '$(close)'}`);
  const text = [`$(checklist) MLSD ${present}/${steps.length}${readiness !== undefined ? ` · ${readiness}%` : ''}`, ...checkParts].join('  ');

  const line = (item: CoverageItem): string => {
    const where = item.line !== undefined ? ` (line ${item.line + 1})` : '';
    const score = item.kind === 'step' && item.score !== undefined ? ` · ${item.score}/3 ${scoreBand(item.score)}` : '';
    const checkpoints = item.kind === 'step' && item.checkpoints?.length ? ` · ${item.checkpoints.filter((c) => c.met).length}/${item.checkpoints.length} checkpoints` : '';
    return `${STATUS_ICON[item.status]} **${escapeMarkdown(item.title)}**: ${item.status}${where}${score}${checkpoints}${item.reason ? ` · ${escapeMarkdown(item.reason)}` : ''}`;
  };
  const tooltip = [
    ...(readiness !== undefined ? [`**Readiness ${readiness}/100** (${readinessBand(readiness)})`, ''] : []),
    `**ML system design coverage**: ${present} of ${steps.length} steps present`,
    '',
    ...steps.map((item) => `- ${line(item)}`),
    ...(checks.length > 0 ? ['', '**Checks**', '', ...checks.map((item) => `- ${line(item)}`)] : []),
    '',
    'Click to see what is missing and jump to it or insert it.',
  ].join('\n');
  const accessibilityLabel = `ML system design ${readiness !== undefined ? `readiness ${readiness} percent, ` : ''}coverage: ${present} of ${steps.length} steps present. ${checks
    .map((check) => `${check.title}: ${check.status}`)
    .join('. ')}`;
  return { text, tooltip, accessibilityLabel };
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (character) => `\\${character}`);
}
