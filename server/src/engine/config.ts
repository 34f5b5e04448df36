// Configuration: find the nearest .mlsdrc.json / .mlsdrc.yaml / .mlsdrc.yml / package.json#mlsd,
// validate it against schemas/mlsdrc.schema.json and merge it onto the defaults.
// Bad input never throws: every problem names the file and the key, and whatever is valid is kept.
// The public API; one job per module under config/:
//   - problems.ts: printing problems and capping how many are described per file
//   - schemaMessages.ts: schema validation and one readable message per key
//   - merge.ts: a raw config validated and merged onto a base (defaults, settings)
//   - files.ts: reading and parsing config files (JSON, YAML, package.json#mlsd), cached
//   - discovery.ts: which config file applies to a document (lookup boundary, links)
//   - load.ts: that file loaded and merged
export { formatConfigProblem, MAX_REPORTED_PROBLEMS } from './config/problems';
export { defaultConfig, resolveConfig, type ConfigOptions } from './config/merge';
export { clearConfigCache, MAX_YAML_LINES } from './config/files';
export { CONFIG_FILE_NAMES, configLookupBoundary, findConfigFile, isConfigFileInsideBoundary, LINKED_OUT_OF_BOUNDARY, type ConfigLookupOptions } from './config/discovery';
export { loadConfigFile, loadConfigForFile, type LoadConfigOptions, type LoadedConfig } from './config/load';
