/**
 * The plot's two canvases and the colours they are drawn with: the lanes canvas (the renderer)
 * and the overlay above it (hover, selection, brush, search rings). The palette is read from the
 * page's CSS (theme variables) again whenever VS Code switches theme.
 */
import { renderLegend } from '../ui/legend';
import { paintOverlay, type OverlayInput } from './paint-overlay';
import { readPalette, type Palette } from './palette';
import { TimelineRenderer } from './timeline-renderer';

export class PlotCanvases {
  readonly renderer: TimelineRenderer;
  palette: Palette;
  private readonly overlay: CanvasRenderingContext2D;

  constructor(canvas: HTMLCanvasElement, overlay: HTMLCanvasElement, private readonly themeRoot: HTMLElement, private readonly legend: HTMLElement) {
    this.renderer = new TimelineRenderer(canvas);
    const ctx = overlay.getContext('2d');
    if (!ctx) throw new Error('canvas 2d is not available');
    this.overlay = ctx;
    this.palette = this.readTheme();
  }

  /** Reads the theme's colours (again); the legend is drawn with the same fills. */
  readTheme(): Palette {
    this.themeRoot.classList.toggle('il-light', isLightTheme());
    this.palette = readPalette(this.themeRoot);
    this.renderer.setPalette(this.palette);
    renderLegend(this.legend, this.palette, this.renderer.getStyles());
    return this.palette;
  }

  paintOverlay(input: Omit<OverlayInput, 'palette' | 'dpr'>): void {
    paintOverlay(this.overlay, { ...input, palette: this.palette, dpr: this.renderer.dpr });
  }
}

/**
 * Whether the light fallbacks of media/timeline.css apply. Inside VS Code the theme kind decides
 * (<body class>), never the OS: a Dark High Contrast theme on a light OS got light fallbacks for
 * the colours the theme leaves unset, and white text on near-white buttons. A page outside VS Code
 * (the exported HTML) follows the OS.
 */
export function isLightTheme(): boolean {
  const body = document.body.classList;
  if (body.contains('vscode-light') || body.contains('vscode-high-contrast-light')) return true;
  if (body.contains('vscode-dark') || body.contains('vscode-high-contrast')) return false;
  return window.matchMedia('(prefers-color-scheme: light)').matches;
}

/**
 * Calls back when the theme changes: VS Code puts its --vscode-* variables in <html style> and
 * the theme kind in <body class> (vscode-light / -dark / -high-contrast / -high-contrast-light).
 */
export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  window.matchMedia('(prefers-color-scheme: light)').addEventListener('change', onChange);
}
