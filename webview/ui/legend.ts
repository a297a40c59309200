/** The legend: every state's swatch (same fill as the canvas), line styles and marks, in words. */
import { FlowKind, flowLabel } from '../model/flows';
import { State, stateLabel } from '../model/states';
import type { Palette } from '../render/palette';
import type { StateStyle } from '../render/patterns';
import { clear, el } from './dom';

function swatch(draw: (c: CanvasRenderingContext2D) => void): HTMLCanvasElement {
  const canvas = el('canvas', { class: 'il-swatch', width: 28, height: 14, 'aria-hidden': 'true' });
  const c = canvas.getContext('2d');
  if (c) draw(c);
  return canvas;
}

export function renderLegend(container: HTMLElement, palette: Palette, styles: Map<number, StateStyle>): void {
  clear(container);
  const list = el('ul', { class: 'il-legend-list' });
  const item = (canvas: HTMLCanvasElement, text: string): void => { list.append(el('li', {}, canvas, el('span', { text }))); };
  const states = [State.RUNNING, State.BLOCKED_LOCK, State.BLOCKED_QUEUE, State.BLOCKED_JOIN, State.SLEEPING, State.WAITING, State.HOLDING, State.CONTENDED, State.LOCK_WAIT];
  for (const s of states) {
    const style = styles.get(s);
    if (!style) continue;
    item(swatch((c) => {
      c.fillStyle = style.fill;
      const h = Math.round(12 * style.height);
      c.fillRect(1, 13 - h, 26, h);
    }), (s >= State.HOLDING ? 'lock: ' : 'worker: ') + stateLabel[s]);
  }
  const flow = (kind: number, color: string, dash: number[]): void => {
    item(swatch((c) => {
      c.strokeStyle = color;
      c.fillStyle = color;
      c.lineWidth = 1.5;
      c.setLineDash(dash);
      c.beginPath();
      c.moveTo(1, 7);
      c.lineTo(21, 7);
      c.stroke();
      c.setLineDash([]);
      c.beginPath();
      c.moveTo(27, 7);
      c.lineTo(21, 3);
      c.lineTo(21, 11);
      c.fill();
    }), flowLabel[kind]);
  };
  flow(FlowKind.LOCK, palette.flowLock, []);
  flow(FlowKind.QUEUE, palette.flowQueue, [5, 3]);
  flow(FlowKind.TASK_SUBMIT, palette.flowTask, [1.5, 2.5]);
  item(swatch((c) => {
    c.strokeStyle = palette.race;
    c.lineWidth = 2;
    c.setLineDash([4, 2]);
    c.beginPath();
    c.moveTo(5, 7);
    c.lineTo(23, 7);
    c.stroke();
    c.setLineDash([]);
    for (const x of [5, 23]) {
      c.beginPath();
      c.arc(x, 7, 4, 0, Math.PI * 2);
      c.stroke();
    }
  }), 'race: both accesses, joined');
  item(swatch((c) => {
    c.strokeStyle = palette.deadlock;
    c.lineWidth = 2;
    c.strokeRect(2, 2, 24, 10);
  }), 'deadlock: waits in the cycle');
  item(swatch((c) => {
    c.fillStyle = palette.read;
    c.fillRect(8, 6, 2, 6);
    c.fillStyle = palette.write;
    c.fillRect(18, 2, 2, 10);
  }), 'ticks: read (short), write (tall)');
  item(swatch((c) => {
    c.fillStyle = palette.mark;
    c.fillRect(4, 2, 5, 5);
    c.fillRect(12, 10, 14, 2);
  }), 'marker ◆ and span ⎵');
  container.append(list);
}
