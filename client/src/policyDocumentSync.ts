import * as vscode from 'vscode';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, type BaseLanguageClient, type Middleware } from 'vscode-languageclient';
import type { PolicyDocumentTracker } from './policyDocumentTracker';

/**
 * Which documents the language server is told about, for the desktop and the web client
 * alike. Every Markdown document passes through the client's middleware; only policy
 * documents are sent. A document that becomes one (front matter gains `policy: true`,
 * settings change) is opened on the server then, and one that stops matching is closed.
 */
export class PolicyDocumentSync {
  /** URIs the server has been sent didOpen for and not didClose. */
  private readonly sent = new Set<string>();

  constructor(
    private readonly documents: PolicyDocumentTracker,
    /** The running client, if any. */
    private readonly runningClient: () => BaseLanguageClient | undefined,
  ) {}

  readonly middleware: Middleware = {
    didOpen: async (doc, next) => {
      if (!this.documents.isPolicyDocument(doc)) return;
      this.sent.add(doc.uri.toString());
      await next(doc);
    },
    didChange: async (event, next) => {
      if (this.sent.has(event.document.uri.toString())) return next(event);
      if (this.documents.isPolicyDocument(event.document)) await this.sendOpen(event.document);
    },
    didSave: async (doc, next) => {
      if (this.sent.has(doc.uri.toString())) await next(doc);
    },
    didClose: async (doc, next) => {
      if (this.sent.delete(doc.uri.toString())) await next(doc);
    },
  };

  /** A (re)started or stopped server knows no documents; the middleware re-opens them. */
  clear(): void {
    this.sent.clear();
  }

  /** After a settings change: open newly matching documents on the server, close the ones that no longer match. */
  async resync(): Promise<void> {
    const client = this.runningClient();
    if (!client) return;
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.languageId !== 'markdown') continue;
      const uri = doc.uri.toString();
      const policy = this.documents.isPolicyDocument(doc);
      if (policy && !this.sent.has(uri)) await this.sendOpen(doc);
      else if (!policy && this.sent.has(uri)) {
        this.sent.delete(uri);
        await client.sendNotification(DidCloseTextDocumentNotification.type, client.code2ProtocolConverter.asCloseTextDocumentParams(doc));
      }
    }
  }

  private async sendOpen(doc: vscode.TextDocument): Promise<void> {
    const client = this.runningClient();
    if (!client) return;
    this.sent.add(doc.uri.toString());
    await client.sendNotification(DidOpenTextDocumentNotification.type, client.code2ProtocolConverter.asOpenTextDocumentParams(doc));
  }
}
