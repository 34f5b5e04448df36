// Markdown files (templates) are bundled as text by esbuild and by the vitest config.
declare module '*.md' {
  const text: string;
  export default text;
}
