/** As client/src/moduleShims.d.ts, for the browser entry point of vscode-languageclient. */
declare module 'vscode-languageclient/browser' {
  export * from 'vscode-languageclient/lib/browser/main';
}
