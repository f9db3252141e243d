import type { RelatedLocation } from '../types';

/** "agreement.md:14" for another file, "line 14" for the same one. */
export function displayLocation(fromUri: string, loc: Pick<RelatedLocation, 'uri' | 'range'>): string {
  const line = loc.range.start.line + 1;
  if (loc.uri === fromUri) return `line ${line}`;
  const name = decodeURIComponent(loc.uri.replace(/[?#].*$/, '').split('/').pop() ?? loc.uri);
  return `${name}:${line}`;
}
