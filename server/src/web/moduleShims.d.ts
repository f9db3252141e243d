/**
 * tsconfig uses `moduleResolution: node`, which ignores package.json `exports`; the
 * browser entry points of the LSP packages are declared only there. These point the type
 * checker at the files the `exports` entries name (as server/src/lsp/moduleShims.d.ts
 * does for the Node ones); esbuild resolves the real `exports`.
 */
declare module 'vscode-languageserver/browser' {
  export * from 'vscode-languageserver/lib/browser/main';
}
declare module 'vscode-languageserver-protocol/browser' {
  export * from 'vscode-languageserver-protocol/lib/browser/main';
}
declare module 'vscode-jsonrpc/browser' {
  export * from 'vscode-jsonrpc/lib/browser/main';
}
