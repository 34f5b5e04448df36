// Validation of the `mlsd` settings object a client sends. Clients send whatever the user
// typed (a string for a list, a number for a boolean, null for a section): every key that
// does not have the right shape falls back to its default and is reported, never thrown.
import { DEFAULT_SETTINGS, type MlsdSettings } from '../protocol';

export interface SanitizedSettings {
  settings: MlsdSettings;
  /** One line per ignored key, e.g. "mlsd.include: expected an array of strings, got number". */
  problems: string[];
}

const THEMES = new Set(['auto', 'default', 'dark', 'forest', 'neutral']);
const MAX_DEBOUNCE_MS = 10_000;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function sanitizeSettings(raw: unknown): SanitizedSettings {
  const problems: string[] = [];
  const settings: MlsdSettings = structuredClone(DEFAULT_SETTINGS);
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) {
    problems.push(`mlsd: expected an object, got ${describe(raw)}; using the defaults`);
    return { settings, problems };
  }
  const bad = (key: string, expected: string, value: unknown) => problems.push(`mlsd.${key}: expected ${expected}, got ${describe(value)}; using the default`);

  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else bad('enable', 'a boolean', raw.enable);
  }
  for (const key of ['include', 'exclude'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (isStringArray(value)) settings[key] = value.filter((glob) => glob.trim() !== '');
    else bad(key, 'an array of glob strings', value);
  }
  // rules, vocabulary and template are validated in depth by the engine's resolveConfig (the same
  // schema as the config files); here only their outer shape is checked.
  if (raw.rules !== undefined) {
    if (isRecord(raw.rules)) settings.rules = { ...(raw.rules as Record<string, string>) };
    else bad('rules', 'an object of rule id to severity', raw.rules);
  }
  if (raw.vocabulary !== undefined) {
    if (isRecord(raw.vocabulary)) settings.vocabulary = { ...(raw.vocabulary as Record<string, string[]>) };
    else bad('vocabulary', 'an object of step id to heading words', raw.vocabulary);
  }
  if (raw.template !== undefined && raw.template !== null) {
    if (isRecord(raw.template)) settings.template = raw.template as unknown as MlsdSettings['template'];
    else bad('template', 'an object with a sections array', raw.template);
  }
  if (raw.debounceMs !== undefined) {
    const value = raw.debounceMs;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) settings.debounceMs = Math.min(value, MAX_DEBOUNCE_MS);
    else bad('debounceMs', 'a non-negative number', value);
  }
  if (raw.preview !== undefined) {
    if (isRecord(raw.preview)) {
      const { theme, debounceMs } = raw.preview;
      if (theme !== undefined) {
        if (typeof theme === 'string' && THEMES.has(theme)) settings.preview.theme = theme as MlsdSettings['preview']['theme'];
        else bad('preview.theme', 'auto, default, dark, forest or neutral', theme);
      }
      if (debounceMs !== undefined) {
        if (typeof debounceMs === 'number' && Number.isFinite(debounceMs) && debounceMs >= 0) settings.preview.debounceMs = Math.min(debounceMs, MAX_DEBOUNCE_MS);
        else bad('preview.debounceMs', 'a non-negative number', debounceMs);
      }
    } else bad('preview', 'an object', raw.preview);
  }
  return { settings, problems };
}
