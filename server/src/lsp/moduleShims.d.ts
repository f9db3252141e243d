/**
 * tsconfig uses `moduleResolution: node` (CommonJS), which ignores package.json
 * `exports`; vscode-jsonrpc, vscode-languageserver-protocol and vscode-languageserver
 * declare their entry points only there, so the type checker cannot find them. These
 * declarations point it at the files the `exports` entries name. At run time Node and
 * esbuild resolve the real `exports`.
 */
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-languageserver' {
  export * from 'vscode-languageserver/lib/common/api';
}
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
