import * as vscode from 'vscode';
import { isOpenTargetMessage, renderMatrixHtml } from './matrixHtml';
import { buildMatrix, type MatrixModel } from './matrixModel';
import { pathLabel } from './summaryRows';
import type { SummaryService, SummaryState } from './summaryService';
import { workspaceFolderRefs } from './summaryTreeView';

const VIEW_TYPE = 'policyLint.participationMatrix';
const VIEWER_ID = 'matrix';

/** The "Participation Matrix" webview: one panel, redrawn when the summary changes; a click opens the statement. */
export class MatrixPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private model: MatrixModel | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly service: SummaryService) {
    this.subscriptions.push(service.onDidChange((s) => this.render(s)));
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Participation Matrix', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.service.setViewer(VIEWER_ID, false);
    });
    panel.onDidChangeViewState((e) => this.service.setViewer(VIEWER_ID, e.webviewPanel.visible));
    panel.webview.onDidReceiveMessage((m: unknown) => void this.open(m));
    this.render(this.service.state);
    this.service.setViewer(VIEWER_ID, true);
  }

  private render(state: SummaryState): void {
    const panel = this.panel;
    if (!panel) return;
    const generation = ++this.generation;
    const nonce = makeNonce();
    this.model = buildMatrix(state.kind === 'ready' ? state.rows : [], (uri) => pathLabel(uri, workspaceFolderRefs()));
    const message = state.kind === 'loading' ? 'Loading the participation summary…' : state.kind === 'unavailable' ? state.message : undefined;
    const scope = this.service.scope ? `Folder ${vscode.workspace.asRelativePath(this.service.scope, true)}` : 'Whole workspace';
    panel.title = this.service.scope ? `Participation Matrix: ${vscode.workspace.asRelativePath(this.service.scope, true)}` : 'Participation Matrix';
    panel.webview.html = renderMatrixHtml(this.model, { nonce, cspSource: panel.webview.cspSource, scope, message, generation });
  }

  /** Opens the statement a cell names, beside the matrix. Anything else the page sends is ignored. */
  private async open(message: unknown): Promise<void> {
    if (!isOpenTargetMessage(message) || message.generation !== this.generation) return;
    const target = this.model?.targets[message.target];
    if (!target) return;
    const { start, end } = target.range;
    const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    try {
      await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), {
        selection: new vscode.Range(start.line, start.character, end.line, end.character),
        viewColumn: column,
        preview: true,
      });
    } catch (e) {
      void vscode.window.showErrorMessage(`Policy Lint: could not open ${target.uri} (${(e as Error).message}).`);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** A CSP nonce from the Web Crypto API (in Node and in browsers alike). */
function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
