// The per-directory config cache (server/src/lsp/configuration.ts).
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/engine';
import { ConfigurationStore } from '../../server/src/lsp/configuration';
import { MemoryLogger } from '../../server/src/lsp/logger';
import { access } from './helpers/doubles';

describe('configuration store', () => {
  it('loads one config per directory', async () => {
    const loaded: string[] = [];
    const store = new ConfigurationStore({ ...access(), loadFileConfig: (path) => (loaded.push(path), { config: defaultConfig(), problems: [] }) }, new MemoryLogger());
    await store.forDocument('file:///ws/docs/a.md');
    await store.forDocument('file:///ws/docs/b.md');
    await store.forDocument('file:///ws/other/c.md');
    expect(loaded).toEqual(['/ws/docs/a.md', '/ws/other/c.md']);
  });
});
