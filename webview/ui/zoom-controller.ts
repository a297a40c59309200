/**
 * Time navigation with d3-zoom: the base scale maps the whole trace onto the plot, the zoom
 * transform (immutable, from d3-zoom) rescales it (`transform.rescaleX(base)`); nothing here does
 * its own zoom arithmetic. Wheel zooms at the pointer, drag pans, double-click zooms in, and the
 * keyboard methods (panBy, zoomBy, fit) go through the same behaviour so every path is alike.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';

export class ZoomController {
  readonly behavior: ZoomBehavior<HTMLElement, unknown>;
  private readonly base: ScaleLinear<number, number> = scaleLinear().domain([0, 1]).range([0, 1]);
  private transform: ZoomTransform = zoomIdentity;
  private width = 1;
  private height = 1;
  /** True while we set the transform ourselves: d3-zoom would report the wheel gesture still in
   *  progress (150 ms) as the source of our change, which is not the user's. */
  private applying = false;
  /** What Fit shows: the workers' activity (model/first-view.ts); null: the whole trace. */
  private fitRange: [number, number] | null = null;

  constructor(private readonly plot: HTMLElement, private readonly onChange: (byUser: boolean) => void) {
    this.behavior = zoom<HTMLElement, unknown>()
      .filter((event: Event) => {
        const e = event as WheelEvent & MouseEvent;
        if (e.type === 'wheel' && e.shiftKey) return false;
        return (!e.ctrlKey || e.type === 'wheel') && !e.button;
      })
      .on('zoom', (event: D3ZoomEvent<HTMLElement, unknown>) => {
        this.transform = event.transform;
        this.onChange(!this.applying && event.sourceEvent != null);
      });
    // Double-click is the user's "open the source" (ui/pointer.ts), which zooms only on empty space.
    select(plot).call(this.behavior).on('dblclick.zoom', null);
  }

  /** The current x scale: trace ms → plot pixels. */
  get x(): ScaleLinear<number, number> {
    return this.transform.rescaleX(this.base);
  }

  get k(): number {
    return this.transform.k;
  }

  resize(width: number, height: number): void {
    const [a, b] = this.x.domain();
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.base.range([0, this.width]);
    this.behavior.extent([[0, 0], [this.width, this.height]]).translateExtent([[0, -1e7], [this.width, 1e7]]);
    this.showRange(a, b);
  }

  /** Sets the whole trace's time range, keeping what is visible (or pinning the end when following). */
  setDomain(d0: number, d1: number, keep: 'range' | 'follow' | 'fit'): void {
    if (!(d1 > d0)) d1 = d0 + 1;
    const [a, b] = this.x.domain();
    const [oldD0, oldD1] = this.base.domain();
    const wasFit = this.transform.k <= 1.000001 || (a <= oldD0 && b >= oldD1);
    this.base.domain([d0, d1]);
    const maxK = Math.max(2, (d1 - d0) / (this.width * 1e-5));
    this.behavior.scaleExtent([1, maxK]);
    if (keep === 'fit' || (keep === 'follow' && wasFit)) this.fit();
    else if (keep === 'follow') this.showRange(d1 - (b - a), d1);
    else this.showRange(a, b);
  }

  get domain(): [number, number] {
    const [a, b] = this.base.domain();
    return [a, b];
  }

  /** Sets what Fit (and `0`, and the first view) shows; null: the whole trace. */
  setFitRange(range: [number, number] | null): void {
    this.fitRange = range;
  }

  fit(): void {
    const [d0, d1] = this.base.domain();
    const r = this.fitRange;
    if (r && r[1] > r[0] && (r[0] > d0 || r[1] < d1)) this.showRange(r[0], r[1]);
    else this.apply(zoomIdentity);
  }

  /** Shows [a, b] (clamped to the trace by d3-zoom's extents). */
  showRange(a: number, b: number): void {
    if (!(b > a)) return;
    const x0 = this.base(a);
    const x1 = this.base(b);
    const k = this.width / Math.max(1e-9, x1 - x0);
    this.apply(zoomIdentity.scale(k).translate(-x0, 0));
  }

  /** Keyboard and toolbar: the user's own moves (they stop "follow live"). */
  panBy(px: number): void {
    this.behavior.translateBy(select(this.plot), -px / this.transform.k, 0);
    this.onChange(true);
  }

  zoomBy(factor: number, atPx = this.width / 2): void {
    this.behavior.scaleBy(select(this.plot), factor, [atPx, this.height / 2]);
    this.onChange(true);
  }

  private apply(t: ZoomTransform): void {
    this.applying = true;
    try {
      this.behavior.transform(select(this.plot), t);
    } finally {
      this.applying = false;
    }
  }
}
