// The engine's entry point, shared by the language server and the CLI.
// createEngine() takes its rules and logger so tests can pass in-memory doubles.
export * from './types';
export { createEngine, type Engine, type EngineOptions, type Logger } from './engine';
export { DEFAULT_RUBRIC, stepTitle, CHECK_TITLES } from './vocabulary';
export { defaultConfig, resolveConfig, loadConfigForFile, CONFIG_FILE_NAMES } from './config';
export { applyEdits, collectAutoFixes } from './fixes';
export { ALL_RULES } from './rules';
export { METRICS, findMetric, type MetricInfo } from './metrics';
export { declaresDesignDoc, frontMatterDeclaresDesignDoc, hasDesignDocMarker } from './designDocMarker';
