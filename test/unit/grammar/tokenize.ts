import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

/**
 * Tokenizes Markdown the way VS Code does: VS Code's own markdown.tmLanguage.json (shipped by
 * the tm-grammars package) as the host grammar, YAML for front matter, and our grammar injected
 * into it through the same `injectTo` relation the extension manifest declares.
 */
export interface Token {
  text: string;
  scopes: string[];
}

const ROOT = path.resolve(__dirname, '../../../..');
const INJECTION_SCOPE = 'policy-lint.injection';

function grammarFile(scopeName: string): string | undefined {
  switch (scopeName) {
    case 'text.html.markdown':
      return require.resolve('tm-grammars/grammars/markdown.json');
    case 'source.yaml':
      return require.resolve('tm-grammars/grammars/yaml.json');
    case INJECTION_SCOPE:
      return path.join(ROOT, 'syntaxes/policy-lint.injection.tmLanguage.json');
    default:
      return undefined; // embedded code languages are not needed: code is never highlighted by us
  }
}

/** The injection targets, as declared in package.json (`contributes.grammars[].injectTo`). */
function injectionsFromManifest(): Map<string, string[]> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = new Map<string, string[]>();
  for (const g of manifest.contributes?.grammars ?? []) {
    for (const target of g.injectTo ?? []) out.set(target, [...(out.get(target) ?? []), g.scopeName]);
  }
  return out;
}

let grammarPromise: Promise<IGrammar> | undefined;

export function markdownGrammar(): Promise<IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const injections = injectionsFromManifest();
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => {
        const file = grammarFile(scopeName);
        return file ? parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName) => injections.get(scopeName),
    });
    const grammar = await registry.loadGrammar('text.html.markdown');
    if (!grammar) throw new Error('cannot load the Markdown grammar');
    return grammar;
  })();
  return grammarPromise;
}

/** Tokens of each line of a Markdown text. */
export async function tokenize(text: string): Promise<Token[][]> {
  const grammar = await markdownGrammar();
  let state: StateStack = INITIAL;
  const out: Token[][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = r.ruleStack;
  }
  return out;
}

/** The scopes on the first token of `line` that covers `needle` starting at its first character. */
export function scopesAt(tokens: Token[], line: string, needle: string, occurrence = 0): string[] {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = line.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not in "${line}"`);
  let pos = 0;
  for (const t of tokens) {
    if (at >= pos && at < pos + t.text.length) return t.scopes;
    pos += t.text.length;
  }
  throw new Error(`no token at ${at}`);
}

/** Every policy-lint scope found in any token of the lines. */
export function policyScopes(lines: Token[][]): string[] {
  return [...new Set(lines.flat().flatMap((t) => t.scopes.filter((s) => s.endsWith('.policy-lint'))))];
}
