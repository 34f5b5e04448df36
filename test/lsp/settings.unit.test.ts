// The client settings the server accepts (server/src/lsp/settings.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { sanitizeSettings } from '../../server/src/lsp/settings';

describe('settings', () => {
  it('keeps valid keys and reports each invalid one', () => {
    const { settings, problems } = sanitizeSettings({ include: ['**/*.md'], debounceMs: -5, enable: 'yes', preview: { theme: 'neon' } });
    expect(settings.include).toEqual(['**/*.md']);
    expect(settings.debounceMs).toBe(DEFAULT_SETTINGS.debounceMs);
    expect(settings.enable).toBe(true);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/mlsd\.debounceMs[\s\S]*mlsd\.enable|mlsd\.enable[\s\S]*mlsd\.debounceMs/);
  });
  it('falls back to the defaults on a non-object', () => {
    expect(sanitizeSettings('junk')).toEqual({ settings: DEFAULT_SETTINGS, problems: ['mlsd: expected an object, got string; using the defaults'] });
    expect(sanitizeSettings(null).problems).toEqual([]);
  });
});
