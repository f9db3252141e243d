/**
 * Policy Lint language server. Started by an LSP client over stdio (`policy-lint-server
 * --stdio`), Node IPC (`--node-ipc`, as the VS Code extension does) or a socket; the
 * transport is read from the command line by vscode-languageserver. (The browser build's
 * entry is browserServer.ts.)
 */
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Session } from './lsp/session';
import { NodeServerHost } from './node/lspHost';

const connection = createConnection(ProposedFeatures.all);
// The bundle is dist/server.js; the rule doc pages ship beside it in docs/rules/.
const session = new Session(connection, new NodeServerHost(path.join(__dirname, '..', 'docs', 'rules')));

// Over IPC the parent is the editor's extension host: when it goes, so does the server
// (without waiting for the library's periodic check of the client's process id).
if (process.send) process.on('disconnect', () => process.exit(session.shutdownReceived ? 0 : 1));

connection.listen();
