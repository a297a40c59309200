/**
 * Each state gets its own fill as well as its own colour, so states are told apart without
 * colour (for colour-blind users and high-contrast themes): solid, diagonal hatch, dots,
 * cross-hatch, half height, horizontal stripes. The legend draws its swatches with the same code.
 */
import type { Palette } from './palette';
import { State } from '../model/states';

export type Fill = string | CanvasPattern;

export interface StateStyle {
  fill: Fill;
  /** The plain colour under the pattern: used for slivers too narrow to show a pattern, which
   *  rasterize several times faster as solid fills. Shape (height) still tells states apart. */
  solid: string;
  /** Fraction of the lane height, from the bottom. */
  height: number;
}

type Painter = (c: CanvasRenderingContext2D, size: number, ink: string) => void;

const hatch: Painter = (c, s, ink) => {
  c.strokeStyle = ink;
  c.lineWidth = 1.5;
  c.beginPath();
  c.moveTo(-1, s + 1);
  c.lineTo(s + 1, -1);
  c.moveTo(-1, 1);
  c.lineTo(1, -1);
  c.moveTo(s - 1, s + 1);
  c.lineTo(s + 1, s - 1);
  c.stroke();
};
const dots: Painter = (c, s, ink) => {
  c.fillStyle = ink;
  c.fillRect(1, 1, 2, 2);
  c.fillRect(s / 2 + 1, s / 2 + 1, 2, 2);
};
const cross: Painter = (c, s, ink) => {
  hatch(c, s, ink);
  c.beginPath();
  c.moveTo(-1, -1);
  c.lineTo(s + 1, s + 1);
  c.stroke();
};
const stripes: Painter = (c, s, ink) => {
  c.fillStyle = ink;
  c.fillRect(0, 0, s, 1.5);
};

function pattern(base: string, painter: Painter): Fill {
  const size = 8;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const c = canvas.getContext('2d');
  if (!c) return base;
  c.fillStyle = base;
  c.fillRect(0, 0, size, size);
  painter(c, size, 'rgba(0,0,0,0.45)');
  return c.createPattern(canvas, 'repeat') ?? base;
}

export function stateStyles(p: Palette): Map<number, StateStyle> {
  return new Map<number, StateStyle>([
    [State.RUNNING, { fill: p.running, solid: p.running, height: 1 }],
    [State.BLOCKED_LOCK, { fill: pattern(p.lock, hatch), solid: p.lock, height: 1 }],
    [State.BLOCKED_QUEUE, { fill: pattern(p.queue, dots), solid: p.queue, height: 0.85 }],
    [State.BLOCKED_JOIN, { fill: pattern(p.join, cross), solid: p.join, height: 0.75 }],
    [State.SLEEPING, { fill: p.sleep, solid: p.sleep, height: 0.4 }],
    [State.WAITING, { fill: pattern(p.wait, stripes), solid: p.wait, height: 0.6 }],
    [State.HOLDING, { fill: p.hold, solid: p.hold, height: 1 }],
    [State.CONTENDED, { fill: pattern(p.contended, hatch), solid: p.contended, height: 1 }],
    [State.LOCK_WAIT, { fill: pattern(p.lockWait, dots), solid: p.lockWait, height: 1 }],
  ]);
}
