// Validation of the `mlsd` settings object a client sends. Clients send whatever the user
// typed (a string for a list, a number for a boolean, null for a section): every key that
// does not have the right shape falls back to its default and is reported, never thrown.
// Each key's default, limits and normaliser are in settings/definitions.ts, shared with the client.
import { DEFAULT_SETTINGS, type MlsdSettings } from '../protocol';
import { SETTINGS, settingPath } from '../settings/definitions';

export interface SanitizedSettings {
  settings: MlsdSettings;
  /** One line per ignored key, e.g. "mlsd.include: expected an array of strings, got number". */
  problems: string[];
}

/** The settings the server reads, by their path in the `mlsd` section ("preview.theme"). */
const SERVER_SETTINGS = SETTINGS.filter((definition) => definition.server);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sanitizeSettings(raw: unknown): SanitizedSettings {
  const problems: string[] = [];
  const settings: MlsdSettings = structuredClone(DEFAULT_SETTINGS);
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) {
    problems.push(`mlsd: expected an object, got ${describe(raw)}; using the defaults`);
    return { settings, problems };
  }
  const badParents = new Set<string>();
  for (const definition of SERVER_SETTINGS) {
    const path = settingPath(definition).split('.');
    const leaf = path.pop()!;
    // Walk to the object holding the key ("preview" for preview.theme); a parent that is not an object is one problem.
    let holder: Record<string, unknown> | undefined = raw;
    let target = settings as unknown as Record<string, unknown>;
    for (let i = 0; i < path.length && holder; i++) {
      const part = path[i]!;
      const next: unknown = holder[part];
      target = target[part] as Record<string, unknown>;
      if (next === undefined) holder = undefined;
      else if (isRecord(next)) holder = next;
      else {
        const parent = `mlsd.${path.slice(0, i + 1).join('.')}`;
        if (!badParents.has(parent)) problems.push(`${parent}: expected an object, got ${describe(next)}; using the default`);
        badParents.add(parent);
        holder = undefined;
      }
    }
    if (!holder) continue;
    const value = holder[leaf];
    if (value === undefined) continue;
    const normalised = definition.normalise(value);
    if (normalised.expected !== undefined) problems.push(`${definition.key}: expected ${normalised.expected}, got ${describe(value)}; using the default`);
    else target[leaf] = normalised.value;
  }
  return { settings, problems };
}
