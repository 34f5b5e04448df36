export const MERMAID_WORKER_ENTRY: string;
export function buildMermaidWorker(outdir: string, options?: { production?: boolean; root?: string }): Promise<string>;
export const MERMAID_ASSIGN_WITH_DEPTH: RegExp;
