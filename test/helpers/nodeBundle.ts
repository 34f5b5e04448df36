// Bundles TypeScript for a child Node process the way scripts/build.mjs bundles the server and the
// CLI (CommonJS, node20, Markdown templates as text). Tests that start a server, the CLI or a
// scenario in a process of its own build with this, each adding what differs (entry, plugins).
import { build, type BuildOptions } from 'esbuild';

export function bundleForNode(options: BuildOptions & { outfile: string }): Promise<unknown> {
  return build({ bundle: true, platform: 'node', format: 'cjs', target: 'node20', loader: { '.md': 'text' }, logLevel: 'error', ...options });
}
