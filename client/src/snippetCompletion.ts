import * as vscode from 'vscode';
import { expandSnippet } from '../../server/src/packs';
import type { PackService } from './packService';
import type { PolicyDocumentTracker } from './policyDocumentTracker';

/** Offers the snippets of loaded packs in policy documents, like VS Code's own snippets. */
export function registerPackSnippetCompletions(packs: PackService, documents: PolicyDocumentTracker): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      if (!documents.isPolicyDocument(document)) return [];
      const before = document.lineAt(position.line).text.slice(0, position.character);
      const word = /[^\s[\](){}<>"'`]*$/.exec(before)?.[0] ?? '';
      const range = new vscode.Range(position.line, position.character - word.length, position.line, position.character);
      const items: vscode.CompletionItem[] = [];
      for (const pack of packs.result.packs) {
        for (const s of pack.snippets) {
          for (const prefix of s.prefixes) {
            const item = new vscode.CompletionItem({ label: prefix, description: pack.name }, vscode.CompletionItemKind.Snippet);
            item.insertText = new vscode.SnippetString(s.body);
            item.detail = `${pack.name} snippet pack`;
            item.filterText = prefix;
            item.range = range;
            const doc = new vscode.MarkdownString();
            doc.appendText(`${s.description ?? s.name}\n\n`);
            doc.appendCodeblock(expandSnippet(s.body), 'markdown');
            item.documentation = doc;
            items.push(item);
          }
        }
      }
      return items;
    },
  };
  return vscode.languages.registerCompletionItemProvider(
    [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
    ],
    provider,
  );
}
