/**
 * Policy Lint language server for the browser (vscode.dev, github.dev): runs in a web
 * worker started by the web extension (client/src/web/extension.ts) and speaks LSP over
 * the worker's messages. It has no file system: workspace files and config files are
 * read by the editor on request (see server/src/web/browserHost.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { Session } from './lsp/session';
import { BrowserServerHost } from './web/browserHost';
import './web/setImmediate';

/** The worker's global scope, where the editor's messages arrive. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
new Session(connection, new BrowserServerHost(connection));
connection.listen();
