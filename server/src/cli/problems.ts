import type { InputProblem } from '../engine';
import type { RunNotification } from './formatters/report';
import { displayPath, uriToPath } from './paths';

/**
 * An input problem (config, front matter) as one stderr line, `file:line:col: severity: message`,
 * the shape editors and CI logs link to. The engine's messages may already start with the
 * file and line; that prefix is dropped so the place is given once.
 */
export function formatProblem(p: InputProblem, cwd: string): string {
  const file = displayPath(p.source, cwd);
  const place = p.range ? `${file}:${p.range.start.line + 1}:${p.range.start.character + 1}` : file;
  return `${place}: ${p.severity}: ${stripPlace(p.message, p.source)}`;
}

export function problemNotification(p: InputProblem, configuration: boolean): RunNotification {
  return {
    level: p.severity,
    message: stripPlace(p.message, p.source),
    file: uriToPath(p.source),
    line: p.range ? p.range.start.line + 1 : undefined,
    column: p.range ? p.range.start.character + 1 : undefined,
    configuration,
  };
}

function stripPlace(message: string, source: string): string {
  if (!message.startsWith(source)) return message;
  return message.slice(source.length).replace(/^(:\d+)*:\s*/, '');
}
