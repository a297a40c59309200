/**
 * Prepares any webview (the timeline panel, the trace editor) for the timeline page: scripts on,
 * local resources limited to the extension's media/ folder, the page with a fresh nonce.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { makeNonce } from './nonce';
import { renderWebviewHtml } from './webview-html';

export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [mediaRoot(extensionUri)] };
}

export function setUpTimelineWebview(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): void {
  webview.options = webviewOptions(extensionUri);
  const media = mediaRoot(extensionUri);
  const script = vscode.Uri.joinPath(media, 'webview.js');
  const style = vscode.Uri.joinPath(media, 'timeline.css');
  const exists = (u: vscode.Uri) => u.scheme !== 'file' || fs.existsSync(u.fsPath);
  webview.html = renderWebviewHtml({
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: exists(script) ? webview.asWebviewUri(script).toString() : null,
    styleUri: exists(style) ? webview.asWebviewUri(style).toString() : null,
    title,
  });
}
