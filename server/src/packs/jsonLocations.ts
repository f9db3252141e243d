import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../engine/text';
import type { Range } from '../engine/types';

/** JSON with comments and trailing commas (as VS Code reads snippet files), with positions. */
export interface ParsedJson {
  text: string;
  lines: LineIndex;
  tree?: Node;
  value: unknown;
  errors: { range: Range; message: string }[];
}

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon `:` is expected',
  CommaExpected: 'a comma `,` is expected',
  CloseBraceExpected: 'a closing brace `}` is expected',
  CloseBracketExpected: 'a closing bracket `]` is expected',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'the comment is not closed',
  UnexpectedEndOfString: 'the string is not closed',
  UnexpectedEndOfNumber: 'the number is not complete',
  InvalidUnicode: 'invalid Unicode escape',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'invalid character in a string (line breaks and tabs must be escaped as \\n and \\t)',
};

export function parseJsonWithLocations(text: string): ParsedJson {
  const lines = new LineIndex(text);
  const raw: ParseError[] = [];
  const tree = parseTree(text, raw, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  // One mistake often yields several errors at the same place ("value expected", "} expected"…); the first says it.
  const firstAt = raw.filter((e, i) => raw.findIndex((f) => f.offset === e.offset) === i);
  const errors = firstAt.map((e) => ({
    range: lines.range(e.offset, e.offset + e.length),
    message: PARSE_ERROR_TEXT[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error),
  }));
  return { text, lines, tree, value: tree && !errors.length ? plain(getNodeValue(tree)) : undefined, errors };
}

/** jsonc-parser builds objects without a prototype; consumers expect plain JSON values. */
function plain(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/**
 * The range of the value at `path`, or of its key when `key` is set; the nearest existing
 * ancestor when the path does not exist (a missing key is reported on its object).
 */
export function rangeAt(parsed: ParsedJson, path: (string | number)[], key = false): Range | undefined {
  if (!parsed.tree) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(parsed.tree, path.slice(0, n));
    if (!node) continue;
    const target = key && n === path.length && node.parent?.type === 'property' ? node.parent.children?.[0] : node;
    if (n === path.length && key && !target) continue;
    const t = target ?? node;
    return parsed.lines.range(t.offset, t.offset + t.length);
  }
  return undefined;
}

/** The node of the property `name` of an object node, with its key node. */
export function propertyKeyNodes(objectNode: Node | undefined): { name: string; keyNode: Node; valueNode?: Node }[] {
  if (objectNode?.type !== 'object') return [];
  return (objectNode.children ?? [])
    .filter((p) => p.type === 'property' && p.children?.[0])
    .map((p) => ({ name: String(p.children![0].value), keyNode: p.children![0], valueNode: p.children![1] }));
}

/** `file:line:column` of a range start, one-based as editors show it. */
export function where(file: string, range: Range | undefined): string {
  return range ? `${file}:${range.start.line + 1}:${range.start.character + 1}` : file;
}
