import * as vscode from 'vscode';
import { STATUS_STYLES, countsText, pathLabel } from './summaryRows';
import type { SummaryService, SummaryState } from './summaryService';
import { buildSummaryTree, type SummaryTreeNode } from './summaryTreeModel';

export const SUMMARY_VIEW_ID = 'policyLint.participationSummary';

/** Workspace folders as the pure helpers take them. */
export function workspaceFolderRefs(): Array<{ uri: string; name: string }> {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri.toString(), name: f.name }));
}

/** The Explorer's "Participation Summary" view: program → aspect (coloured by status) → each place, which opens on click. */
export class SummaryTreeView implements vscode.TreeDataProvider<SummaryTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SummaryTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<SummaryTreeNode>;
  private roots: SummaryTreeNode[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly service: SummaryService) {
    this.view = vscode.window.createTreeView(SUMMARY_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      this.changed,
      this.view.onDidChangeVisibility((e) => service.setViewer(SUMMARY_VIEW_ID, e.visible)),
      service.onDidChange((s) => this.show(s)),
    );
    this.show(service.state);
    service.setViewer(SUMMARY_VIEW_ID, this.view.visible);
  }

  getTreeItem(node: SummaryTreeNode): vscode.TreeItem {
    const state = node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = `policyLint.summary.${node.kind}`;
    if (node.status) {
      const style = STATUS_STYLES[node.status];
      item.iconPath = new vscode.ThemeIcon(node.kind === 'location' ? 'circle-filled' : style.icon, new vscode.ThemeColor(style.color));
    } else if (node.kind === 'program') {
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    }
    if (node.target) {
      const { start, end } = node.target.range;
      const selection = new vscode.Range(start.line, start.character, end.line, end.character);
      item.command = { title: 'Go to statement', command: 'vscode.open', arguments: [vscode.Uri.parse(node.target.uri), { selection, preview: true } satisfies vscode.TextDocumentShowOptions] };
    }
    item.accessibilityInformation = { label: `${node.label}, ${node.description}` };
    return item;
  }

  getChildren(node?: SummaryTreeNode): SummaryTreeNode[] {
    return node ? node.children : this.roots;
  }

  private show(state: SummaryState): void {
    if (state.kind === 'ready') {
      this.roots = buildSummaryTree(state.rows, (uri) => pathLabel(uri, workspaceFolderRefs()));
      this.view.message = state.rows.length ? undefined : `No participation statements in ${this.service.scopeText()}.`;
      this.view.description = this.service.scope ? this.service.scopeText() : undefined;
      this.view.badge = undefined;
      const contradictory = state.rows.filter((r) => r.status === 'contradictory').length;
      if (contradictory) this.view.badge = { value: contradictory, tooltip: `${contradictory} contradictory: ${countsText(state.rows)}` };
    } else {
      this.roots = [];
      this.view.message = state.kind === 'loading' ? 'Loading the participation summary…' : state.message;
    }
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.service.setViewer(SUMMARY_VIEW_ID, false);
    for (const s of this.subscriptions) s.dispose();
  }
}
