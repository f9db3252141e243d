/**
 * VS Code's snippet syntax (tab stops `$1`, placeholders `${1:text}`, choices `${1|a,b|}`,
 * variables `$NAME` / `${NAME:default}`), parsed the way VS Code parses it: anything that
 * does not form a construct is literal text. Used to check pack snippets, to show what a
 * snippet inserts by default, and to escape selected text into a snippet body.
 */

export type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[]; choices?: string[]; start: number }
  | { kind: 'variable'; name: string; children?: SnippetNode[]; start: number };

export interface SnippetSyntaxProblem {
  /** Offset in the body. */
  offset: number;
  message: string;
}

export interface ParsedSnippet {
  nodes: SnippetNode[];
  problems: SnippetSyntaxProblem[];
}

const VARIABLES_WITHOUT_VALUE = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER', 'TM_FILENAME',
  'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD', 'WORKSPACE_NAME', 'WORKSPACE_FOLDER',
  'CURSOR_INDEX', 'CURSOR_NUMBER', 'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH', 'CURRENT_MONTH_NAME',
  'CURRENT_MONTH_NAME_SHORT', 'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT', 'CURRENT_HOUR', 'CURRENT_MINUTE',
  'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET', 'RANDOM', 'RANDOM_HEX', 'UUID',
  'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

export function parseSnippet(body: string): ParsedSnippet {
  const problems: SnippetSyntaxProblem[] = [];
  let pos = 0;

  /** Parses until the end, or (inside a placeholder) until an unescaped `}`. */
  function parseSequence(insidePlaceholder: boolean): SnippetNode[] | undefined {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (pos < body.length) {
      const c = body[pos];
      if (c === '\\' && (body[pos + 1] === '$' || body[pos + 1] === '}' || body[pos + 1] === '\\')) {
        text += body[pos + 1];
        pos += 2;
        continue;
      }
      if (c === '}' && insidePlaceholder) {
        flush();
        return nodes;
      }
      if (c === '$') {
        const node = parseDollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
      }
      text += c;
      pos++;
    }
    if (insidePlaceholder) return undefined; // no closing brace
    flush();
    return nodes;
  }

  function parseDollar(): SnippetNode | undefined {
    const start = pos;
    const simple = /^\$(?:(\d+)|([_a-zA-Z][_a-zA-Z0-9]*))/.exec(body.slice(pos, pos + 200));
    if (simple) {
      pos += simple[0].length;
      return simple[1] !== undefined
        ? { kind: 'tabstop', index: Number(simple[1]), children: [], start }
        : { kind: 'variable', name: simple[2], start };
    }
    if (body[pos + 1] !== '{') return undefined;
    const head = /^\$\{(?:(\d+)|([_a-zA-Z][_a-zA-Z0-9]*))/.exec(body.slice(pos, pos + 200));
    if (!head) return undefined;
    pos += head[0].length;
    const next = body[pos];
    const fail = (message: string) => {
      problems.push({ offset: start, message });
      pos = start;
      return undefined;
    };
    const isTabstop = head[1] !== undefined;
    if (next === '}') {
      pos++;
      return isTabstop ? { kind: 'tabstop', index: Number(head[1]), children: [], start } : { kind: 'variable', name: head[2], start };
    }
    if (next === ':') {
      pos++;
      const children = parseSequence(true);
      if (!children) return fail(`\`${head[0]}:\` is never closed with \`}\`, so VS Code inserts it as plain text`);
      pos++; // the closing brace
      return isTabstop ? { kind: 'tabstop', index: Number(head[1]), children, start } : { kind: 'variable', name: head[2], children, start };
    }
    if (next === '|' && isTabstop) {
      pos++;
      const choices: string[] = [];
      let option = '';
      while (pos < body.length) {
        const c = body[pos];
        if (c === '\\' && /[,|\\]/.test(body[pos + 1] ?? '')) {
          option += body[pos + 1];
          pos += 2;
        } else if (c === ',') {
          choices.push(option);
          option = '';
          pos++;
        } else if (c === '|' && body[pos + 1] === '}') {
          choices.push(option);
          pos += 2;
          return { kind: 'tabstop', index: Number(head[1]), children: [{ kind: 'text', value: choices[0] }], choices, start };
        } else {
          option += c;
          pos++;
        }
      }
      return fail(`the choice \`${head[0]}|…\` is never closed with \`|}\`, so VS Code inserts it as plain text`);
    }
    if (next === '/') {
      // A transform, `${1/regex/format/options}`; the format may hold `${1:/upcase}`. Only its extent matters here.
      const end = transformEnd(body, pos);
      if (end < 0) return fail(`the transform \`${head[0]}/…\` is not complete (\`\${1/regex/format/options}\`), so VS Code inserts it as plain text`);
      pos = end;
      return isTabstop ? { kind: 'tabstop', index: Number(head[1]), children: [], start } : { kind: 'variable', name: head[2], start };
    }
    return fail(`\`${head[0]}\` must be followed by \`}\`, \`:\`${isTabstop ? ', `|`' : ''} or \`/\`; VS Code inserts it as plain text`);
  }

  const nodes = parseSequence(false) ?? [];
  return { nodes, problems };
}

/** Offset just past the `}` closing a transform whose `/regex/` starts at `pos`, or -1. */
function transformEnd(body: string, pos: number): number {
  let i = pos + 1;
  // The regex, up to an unescaped slash.
  while (i < body.length && body[i] !== '/') i += body[i] === '\\' ? 2 : 1;
  if (i >= body.length) return -1;
  i++;
  // The format, up to an unescaped slash; `${…}` groups may contain slashes.
  while (i < body.length && body[i] !== '/') {
    if (body[i] === '\\') i += 2;
    else if (body[i] === '$' && body[i + 1] === '{') {
      const close = body.indexOf('}', i);
      if (close < 0) return -1;
      i = close + 1;
    } else i++;
  }
  if (i >= body.length) return -1;
  const close = body.indexOf('}', i + 1);
  return close < 0 || !/^[a-z]*$/.test(body.slice(i + 1, close)) ? -1 : close + 1;
}

/**
 * The text a snippet inserts when the author accepts every default: placeholders give
 * their text, choices their first option, bare tab stops the text of a placeholder with
 * the same number, variables their value from `variables`, their default, or nothing.
 */
export function expandSnippet(body: string, variables: Record<string, string> = {}): string {
  const { nodes } = parseSnippet(body);
  const defaults = new Map<number, SnippetNode[]>();
  const collect = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' && n.children.length && !defaults.has(n.index)) defaults.set(n.index, n.children);
      if (n.kind !== 'text') collect(n.children ?? []);
    }
  };
  collect(nodes);
  const render = (list: SnippetNode[], depth: number): string =>
    list
      .map((n) => {
        if (n.kind === 'text') return n.value;
        if (n.kind === 'tabstop') return depth > 20 ? '' : render(n.children.length ? n.children : (defaults.get(n.index) ?? []), depth + 1);
        if (n.name in variables) return variables[n.name];
        if (n.children) return render(n.children, depth + 1);
        return VARIABLES_WITHOUT_VALUE.has(n.name) ? '' : n.name;
      })
      .join('');
  return render(nodes, 0);
}

/** Escapes literal text so a snippet inserts it unchanged: `\`, `$` and `}` get a backslash. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Choices of every tab stop, in order, e.g. `[['Mandatory', 'Optional']]`. */
export function snippetChoices(body: string): string[][] {
  const out: string[][] = [];
  const walk = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' && n.choices) out.push(n.choices);
      if (n.kind !== 'text') walk(n.children ?? []);
    }
  };
  walk(parseSnippet(body).nodes);
  return out;
}
