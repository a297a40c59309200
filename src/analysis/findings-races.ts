/** data-race and lost-update findings, from the race groups and the lost-update counts. */
import { ObjectKind } from '../shared/events';
import type { AnalysisPass } from './analysis-pass';
import { LocationList, NameList, plural, where } from './finding-parts';
import type { RaceAccessRef } from './race-groups';
import type { Finding, LostUpdateSummary, RaceAccess, RaceDetail } from './report';
import type { TraceModel } from './trace-model';

export function raceFindings(model: TraceModel, pass: AnalysisPass, firstIndex: number): { findings: Finding[]; details: RaceDetail[] } {
  const findings: Finding[] = [];
  const details: RaceDetail[] = [];
  for (const group of pass.races.groups) {
    group.finding = firstIndex + findings.length;
    const name = model.objectName(group.obj);
    const kind = model.objectKind[group.obj];
    const indices = `${group.indices.join(', ')}${group.indices.length >= 32 ? ', …' : ''}`;
    // A shared buffer's cells are its elements when every access is one element wide (an Int32
    // counter: counter[0]); a buffer also read byte by byte is named by byte.
    const at = kind === ObjectKind.ARRAY ? `${name}[${indices}]`
      : kind === ObjectKind.SHARED_BUFFER ? (model.cells.cellSize(group.obj) > 1 ? `${name}[${indices}]` : `${name} byte ${indices}`)
      : name;
    const a = group.first;
    const b = group.second;
    const processes = new NameList()
      .add(model.processNameOfThread(a.thread))
      .add(model.processNameOfThread(b.thread));
    for (const t of group.threads) processes.add(model.processNameOfThread(t));
    const locations = new LocationList().add(model.location(a.loc)).add(model.location(b.loc), true);
    const message =
      `Data race on ${at}: ${model.processNameOfThread(a.thread)} ${verb(a)} at ${where(model.location(a.loc))} and ` +
      `${model.processNameOfThread(b.thread)} ${verb(b)} at ${where(model.location(b.loc))} with nothing ordering them ` +
      `(${plural(group.count, 'racing pair')}).`;
    findings.push({ kind: 'data-race', message, objects: [name], processes: processes.names, locations: locations.locations });
    details.push({
      finding: group.finding,
      object: name,
      objectId: group.obj,
      indices: group.indices.slice(),
      count: group.count,
      first: access(model, a),
      second: access(model, b),
    });
  }
  return { findings, details };
}

export function lostUpdateFindings(model: TraceModel, pass: AnalysisPass, firstIndex: number): { findings: Finding[]; details: LostUpdateSummary[] } {
  for (const link of pass.raceLinks) link.update.raceFinding = link.group.finding;
  const findings: Finding[] = [];
  const details: LostUpdateSummary[] = [];
  const objects = [...pass.lostUpdates.byObject.values()].filter((o) => o.lost > 0).sort((x, y) => x.obj - y.obj);
  for (const o of objects) {
    const name = model.objectName(o.obj);
    const arrived = o.readModifyWrites - o.lost;
    const step = o.step === undefined ? null : o.step;
    const processes = new NameList();
    for (const t of o.overwriters) processes.add(model.processNameOfThread(t));
    for (const t of o.victims) processes.add(model.processNameOfThread(t));
    const locations = new LocationList();
    for (const loc of o.locs) locations.add(model.location(loc));
    const message = `${name}: ${counted(o.readModifyWrites, step)}, ${arrived} arrived: ${o.lost} lost ` +
      `(a write computed from a stale read overwrote ${o.lost === 1 ? "another worker's update" : "other workers' updates"}).`;
    details.push({
      finding: firstIndex + findings.length,
      object: name,
      objectId: o.obj,
      readModifyWrites: o.readModifyWrites,
      arrived,
      lost: o.lost,
      step,
      updates: o.updates,
    });
    findings.push({ kind: 'lost-update', message, objects: [name], processes: processes.names, locations: locations.locations });
  }
  return { findings, details };
}

function counted(n: number, step: number | null): string {
  if (step === 1) return plural(n, 'increment');
  if (step === -1) return plural(n, 'decrement');
  if (step !== null && step !== 0) return `${plural(n, 'update')} of ${step > 0 ? '+' : ''}${step}`;
  return plural(n, 'read-modify-write');
}

function verb(ref: RaceAccessRef): string {
  return ref.write ? 'writes' : 'reads';
}

function access(model: TraceModel, ref: RaceAccessRef): RaceAccess {
  const pid = model.threads.pids[ref.thread];
  return {
    process: model.processName(pid),
    pid,
    write: ref.write,
    record: ref.record,
    timeMs: model.events[ref.record * 8],
    location: model.location(ref.loc),
  };
}
