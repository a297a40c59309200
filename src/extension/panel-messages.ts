/**
 * The host ↔ timeline-webview messages are the webview room's typed protocol
 * (src/shared/protocol.ts): re-exported here so the extension has one place that names them.
 */
export { parseFromWebview, parseReport as parseReportSummary } from '../shared/protocol';
export type { FromWebview, ReportFinding, ReportSummary, ToWebview, WebviewState } from '../shared/protocol';
