export interface TemplateManifestEntry {
  id: string;
  file: string;
  example?: string;
  title: string;
  description: string;
}
export const TEMPLATE_SOURCES_FILE: string;
export function templateSourcesModule(manifest: readonly TemplateManifestEntry[]): string;
export function readManifest(): TemplateManifestEntry[];
export function generateTemplateSources(outFile?: string): boolean;
