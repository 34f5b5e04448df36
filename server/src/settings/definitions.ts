// Every `mlsd.*` setting, defined once: its key, group, scope, default, limits, title text, JSON schema
// and the normaliser that reads a value the user typed. The server (lsp/settings.ts), the client (the
// preview panel, practice mode, design-doc detection) and the generator of package.json's
// `contributes.configuration` and the README's settings table (scripts/gen-rule-docs.ts, `npm run
// docs`) all read this file, so the limits and defaults cannot drift apart again.
//
// No runtime dependencies beyond engine/types' constants: the client bundle and the server both load it.
// The parts of a setting's schema that come from elsewhere (the rule ids of `mlsd.rules`, the config
// schema of `mlsd.vocabulary` and `mlsd.template`) are filled in by the generator, see `schemaFrom`.
import { DEFAULT_STEP_IDS, type DefaultStepId } from '../engine/types';

/** A JSON schema fragment as VS Code's `contributes.configuration` takes it. */
export type JsonSchema = { [key: string]: unknown };

/** What a normaliser made of a raw value: the value to use and, when the raw one was unusable, what was expected. */
export interface Normalised<T> {
  value: T;
  /** Set when the raw value was rejected (the default is used), e.g. "a non-negative number". */
  expected?: string;
}

export interface SettingGroup {
  /** The `contributes.configuration` section id. */
  id: string;
  /** Shown in the Settings editor under Extensions → ML System Design Docs. */
  title: string;
}

export const SETTING_GROUPS = {
  general: { id: 'mlsd', title: 'General' },
  preview: { id: 'mlsd.preview', title: 'Diagram Preview' },
  practice: { id: 'mlsd.practice', title: 'Interview Practice' },
} as const satisfies Record<string, SettingGroup>;

export interface SettingDefinition<T = unknown> {
  /** The full key, `mlsd.preview.theme`. */
  key: string;
  group: keyof typeof SETTING_GROUPS;
  /** `resource` settings may differ per folder; `window` ones apply to the whole window. */
  scope: 'resource' | 'window';
  default: T;
  /** The value's JSON schema without default, scope, order and description (the generator adds those). */
  schema: JsonSchema;
  /** Shown in the Settings editor; says what the setting does and gives an example. */
  markdownDescription: string;
  /** What it takes, for the README's settings table, when the schema does not say it plainly (an enum, a range, a boolean). */
  accepts?: string;
  /** Validated by the language server (sent in workspace/configuration); the others are the client's alone. */
  server: boolean;
  /** Reads a raw value (undefined when unset): the value to use, and what was expected when it was unusable. */
  normalise(raw: unknown): Normalised<T>;
}

// ---- Normaliser building blocks ------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Unset gives the default silently; an unusable value gives the default and what was expected. */
function normaliser<T>(fallback: T, expected: string, read: (raw: unknown) => T | undefined): (raw: unknown) => Normalised<T> {
  return (raw) => {
    if (raw === undefined) return { value: structuredClone(fallback) };
    const value = read(raw);
    return value === undefined ? { value: structuredClone(fallback), expected } : { value };
  };
}

function oneOf<const V extends readonly string[]>(values: V): (raw: unknown) => V[number] | undefined {
  return (raw) => (typeof raw === 'string' && (values as readonly string[]).includes(raw) ? (raw as V[number]) : undefined);
}

function listText(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** A debounce: a finite number of milliseconds from 0, capped at `max` (the Settings editor enforces the same range). */
function milliseconds(key: string, fallback: number, max: number, markdownDescription: string, group: SettingDefinition['group'], server: boolean): SettingDefinition<number> {
  return {
    key,
    group,
    scope: 'resource',
    default: fallback,
    schema: { type: 'number', minimum: 0, maximum: max },
    markdownDescription,
    server,
    normalise: normaliser(fallback, 'a non-negative number', (raw) => (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? Math.min(raw, max) : undefined)),
  };
}

// ---- Value sets used by several files --------------------------------------------------------------

export const PREVIEW_THEMES = ['auto', 'default', 'dark', 'forest', 'neutral'] as const;
export type PreviewTheme = (typeof PREVIEW_THEMES)[number];

export const PREVIEW_EXPORT_THEMES = ['light', 'current'] as const;
export type PreviewExportTheme = (typeof PREVIEW_EXPORT_THEMES)[number];

export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;

/** The most a debounce may be, editor and preview alike, in milliseconds. */
export const MAX_DEBOUNCE_MS = 5000;

/** Practice phases: whole minutes from 1 to 120 per step. */
export const PHASE_MINUTES_MIN = 1;
export const PHASE_MINUTES_MAX = 120;
export const DEFAULT_PHASE_MINUTES: Readonly<Record<DefaultStepId, number>> = {
  clarify: 5,
  framing: 5,
  data: 10,
  model: 10,
  evaluation: 5,
  serving: 10,
  monitoring: 5,
};

/** Reads `mlsd.practice.phaseMinutes`: whole minutes of 1-120 per step; anything else falls back to the default of that step. */
export function normalisePhaseMinutes(value: unknown): Record<DefaultStepId, number> {
  const out = { ...DEFAULT_PHASE_MINUTES };
  if (isRecord(value)) {
    for (const id of DEFAULT_STEP_IDS) {
      const raw = value[id];
      if (typeof raw === 'number' && Number.isFinite(raw) && raw >= PHASE_MINUTES_MIN && raw <= PHASE_MINUTES_MAX) out[id] = Math.round(raw);
    }
  }
  return out;
}

/** A folder inside the workspace, never an absolute path or one climbing out of it. */
function practiceFolder(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !raw.trim() || /^([\\/]|[A-Za-z]:)/.test(raw) || raw.split(/[\\/]/).includes('..')) return undefined;
  return raw.trim();
}

export type CustomTemplateSetting = { name?: string; sections: { id: string; title: string; headings: string[]; summary?: string }[] } | null;

// ---- The settings, in the order the Settings editor lists them ----------------------------------------

export const ENABLE: SettingDefinition<boolean> = {
  key: 'mlsd.enable',
  group: 'general',
  scope: 'resource',
  default: true,
  schema: { type: 'boolean' },
  markdownDescription:
    'Check Markdown design docs against the seven-step ML system design template (findings, status bar, quick fixes, completion). Files that are not design docs are never checked. Turn it off for a workspace or folder with `"mlsd.enable": false` in `.vscode/settings.json`.',
  server: true,
  normalise: normaliser(true, 'a boolean', (raw) => (typeof raw === 'boolean' ? raw : undefined)),
};

const DEFAULT_INCLUDE = ['**/design-docs/**/*.md', '**/design-doc*/**/*.md', '**/*.design.md', '**/*-design-doc.md', '**/*_design_doc.md', '**/mlsd/**/*.md'];
const globs = (fallback: string[]) => normaliser(fallback, 'an array of glob strings', (raw) => (isStringArray(raw) ? raw.filter((glob) => glob.trim() !== '') : undefined));

export const INCLUDE: SettingDefinition<string[]> = {
  key: 'mlsd.include',
  group: 'general',
  scope: 'resource',
  default: DEFAULT_INCLUDE,
  schema: { type: 'array', items: { type: 'string' } },
  accepts: 'globs',
  markdownDescription:
    'Globs, relative to the workspace folder, of the Markdown files checked as design docs. Example: `["docs/rfcs/**/*.md", "**/*.design.md"]`. A file outside them is still checked when its front matter says `mlsd: true`, it contains `<!-- mlsd-design-doc -->`, or after **MLSD: Check Current Document as a Design Doc**.',
  server: true,
  normalise: globs(DEFAULT_INCLUDE),
};

export const EXCLUDE: SettingDefinition<string[]> = {
  key: 'mlsd.exclude',
  group: 'general',
  scope: 'resource',
  default: ['**/node_modules/**'],
  schema: { type: 'array', items: { type: 'string' } },
  accepts: 'globs',
  markdownDescription: 'Globs never checked, even when they match **Include** (`mlsd.include`). Example: `["**/node_modules/**", "**/archive/**"]`.',
  server: true,
  normalise: globs(['**/node_modules/**']),
};

// rules, vocabulary and template are validated in depth by the engine's resolveConfig (the same schema
// as the config files); here only their outer shape is checked.
export const RULES: SettingDefinition<Record<string, string>> = {
  key: 'mlsd.rules',
  group: 'general',
  scope: 'resource',
  default: {},
  schema: { type: 'object' }, // properties: one per rule of the catalogue, added by the generator
  accepts: 'rule id → severity',
  markdownDescription:
    'Severity per rule id: `error`, `warning`, `information`, `hint` or `off`, applied over the defaults and any `.mlsdrc.json`. Example: `{ "latency-budget": "error", "metric-gap": "off" }`. A check whose rule is `off` also leaves the status bar, its tooltip and its pick list. **MLSD: Show Rule Documentation** lists the rules with their severity here.',
  server: true,
  normalise: normaliser({}, 'an object of rule id to severity', (raw) => (isRecord(raw) ? { ...(raw as Record<string, string>) } : undefined)),
};

export const VOCABULARY: SettingDefinition<Record<string, string[]>> = {
  key: 'mlsd.vocabulary',
  group: 'general',
  scope: 'resource',
  default: {},
  schema: { type: 'object' }, // properties: the step ids, items from the config schema, added by the generator
  accepts: 'step id → heading words',
  markdownDescription:
    'Extra heading words per step id (`clarify`, `framing`, `data`, `model`, `evaluation`, `serving`, `monitoring`), for teams that title steps their own way. Example: `{ "serving": ["inference platform"], "monitoring": ["Überwachung"] }`.',
  server: true,
  normalise: normaliser({}, 'an object of step id to heading words', (raw) => (isRecord(raw) ? { ...(raw as Record<string, string[]>) } : undefined)),
};

export const TEMPLATE: SettingDefinition<CustomTemplateSetting> = {
  key: 'mlsd.template',
  group: 'general',
  scope: 'resource',
  default: null,
  schema: { type: ['object', 'null'] }, // the config schema's template, added by the generator
  accepts: 'a template, or `null`',
  markdownDescription:
    'A custom template: ordered required sections that replace the seven steps; the metric-gap and latency-budget checks then apply only if the template keeps those steps. `null` uses the seven-step template. Example: `{ "name": "Team RFC", "sections": [{ "id": "context", "title": "Context", "headings": ["context", "background"] }, { "id": "decision", "title": "Decision", "headings": ["decision", "proposal"] }] }`.',
  server: true,
  normalise: (raw) => {
    if (raw === undefined || raw === null) return { value: null };
    return isRecord(raw) ? { value: raw as unknown as CustomTemplateSetting } : { value: null, expected: 'an object with a sections array' };
  },
};

export const DEBOUNCE_MS = milliseconds(
  'mlsd.debounceMs',
  150,
  MAX_DEBOUNCE_MS,
  'How long to wait after an edit before the doc is checked again, in milliseconds. Default `150`; raise it (e.g. to `500`) on a slow machine or for very long docs.',
  'general',
  true,
);

export const TRACE_SERVER: SettingDefinition<(typeof TRACE_LEVELS)[number]> = {
  key: 'mlsd.trace.server',
  group: 'general',
  scope: 'window',
  default: 'off',
  schema: { type: 'string', enum: [...TRACE_LEVELS] },
  markdownDescription:
    'Logs the messages between VS Code and the MLSD language server in the **MLSD Design Docs** output channel: `messages` for each request, `verbose` with their content. Useful for a bug report (**MLSD: Show Output**).',
  // Read by vscode-languageclient itself (the `<id>.trace.server` convention).
  server: false,
  normalise: normaliser('off', listText(TRACE_LEVELS), oneOf(TRACE_LEVELS)),
};

export const PREVIEW_THEME: SettingDefinition<PreviewTheme> = {
  key: 'mlsd.preview.theme',
  group: 'preview',
  scope: 'resource',
  default: 'auto',
  schema: {
    type: 'string',
    enum: [...PREVIEW_THEMES],
    enumDescriptions: ['Follow the VS Code colour theme', 'Mermaid default theme', 'Mermaid dark theme', 'Mermaid forest theme', 'Mermaid neutral theme'],
  },
  markdownDescription: 'Mermaid theme of **MLSD: Open Diagram Preview**. `auto` follows the VS Code colour theme; `neutral` suits printing.',
  server: true,
  normalise: normaliser<PreviewTheme>('auto', listText(PREVIEW_THEMES), oneOf(PREVIEW_THEMES)),
};

export const PREVIEW_DEBOUNCE_MS = milliseconds(
  'mlsd.preview.debounceMs',
  300,
  MAX_DEBOUNCE_MS,
  'How long to wait after an edit before the diagram preview redraws, in milliseconds. Default `300`; raise it (e.g. to `1000`) for large diagrams.',
  'preview',
  true,
);

export const PREVIEW_EXPORT_THEME: SettingDefinition<PreviewExportTheme> = {
  key: 'mlsd.preview.exportTheme',
  group: 'preview',
  scope: 'resource',
  default: 'light',
  schema: {
    type: 'string',
    enum: [...PREVIEW_EXPORT_THEMES],
    enumDescriptions: [
      "Mermaid's light theme on a white background, whatever the VS Code theme: readable on any page and in slides",
      'As the preview shows them: the colours of the VS Code theme (or mlsd.preview.theme) on the editor background',
    ],
  },
  markdownDescription:
    "Colours of diagrams copied or exported from the diagram preview (**Copy SVG**, **Export SVG**, **Export PNG**). Exported SVGs carry the diagram's width and height; PNGs are drawn at twice its size.",
  server: false,
  normalise: normaliser<PreviewExportTheme>('light', listText(PREVIEW_EXPORT_THEMES), oneOf(PREVIEW_EXPORT_THEMES)),
};

export const PRACTICE_PHASE_MINUTES: SettingDefinition<Record<DefaultStepId, number>> = {
  key: 'mlsd.practice.phaseMinutes',
  group: 'practice',
  scope: 'window',
  default: { ...DEFAULT_PHASE_MINUTES },
  schema: {
    type: 'object',
    properties: Object.fromEntries(DEFAULT_STEP_IDS.map((id) => [id, { type: 'number', minimum: PHASE_MINUTES_MIN, maximum: PHASE_MINUTES_MAX }])),
    additionalProperties: false,
  },
  markdownDescription:
    'Minutes per step of a practice round\'s plan (the common 50-minute allotment by default). A 45-minute round trims data, serving and monitoring; a 60-minute round scales every step. Applies to the running session at once. Example: `{ "clarify": 8, "framing": 5, "data": 8, "model": 10, "evaluation": 5, "serving": 10, "monitoring": 4 }`.',
  server: false,
  // Per step: a bad step's minutes fall back to that step's default, the others are kept.
  normalise: (raw) => ({ value: normalisePhaseMinutes(raw) }),
};

export const PRACTICE_NOTIFICATIONS: SettingDefinition<boolean> = {
  key: 'mlsd.practice.notifications',
  group: 'practice',
  scope: 'window',
  default: true,
  schema: { type: 'boolean' },
  markdownDescription:
    "At the end of each phase of a practice session, show a quiet notification naming what the phase's step still misses (for example *Clarify requirements: time is up. Still missing: Scale in numbers*).",
  server: false,
  // Anything but an explicit false keeps them on.
  normalise: (raw) => ({ value: raw !== false }),
};

export const PRACTICE_FOLDER: SettingDefinition<string> = {
  key: 'mlsd.practice.folder',
  group: 'practice',
  scope: 'window',
  default: 'practice',
  schema: { type: 'string' },
  accepts: 'a folder inside the workspace',
  markdownDescription:
    'Folder, relative to the workspace, where **MLSD: Start Practice Session** creates the session\'s doc (`<case>-<date>.design.md`). Example: `"interview-prep"`. The history stays in `.mlsd/practice/`.',
  server: false,
  normalise: normaliser('practice', 'a folder inside the workspace', practiceFolder),
};

/** Every setting, in Settings-editor order within its group. */
export const SETTINGS: readonly SettingDefinition[] = [
  ENABLE,
  INCLUDE,
  EXCLUDE,
  RULES,
  VOCABULARY,
  TEMPLATE,
  DEBOUNCE_MS,
  TRACE_SERVER,
  PREVIEW_THEME,
  PREVIEW_DEBOUNCE_MS,
  PREVIEW_EXPORT_THEME,
  PRACTICE_PHASE_MINUTES,
  PRACTICE_NOTIFICATIONS,
  PRACTICE_FOLDER,
] as SettingDefinition[];

/** `mlsd.preview.theme` -> `preview.theme`: the path inside the `mlsd` section. */
export function settingPath(definition: Pick<SettingDefinition, 'key'>): string {
  return definition.key.replace(/^mlsd\./, '');
}

/** A normalised value of a setting read through `getConfiguration('mlsd', resource).get(settingPath(definition))`. */
export function readSetting<T>(definition: SettingDefinition<T>, get: (path: string) => unknown): T {
  return definition.normalise(get(settingPath(definition))).value;
}
