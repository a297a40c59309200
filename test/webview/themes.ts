/**
 * The four kinds of VS Code theme as a webview sees them: the body's class and theme-kind
 * attribute, and the --vscode-* variables VS Code sets on <html> (values of the default theme of
 * each kind: Dark Modern, Light Modern, Dark High Contrast, Light High Contrast). Colours a theme
 * leaves unset (null in VS Code, e.g. button.secondaryBackground in Dark High Contrast) are left
 * out, as VS Code leaves them out, so the timeline's own fallbacks are what is tested there.
 */
export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';

export interface Theme {
  bodyClass: string;
  kindAttr: string;
  /** The OS colour scheme the test emulates: the opposite of the theme's, the case that broke
   *  Dark High Contrast (a light OS gave the missing variables light fallbacks). */
  osScheme: 'light' | 'dark';
  vars: Record<string, string>;
}

const charts = (red: string, blue: string, yellow: string, orange: string, green: string, purple: string): Record<string, string> => ({
  'charts-red': red, 'charts-blue': blue, 'charts-yellow': yellow, 'charts-orange': orange, 'charts-green': green, 'charts-purple': purple,
});

export const THEMES: Record<ThemeKind, Theme> = {
  dark: {
    bodyClass: 'vscode-dark', kindAttr: 'vscode-dark', osScheme: 'light',
    vars: {
      'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', 'descriptionForeground': '#9d9d9d',
      'sideBarSectionHeader-background': '#181818', 'panel-border': '#2b2b2b', 'button-secondaryBackground': '#313131',
      'button-secondaryForeground': '#cccccc', 'errorForeground': '#f85149', 'focusBorder': '#0078d4', 'input-background': '#313131',
      'input-foreground': '#cccccc', 'input-border': '#3c3c3c', 'editorHoverWidget-background': '#202020', 'editorHoverWidget-border': '#454545',
      'editorIndentGuide-background1': '#404040',
      // charts.orange is #EA5C0055 in VS Code 1.139 (minimap.findMatchHighlight → editor.findMatchHighlightBackground): translucent.
      ...charts('#f14c4c', '#3794ff', '#cca700', '#EA5C0055', '#89d185', '#b180d7'),
    },
  },
  light: {
    bodyClass: 'vscode-light', kindAttr: 'vscode-light', osScheme: 'dark',
    vars: {
      'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', 'descriptionForeground': '#3b3b3b',
      'sideBarSectionHeader-background': '#f8f8f8', 'panel-border': '#e5e5e5', 'button-secondaryBackground': '#e5e5e5',
      'button-secondaryForeground': '#3b3b3b', 'errorForeground': '#f85149', 'focusBorder': '#005fb8', 'input-background': '#ffffff',
      'input-foreground': '#3b3b3b', 'input-border': '#cecece', 'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-border': '#c8c8c8',
      'editorIndentGuide-background1': '#d3d3d3',
      ...charts('#e51400', '#1a85ff', '#bf8803', '#EA5C0055', '#388a34', '#652d90'),
    },
  },
  'hc-dark': {
    bodyClass: 'vscode-high-contrast', kindAttr: 'vscode-high-contrast', osScheme: 'light',
    vars: {
      'editor-background': '#000000', 'editor-foreground': '#ffffff', 'descriptionForeground': '#ffffff',
      'panel-border': '#6fc3df', 'contrastBorder': '#6fc3df', 'button-secondaryForeground': '#ffffff', 'errorForeground': '#f48771',
      'focusBorder': '#f38518', 'input-background': '#000000', 'input-foreground': '#ffffff', 'input-border': '#6fc3df',
      'editorHoverWidget-background': '#0c141f', 'editorHoverWidget-border': '#6fc3df', 'editorIndentGuide-background1': '#ffffff',
      ...charts('#f48771', '#3794ff', '#ffd370', '#d18616', '#89d185', '#b180d7'),
    },
  },
  'hc-light': {
    bodyClass: 'vscode-high-contrast vscode-high-contrast-light', kindAttr: 'vscode-high-contrast-light', osScheme: 'dark',
    vars: {
      'editor-background': '#ffffff', 'editor-foreground': '#292929', 'descriptionForeground': '#292929',
      'panel-border': '#0f4a85', 'contrastBorder': '#0f4a85', 'button-secondaryBackground': '#ffffff', 'button-secondaryForeground': '#292929',
      'errorForeground': '#b5200d', 'focusBorder': '#006bbd', 'input-background': '#ffffff', 'input-foreground': '#292929',
      'input-border': '#0f4a85', 'editorHoverWidget-background': '#ffffff', 'editorHoverWidget-border': '#0f4a85',
      'editorIndentGuide-background1': '#292929',
      ...charts('#b5200d', '#0f4a85', '#895503', '#b35e00', '#374e06', '#652d90'),
    },
  },
};
