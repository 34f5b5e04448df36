// Per-document configuration: the client's `mlsd` settings for the resource (through
// workspace/configuration), merged over the config file that governs the document.
// Both are cached: a keystroke must not cost a round trip to the client or a disk read.
// The caches are dropped when the client says settings changed or a config file changed.
import { dirname } from 'node:path';
import type { ConfigProblem, ResolvedConfig } from '../engine/types';
import type { MlsdSettings } from '../protocol';
import { errorMessage, type ServerLogger } from './logger';
import { sanitizeSettings } from './settings';
import { uriToPath } from './uris';

export interface FileConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
  /** Absolute path of the config file that applied, if any. */
  configFile?: string;
}

/** What the store needs from the outside world; the server passes the client and the engine, tests pass doubles. */
export interface ConfigAccess {
  /** The raw `mlsd` section for a resource, exactly as the client sent it (may be junk). */
  fetchSettings(uri: string): Promise<unknown>;
  /** The config file that governs a document on disk. */
  loadFileConfig(documentPath: string): Promise<FileConfig> | FileConfig;
  /** The config for documents with no file on disk (untitled:) or when loading fails. */
  defaultConfig(): ResolvedConfig;
  /** Merges the editor settings (rules, vocabulary, template) over the file config. */
  mergeSettings(settings: MlsdSettings, base: ResolvedConfig): { config: ResolvedConfig; problems: ConfigProblem[] };
}

export interface DocumentConfiguration {
  settings: MlsdSettings;
  config: ResolvedConfig;
  configFile?: string;
}

export interface ConfigProblemReport {
  /** The config file the problems belong to (absolute path). */
  file: string;
  problems: ConfigProblem[];
}

/** The cached value for `key`, created (and cached) on first use. */
function memo<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, create: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = create();
    cache.set(key, value);
  }
  return value;
}

export class ConfigurationStore {
  private readonly settingsByUri = new Map<string, Promise<MlsdSettings>>();
  private readonly documentConfigByUri = new Map<string, Promise<DocumentConfiguration>>();
  /**
   * Merged configs shared by every document with the same base and settings: the engine keys its
   * heading matcher on the rubric object, so a fresh rubric per keystroke would rebuild it.
   */
  private mergedByBase = new WeakMap<ResolvedConfig, Map<string, ResolvedConfig>>();
  private readonly fileConfigByDirectory = new Map<string, Promise<FileConfig>>();
  private readonly reportedSettingProblems = new Set<string>();
  private readonly problemListeners: ((report: ConfigProblemReport) => void)[] = [];
  private readonly settingsProblemListeners: ((problems: string[]) => void)[] = [];

  constructor(
    private readonly access: ConfigAccess,
    private readonly logger: ServerLogger,
  ) {}

  /** Called with the problems of each config file whenever it is (re)loaded, an empty list when it is clean. */
  onConfigFileProblems(listener: (report: ConfigProblemReport) => void): void {
    this.problemListeners.push(listener);
  }

  /** Called with new (not yet reported) problems in the editor settings. */
  onSettingsProblems(listener: (problems: string[]) => void): void {
    this.settingsProblemListeners.push(listener);
  }

  invalidateSettings(): void {
    this.settingsByUri.clear();
    this.documentConfigByUri.clear();
    this.mergedByBase = new WeakMap();
    this.reportedSettingProblems.clear();
  }

  invalidateFileConfigs(): void {
    this.fileConfigByDirectory.clear();
    this.documentConfigByUri.clear();
  }

  /** A document was closed: drop what was cached for it (the per-directory config files stay). */
  forget(uri: string): void {
    this.settingsByUri.delete(uri);
    this.documentConfigByUri.delete(uri);
  }

  settingsFor(uri: string): Promise<MlsdSettings> {
    return memo(this.settingsByUri, uri, () => this.fetchSettings(uri));
  }

  /** Cached per document until settings or config files change, or the document is closed. */
  forDocument(uri: string): Promise<DocumentConfiguration> {
    return memo(this.documentConfigByUri, uri, () => this.computeForDocument(uri));
  }

  private async computeForDocument(uri: string): Promise<DocumentConfiguration> {
    const settings = await this.settingsFor(uri);
    const path = uriToPath(uri);
    const fileConfig = path ? await this.fileConfigFor(path) : { config: this.access.defaultConfig(), problems: [] };
    try {
      const config = this.merge(settings, fileConfig.config);
      return { settings, config, ...(fileConfig.configFile ? { configFile: fileConfig.configFile } : {}) };
    } catch (error) {
      this.logger.error(`Could not merge the editor settings over the config: ${errorMessage(error)}`);
      return { settings, config: fileConfig.config, ...(fileConfig.configFile ? { configFile: fileConfig.configFile } : {}) };
    }
  }

  private merge(settings: MlsdSettings, base: ResolvedConfig): ResolvedConfig {
    const overrides = { rules: settings.rules, vocabulary: settings.vocabulary, template: settings.template };
    if (Object.keys(settings.rules).length === 0 && Object.keys(settings.vocabulary).length === 0 && settings.template === null) return base;
    const byKey = memo(this.mergedByBase, base, () => new Map<string, ResolvedConfig>());
    return memo(byKey, JSON.stringify(overrides), () => {
      const result = this.access.mergeSettings(settings, base);
      if (result.problems.length > 0) this.reportSettingsProblems(result.problems.map((problem) => `mlsd.${problem.key}: ${problem.message}`));
      return result.config;
    });
  }

  private async fetchSettings(uri: string): Promise<MlsdSettings> {
    let raw: unknown;
    try {
      raw = await this.access.fetchSettings(uri);
    } catch (error) {
      this.logger.warn(`Could not read the mlsd settings for ${uri}; using the defaults: ${errorMessage(error)}`);
      // Do not cache a failed fetch: the next request tries again.
      queueMicrotask(() => {
        this.settingsByUri.delete(uri);
        this.documentConfigByUri.delete(uri);
      });
    }
    const { settings, problems } = sanitizeSettings(raw);
    if (problems.length > 0) this.reportSettingsProblems(problems);
    return settings;
  }

  private reportSettingsProblems(problems: string[]): void {
    const fresh = problems.filter((problem) => !this.reportedSettingProblems.has(problem));
    if (fresh.length === 0) return;
    for (const problem of fresh) {
      this.reportedSettingProblems.add(problem);
      this.logger.warn(`Invalid setting ignored: ${problem}`);
    }
    for (const listener of this.settingsProblemListeners) listener(fresh);
  }

  private fileConfigFor(documentPath: string): Promise<FileConfig> {
    return memo(this.fileConfigByDirectory, dirname(documentPath), () => this.loadFileConfig(documentPath));
  }

  private async loadFileConfig(documentPath: string): Promise<FileConfig> {
    let loaded: FileConfig;
    try {
      loaded = await this.access.loadFileConfig(documentPath);
    } catch (error) {
      // A config loader bug must cost the user their config, not their diagnostics.
      this.logger.error(`Could not load the config for ${documentPath}: ${errorMessage(error)}`);
      return { config: this.access.defaultConfig(), problems: [] };
    }
    const byFile = new Map<string, ConfigProblem[]>();
    if (loaded.configFile) byFile.set(loaded.configFile, []);
    for (const problem of loaded.problems) {
      const list = byFile.get(problem.file) ?? [];
      list.push(problem);
      byFile.set(problem.file, list);
    }
    for (const [file, problems] of byFile) {
      if (problems.length > 0) this.logger.warn(`Config problems in ${file}: ${problems.map((p) => `${p.key}: ${p.message}`).join('; ')}`);
      for (const listener of this.problemListeners) listener({ file, problems });
    }
    return loaded;
  }
}
