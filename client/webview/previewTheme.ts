// The preview's theme: which mermaid theme follows from the setting and VS Code's colour theme, and
// mermaid's (global) configuration, which renders of the list and of exports take turns with.
import mermaid, { type MermaidConfig } from 'mermaid';
import { MAX_DIAGRAM_CHARS, state } from './previewState';

export interface ResolvedTheme {
  key: string;
  config: Pick<MermaidConfig, 'theme' | 'themeVariables'>;
}

function vscodeThemeKind(): 'light' | 'dark' | 'hc-dark' | 'hc-light' {
  const classes = document.body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'hc-light';
  if (classes.contains('vscode-high-contrast')) return 'hc-dark';
  if (classes.contains('vscode-dark')) return 'dark';
  return 'light';
}

export function resolveTheme(): ResolvedTheme {
  if (state.themeSetting !== 'auto') return { key: state.themeSetting, config: { theme: state.themeSetting } };
  const kind = vscodeThemeKind();
  switch (kind) {
    case 'dark':
      return { key: kind, config: { theme: 'dark' } };
    case 'hc-dark':
      // Mermaid's themes are not high contrast: the base theme with black fills and bright lines is.
      return {
        key: kind,
        config: {
          theme: 'base',
          themeVariables: {
            background: '#000000',
            primaryColor: '#000000',
            primaryTextColor: '#ffffff',
            primaryBorderColor: '#6fc3df',
            secondaryColor: '#000000',
            tertiaryColor: '#000000',
            lineColor: '#ffffff',
            textColor: '#ffffff',
            darkMode: true,
          },
        },
      };
    case 'hc-light':
      return {
        key: kind,
        config: {
          theme: 'base',
          themeVariables: {
            background: '#ffffff',
            primaryColor: '#ffffff',
            primaryTextColor: '#000000',
            primaryBorderColor: '#0f4a85',
            secondaryColor: '#ffffff',
            tertiaryColor: '#ffffff',
            lineColor: '#000000',
            textColor: '#000000',
          },
        },
      };
    default:
      return { key: kind, config: { theme: 'default' } };
  }
}

function configureMermaid(theme: ResolvedTheme): void {
  if (theme.key === state.appliedThemeKey) return;
  mermaid.initialize({
    startOnLoad: false,
    // strict: labels are sanitised, click callbacks are ignored, links are sanitised.
    securityLevel: 'strict',
    // None of these may be changed by a diagram's %%{init}%% directive or front matter config.
    secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'maxEdges', 'suppressErrorRendering', 'dompurifyConfig', 'themeCSS', 'fontFamily', 'altFontFamily', 'htmlLabels'],
    maxTextSize: MAX_DIAGRAM_CHARS,
    // We show errors ourselves; mermaid's error SVG would hide the message and line.
    suppressErrorRendering: true,
    // SVG <text> labels instead of HTML in foreignObject: no HTML in the output at all, and
    // the SVG can be drawn to a canvas for PNG export without tainting it.
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    logLevel: 5,
    ...theme.config,
  });
  state.appliedThemeKey = theme.key;
}

/** Mermaid's light theme, what exports use unless `mlsd.preview.exportTheme` is "current". */
export const LIGHT_THEME: ResolvedTheme = { key: 'export-light', config: { theme: 'default' } };
/** Themes drawn dark on light: an export in one of them needs no re-render for a light background. */
export const LIGHT_KEYS = new Set(['light', 'hc-light', 'default', 'forest', 'neutral']);

/** Mermaid's configuration is global: renders (the list's and an export's) take turns. */
let mermaidTurn: Promise<unknown> = Promise.resolve();
export function withMermaid<T>(theme: ResolvedTheme, work: () => Promise<T>): Promise<T> {
  const run = mermaidTurn.then(() => {
    configureMermaid(theme);
    return work();
  });
  mermaidTurn = run.catch(() => undefined);
  return run;
}
