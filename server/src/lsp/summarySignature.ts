import type { DocumentModel, Project, ResolvedConfig } from '../engine';

/**
 * What the participation summary is made of, in a form cheap to compare after each edit.
 * The summary is a function of each document's participation statements (key, status,
 * position, wording, evidence), its program, and the configuration's registry; so it is
 * unchanged when every document's part and the registry are. Each part is text (no hash, so
 * no collision can hide a change), computed once per document model: an edit recomputes only
 * the edited document's part, and unchanged documents compare by reference.
 */
export interface SummarySignature {
  documents: Map<string, string>;
  registry: string;
}

const documentParts = new WeakMap<DocumentModel, string>();
const registryParts = new WeakMap<ResolvedConfig, string>();

export function summarySignature(project: Project): SummarySignature {
  const documents = new Map<string, string>();
  for (const uri of project.uris()) {
    const model = project.model(uri);
    if (model) documents.set(uri, documentPart(model));
  }
  return { documents, registry: registryPart(project) };
}

export function sameSummary(a: SummarySignature, b: SummarySignature): boolean {
  if (a.registry !== b.registry || a.documents.size !== b.documents.size) return false;
  for (const [uri, part] of a.documents) if (b.documents.get(uri) !== part) return false;
  return true;
}

function documentPart(model: DocumentModel): string {
  let part = documentParts.get(model);
  if (part === undefined) {
    const place = (s: { key: string; aspect: string; start: number; end: number; evidence: string }, status: string) => {
      const r = model.lines.range(s.start, s.end);
      return [s.key, status, r.start.line, r.start.character, r.end.line, r.end.character, s.aspect, s.evidence];
    };
    part = JSON.stringify([
      model.programKey ?? null,
      model.frontMatter.program ?? null,
      model.statements.map((s) => place(s, s.status)),
      model.unclear.map((s) => place(s, 'unclear')),
    ]);
    documentParts.set(model, part);
  }
  return part;
}

/** The registry changes only with the configuration (a new ResolvedConfig object). */
function registryPart(project: Project): string {
  const config = project.resolvedConfig;
  let part = registryParts.get(config);
  if (part === undefined) {
    part = JSON.stringify(project.statementKeys().flatMap((key) => {
      const entry = project.registryFor(key);
      return entry ? [[key, entry]] : [];
    }));
    registryParts.set(config, part);
  }
  return part;
}
