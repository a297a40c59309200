/**
 * The time axis (d3-axis) and the range brush (d3-brush) above the lanes. Brushing on the axis
 * strip selects a range for statistics without fighting the plot's drag-to-pan.
 */
import { axisBottom } from 'd3-axis';
import { brushX, type BrushBehavior, type D3BrushEvent } from 'd3-brush';
import type { ScaleLinear } from 'd3-scale';
import { select, type Selection } from 'd3-selection';
import { formatMs } from './format';

export class TimeAxis {
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly axisG: Selection<SVGGElement, unknown, null, undefined>;
  private readonly brushG: Selection<SVGGElement, unknown, null, undefined>;
  private readonly brush: BrushBehavior<unknown>;
  private moving = false;
  private range: [number, number] | null = null;
  private x: ScaleLinear<number, number> | null = null;

  constructor(svgEl: SVGSVGElement, private readonly onBrush: (range: [number, number] | null) => void) {
    this.svg = select(svgEl);
    this.axisG = this.svg.append('g').attr('class', 'il-axis-g');
    this.brushG = this.svg.append('g').attr('class', 'il-brush');
    this.brush = brushX<unknown>().on('end', (event: D3BrushEvent<unknown>) => {
      if (this.moving || !this.x) return;
      const sel = event.selection as [number, number] | null;
      this.range = sel ? [this.x.invert(sel[0]), this.x.invert(sel[1])] : null;
      this.onBrush(this.range);
    });
  }

  update(x: ScaleLinear<number, number>, width: number, height: number): number[] {
    this.x = x;
    this.svg.attr('width', width).attr('height', height);
    const ticks = x.ticks(Math.max(2, Math.floor(width / 110)));
    this.axisG.call(axisBottom(x).tickValues(ticks).tickFormat((d) => formatMs(Number(d), 4)).tickSizeOuter(0));
    this.brush.extent([[0, 0], [width, height]]);
    this.brushG.call(this.brush);
    this.moving = true;
    this.brush.move(this.brushG, this.range ? [x(this.range[0]), x(this.range[1])] : null);
    this.moving = false;
    return ticks.map((t) => x(t));
  }

  /** Sets the brushed range programmatically (keyboard "stats for visible range"). */
  setRange(range: [number, number] | null): void {
    this.range = range;
    if (this.x) {
      this.moving = true;
      this.brush.move(this.brushG, range ? [this.x(range[0]), this.x(range[1])] : null);
      this.moving = false;
    }
    this.onBrush(range);
  }
}
