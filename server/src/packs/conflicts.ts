import type { TemplateDefinition } from '../engine/config/types';
import { where } from './jsonLocations';
import type { LoadedPack } from './loadPack';
import type { KnownSnippet, PackProblem } from './types';

interface PrefixOwner {
  pack?: LoadedPack;
  snippet: string;
  file?: string;
  range?: PackProblem['range'];
}

/**
 * Warns on every pack snippet whose prefix another snippet also uses (in another pack, in
 * the same pack, or among the built-in snippets). Both stay available: VS Code lists
 * every snippet that matches what the author typed, so a clash is a nuisance, not a loss.
 */
export function reportPrefixConflicts(packs: LoadedPack[], builtin: KnownSnippet[]): void {
  const owners = new Map<string, PrefixOwner[]>();
  const add = (prefix: string, owner: PrefixOwner) => owners.set(prefix, [...(owners.get(prefix) ?? []), owner]);
  for (const b of builtin) for (const prefix of new Set(b.prefixes)) add(prefix, { snippet: b.name });
  for (const pack of packs) {
    for (const s of pack.snippets) for (const prefix of new Set(s.prefixes)) add(prefix, { pack, snippet: s.name, file: s.file, range: s.range });
  }
  for (const [prefix, list] of owners) {
    if (list.length < 2) continue;
    for (const owner of list) {
      if (!owner.pack) continue;
      const others = list.filter((o) => o !== owner).map(describeOwner);
      owner.pack.problems.push({
        source: owner.file!,
        range: owner.range,
        severity: 'warning',
        pack: owner.pack.manifestPath,
        message: `${where(owner.file!, owner.range)}: the prefix "${prefix}" of snippet "${owner.snippet}" in pack "${owner.pack.name}" is also used by ${others.join(' and ')}; VS Code offers both.`,
      });
    }
  }
}

function describeOwner(o: PrefixOwner): string {
  return o.pack ? `snippet "${o.snippet}" in pack "${o.pack.name}"` : `the built-in Policy Lint snippet "${o.snippet}"`;
}

/** Two packs with the same name are confusing in the snippet list; both still load. */
export function reportDuplicateNames(packs: LoadedPack[]): void {
  const byName = new Map<string, LoadedPack[]>();
  for (const p of packs) byName.set(p.name.toLowerCase(), [...(byName.get(p.name.toLowerCase()) ?? []), p]);
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    for (const p of same) {
      const others = same.filter((o) => o !== p).map((o) => o.manifestPath);
      p.problems.push({
        source: p.manifestPath,
        severity: 'warning',
        pack: p.manifestPath,
        message: `${p.manifestPath}: another pack is also named "${p.name}" (${others.join(', ')}); rename one so authors can tell their snippets apart.`,
      });
    }
  }
}

/** Templates of all packs; the first pack in load order to define a name wins, later ones get a warning. */
export function mergeTemplates(packs: LoadedPack[]): Record<string, TemplateDefinition> {
  const out: Record<string, TemplateDefinition> = {};
  const definedBy = new Map<string, LoadedPack>();
  for (const pack of packs) {
    for (const [name, template] of Object.entries(pack.templates)) {
      const first = definedBy.get(name);
      if (first) {
        const range = pack.templateRanges[name];
        pack.problems.push({
          source: pack.manifestPath,
          range,
          severity: 'warning',
          pack: pack.manifestPath,
          message: `${where(pack.manifestPath, range)}: the template "${name}" is also defined by pack "${first.name}" (${first.manifestPath}), whose definition is used.`,
        });
        continue;
      }
      definedBy.set(name, pack);
      out[name] = template;
    }
  }
  return out;
}
