// Loading: the config file that applies to a document (or the one given) merged onto the defaults
// or a base configuration (the editor's settings).
import { resolve } from 'node:path';
import type { ConfigProblem, ResolvedConfig } from '../types';
import { lookupConfigFile, type ConfigLookupOptions } from './discovery';
import { readCached } from './files';
import { defaultConfig, resolveConfig, type ConfigOptions } from './merge';
import { capProblems } from './problems';

export interface LoadConfigOptions extends ConfigOptions {
  /** Configuration the file is layered onto (for example the editor's settings); defaults to defaultConfig(). */
  base?: ResolvedConfig;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
  /** The config file that applied, when one was found. */
  configFile?: string;
}

/** The configuration that applies to a document: the nearest config file merged onto the defaults (or `base`). */
export function loadConfigForFile(filePath: string, options: LoadConfigOptions & ConfigLookupOptions = {}): LoadedConfig {
  const { file, problems } = lookupConfigFile(filePath, options);
  if (!file) return { config: options.base ?? defaultConfig(), problems };
  const loaded = loadConfigFile(file, options);
  return problems.length === 0 ? loaded : { ...loaded, problems: capProblems([...problems, ...loaded.problems]) };
}

/** Loads one config file explicitly (the CLI's --config). A package.json applies its "mlsd" key. */
export function loadConfigFile(configPath: string, options: LoadConfigOptions = {}): LoadedConfig {
  const file = resolve(configPath);
  const entry = readCached(file);
  if (entry.parsed.kind === 'not-a-config') {
    return { config: options.base ?? defaultConfig(), problems: [{ file, key: 'mlsd', message: 'package.json has no "mlsd" key, so it holds no configuration' }], configFile: file };
  }
  const usesDefaults = options.base === undefined && options.knownRuleIds === undefined;
  if (usesDefaults && entry.resolvedOnDefaults) return entry.resolvedOnDefaults;
  const { config, problems } = resolveConfig(entry.parsed.raw, file, options.base ?? defaultConfig(), options);
  // In package.json the configuration sits under "mlsd": name keys as the user sees them there.
  const inPackageJson = file.endsWith('package.json');
  const located = inPackageJson ? problems.map((p) => ({ ...p, key: p.key ? `mlsd.${p.key}` : 'mlsd' })) : problems;
  const loaded: LoadedConfig = { config, problems: capProblems([...entry.parsed.problems, ...located]), configFile: file };
  if (usesDefaults) entry.resolvedOnDefaults = loaded;
  return loaded;
}
