/**
 * tsconfig uses `moduleResolution: node`, which ignores package.json `exports`;
 * vscode-languageclient declares its entry points only there. This points the type
 * checker at the file the `exports` entry names; esbuild resolves the real `exports`.
 * (server/src/lsp/moduleShims.d.ts does the same for the protocol and jsonrpc packages.)
 */
declare module 'vscode-languageclient' {
  export * from 'vscode-languageclient/lib/common/api';
}
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
