/**
 * What the detail pane and the tooltip say about what is selected or hovered: a title, fields
 * and the source location to open. Plain data (no DOM), tested in Node. One case per kind of
 * hit: a new kind of mark gets its text here.
 */
import { Slot } from '../../src/shared/events';
import type { ResolvedFinding } from '../model/findings';
import { flowLabel } from '../model/flows';
import { stateLabel } from '../model/states';
import type { TraceModel } from '../model/trace-model';
import { describeEvent } from './describe';
import { formatCount, formatMs } from './format';
import type { Hit } from './hit';
import { laneBadges, laneName } from './lane-text';
import type { Location } from '../model/locations';
import type { DetailContent } from './side-panel';

/** Where an access was: its own line, else (sampled locations) the finding's line, said as
 *  such; no row when neither is known, rather than "at: —". */
function where(own: Location | null, finding: Location | undefined): [string, string][] {
  if (own) return [['at', `${own.file}:${own.line}`]];
  if (finding) return [['near', `${finding.file}:${finding.line} (the finding's line; this access was not sampled)`]];
  return [];
}

export function detailOf(model: TraceModel, hit: Hit, findings: readonly ResolvedFinding[], live: boolean): DetailContent {
  const m = model;
  switch (hit.kind) {
    case 'race': {
      const a = describeEvent(m, hit.pair[0]);
      const b = describeEvent(m, hit.pair[1]);
      const own = describeEvent(m, hit.ref);
      return {
        title: `${hit.finding.kind}: ${hit.finding.message}`,
        fields: [['access 1', a.title], ...where(a.location, hit.finding.locations[0]), ['access 2', b.title], ...where(b.location, hit.finding.locations[0])],
        // With sampled locations an access may carry none; the finding's own lines (filled in
        // by analysis from the thread's last location on that object) still lead to the source.
        location: own.location ?? a.location ?? b.location ?? hit.finding.locations[0] ?? null,
      };
    }
    case 'point': return describeEvent(m, hit.ref);
    case 'flow': {
      const f = m.flows;
      const src = describeEvent(m, f.srcRef[hit.index]);
      const dst = describeEvent(m, f.dstRef[hit.index]);
      return {
        title: `${flowLabel[f.kind[hit.index]] ?? 'flow'}`,
        fields: [['from', src.title], ['to', dst.title], ['latency', formatMs(f.dstT[hit.index] - f.srcT[hit.index])]],
        location: describeEvent(m, hit.ref).location,
      };
    }
    case 'span': {
      const ev = describeEvent(m, hit.ref);
      return {
        title: `${laneName(m, hit.lane)}: ${stateLabel[hit.state] ?? 'span'}${hit.open ? ' (still going)' : ''}`,
        fields: [['from', formatMs(hit.start, 6)], ['to', formatMs(hit.end, 6)], ['duration', formatMs(hit.end - hit.start)], ['began with', ev.title]],
        location: ev.location,
      };
    }
    case 'core':
      return {
        title: `${m.processName(hit.pid)} on CPU ${hit.lane.kind === 'core' ? hit.lane.cpu : ''}`,
        fields: [['from', formatMs(hit.start, 6)], ['to', formatMs(hit.end, 6)], ['duration', formatMs(hit.end - hit.start)]],
        location: null,
      };
    case 'lane': {
      const lane = hit.lane;
      const fields: [string, string][] = [['lane', lane.kind]];
      if (lane.kind === 'worker') {
        fields.push(['id', String(lane.pid)], ['events', formatCount(lane.points.length)]);
        const p = m.footer?.processes.find((q) => q.id === lane.pid);
        if (p) fields.push(['exit code', p.exitCode === null ? '—' : String(p.exitCode)]);
        if (p?.error) fields.push(['error', p.error]);
      } else if (lane.kind === 'lock') {
        fields.push(['acquisitions', String(lane.acquisitions)], ['contended', String(lane.contended)], ['held', formatMs(lane.holdMs)], ['waited', formatMs(lane.waitMs)]);
      } else if (lane.kind === 'memory') {
        fields.push(['accesses', formatCount(lane.points.length)]);
        for (const [, text] of laneBadges(m, lane, findings, live)) fields.push(['finding', text]);
      }
      let location = null;
      const info = lane.kind === 'lock' || lane.kind === 'memory' ? m.objects.get(lane.obj) : undefined;
      if (info && info.loc >= 0) {
        const d = describeEvent(m, info.ref);
        location = d.location;
        if (location) fields.push(['created at', `${location.file}:${location.line}`]);
      }
      return { title: laneName(m, lane), fields, location };
    }
  }
}

/** The detail of a finding chosen in the list (one without event pairs to select). */
export function findingDetail(f: ResolvedFinding): DetailContent {
  return {
    title: `${f.kind}: ${f.message}`,
    fields: [['processes', f.processes.join(', ') || '—'], ['objects', f.objects.join(', ') || '—'], ...f.locations.map((l): [string, string] => ['at', `${l.file}:${l.line}`])],
    location: f.locations[0] ?? null,
  };
}

/** The event a hit stands on, when it is one (its time orders stepping with [ and ]). */
export function hitRef(hit: Hit | null): number | null {
  return hit && (hit.kind === 'point' || hit.kind === 'race' || hit.kind === 'flow') ? hit.ref : null;
}

export function hitTime(model: TraceModel, hit: Hit | null): number | null {
  const ref = hitRef(hit);
  return ref === null ? null : model.store.slot(ref, Slot.time);
}
