/**
 * Interleave's analysis room: pure functions over an event log (no I/O, no node:*, no DOM, no
 * vscode). The CLI and the extension call `analyzeTrace`; the webview reads the Report types.
 */
export { analyzeTrace, type AnalyzeOptions } from './analyze';
export { sortEvents, sortOrder, applyOrder } from './sort-events';
export { fillLocations } from './location-fill';
export { parseLocation, shortLocation, type SourceLocation } from './source-location';
export { TraceModel, type ObjectInfo, type ProcessInfo } from './trace-model';
export { HappensBefore } from './happens-before';
export type * from './report';
