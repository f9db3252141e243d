import { defaultConfig } from './config/defaults';
import type { ResolvedConfig } from './config/types';
import { aspectWords } from './model/aspects';
import { buildDocumentModel, type DocumentModel } from './model/document';
import type { ParticipationStatement } from './model/participation';
import { isSuppressed } from './model/suppressions';
import { RULES, RULES_BY_ID } from './rules';
import type { ProjectFacts, Report, Rule } from './rules/rule';
import { hash, normalizeSpace } from './text';
import type { Finding, ParticipationStatus, RelatedLocation, Severity } from './types';

const KNOWN_RULES = new Set(RULES_BY_ID.keys());

interface IndexedStatement {
  uri: string;
  statement: ParticipationStatement;
  model: DocumentModel;
}

interface DocumentEntry {
  model: DocumentModel;
  /** Findings of document-scope rules, before suppression; kept until the text changes. */
  local: Finding[];
}

export interface RuleError {
  ruleId: string;
  uri: string;
  error: unknown;
}

/**
 * All the documents of a run (a CLI invocation, a workspace). Updating one document
 * re-analyses only that document and updates the cross-document indexes; findings of
 * project-scope rules are computed when asked for, from those indexes, so their cost
 * grows with the size of the document asked about, not with the size of the project.
 */
export class Project implements ProjectFacts {
  private resolved: ResolvedConfig;
  private readonly docs = new Map<string, DocumentEntry>();
  private readonly statements = new Map<string, IndexedStatement[]>();
  private readonly forms = new Map<string, Map<string, number>>();
  /** Statements by aspect words without program scope, for documents that name no program. */
  private readonly bySuffix = new Map<string, IndexedStatement[]>();
  private aliases = new Map<string, string>();
  private registry = new Map<string, { name: string; status: ParticipationStatus; location?: RelatedLocation }>();
  private readonly reportedErrors = new Set<string>();
  /** Rules that threw, once per rule and document; the rule is skipped for that document, the rest goes on. */
  readonly ruleErrors: RuleError[] = [];
  onRuleError?: (e: RuleError) => void;

  constructor(resolved?: ResolvedConfig) {
    this.resolved = resolved ?? { config: defaultConfig(), registryLocations: new Map() };
    this.buildRegistry();
  }

  get config() {
    return this.resolved.config;
  }

  get resolvedConfig(): ResolvedConfig {
    return this.resolved;
  }

  /** Replaces the configuration and re-analyses every document. */
  setConfig(resolved: ResolvedConfig): void {
    this.resolved = resolved;
    this.buildRegistry();
    const texts = [...this.docs].map(([uri, e]) => [uri, e.model.text] as const);
    this.docs.clear();
    this.statements.clear();
    this.bySuffix.clear();
    this.forms.clear();
    for (const [uri, text] of texts) this.upsert(uri, text);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  model(uri: string): DocumentModel | undefined {
    return this.docs.get(uri)?.model;
  }

  /** Adds or replaces a document. Returns the other documents whose findings may have changed. */
  upsert(uri: string, text: string): { model: DocumentModel; affected: string[] } {
    const old = this.docs.get(uri);
    const before = old ? this.snapshotTerms(old.model) : undefined;
    if (old) this.unindex(old.model);
    const model = buildDocumentModel(uri, text, this.resolved.config, { aliases: this.aliases, knownRules: KNOWN_RULES, previous: old?.model });
    const local = this.runRules(model, 'document');
    this.docs.set(uri, { model, local });
    this.index(model);
    return { model, affected: this.affected(uri, old?.model, model, before) };
  }

  remove(uri: string): string[] {
    const old = this.docs.get(uri);
    if (!old) return [];
    const before = this.snapshotTerms(old.model);
    this.unindex(old.model);
    this.docs.delete(uri);
    return this.affected(uri, old.model, undefined, before);
  }

  /** Every finding for one document, suppressions applied, in document order. */
  findings(uri: string): Finding[] {
    const entry = this.docs.get(uri);
    if (!entry) return [];
    const all = [...entry.local, ...this.runRules(entry.model, 'project')];
    const kept = all.filter((f) => !isSuppressed(entry.model.suppressions, f.ruleId, f.range.start.line));
    kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
    return kept;
  }

  allFindings(): Finding[] {
    return this.uris().flatMap((u) => this.findings(u));
  }

  // ProjectFacts, for project-scope rules.

  /**
   * Statements about a key. Documents that name no program state their aspects without
   * scope (`::words`); those are compared with the same aspect of every program.
   */
  statementsFor(key: string): ReadonlyArray<IndexedStatement> {
    const sep = key.indexOf('::');
    if (sep < 0) return this.statements.get(key) ?? [];
    const suffix = key.slice(sep + 2);
    if (sep === 0) return this.bySuffix.get(suffix) ?? [];
    return [...(this.statements.get(key) ?? []), ...(this.statements.get(`::${suffix}`) ?? [])];
  }

  registryFor(key: string) {
    return this.registry.get(key);
  }

  /** All statement keys, for the participation summary. */
  statementKeys(): string[] {
    return [...new Set([...this.statements.keys(), ...this.registry.keys()])];
  }

  termForms(family: string): ReadonlyMap<string, number> {
    return this.forms.get(family) ?? new Map();
  }

  termLocations(family: string, form: string, limit: number): RelatedLocation[] {
    const out: RelatedLocation[] = [];
    for (const [uri, { model }] of this.docs) {
      for (const t of model.terms) {
        if (t.family !== family || t.form !== form) continue;
        out.push({ uri, range: model.lines.range(t.start, t.end), message: '' });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  private runRules(model: DocumentModel, scope: Rule['scope']): Finding[] {
    const out: Finding[] = [];
    const occurrences = new Map<string, number>();
    for (const rule of RULES) {
      if (rule.scope !== scope) continue;
      const setting = this.resolved.config.rules[rule.id];
      const severity = setting?.severity ?? rule.defaultSeverity;
      if (severity === 'off') continue;
      const options: Record<string, unknown> = {};
      for (const [k, o] of Object.entries(rule.options)) options[k] = setting?.options?.[k] ?? o.default;
      const report = (r: Report) => out.push(this.toFinding(rule, severity, model, r, occurrences));
      try {
        rule.check({ model, config: this.resolved.config, options, project: this, report });
      } catch (error) {
        const id = `${rule.id}\0${model.uri}`;
        if (!this.reportedErrors.has(id)) {
          this.reportedErrors.add(id);
          const e = { ruleId: rule.id, uri: model.uri, error };
          this.ruleErrors.push(e);
          this.onRuleError?.(e);
        }
      }
    }
    return out;
  }

  private toFinding(rule: Rule, severity: Severity, model: DocumentModel, r: Report, occurrences: Map<string, number>): Finding {
    const text = normalizeSpace(r.fingerprintText ?? model.text.slice(r.start, r.end)).toLowerCase();
    const base = `${rule.id}|${text}`;
    const n = occurrences.get(base) ?? 0;
    occurrences.set(base, n + 1);
    return {
      ruleId: rule.id,
      severity,
      message: r.message,
      uri: model.uri,
      range: model.lines.range(r.start, Math.max(r.start, r.end)),
      fixes: r.fixes ?? [],
      related: r.related ?? [],
      fingerprint: hash(`${base}|${n}`),
    };
  }

  private index(model: DocumentModel): void {
    for (const statement of model.statements) {
      const list = this.statements.get(statement.key);
      const entry = { uri: model.uri, statement, model };
      if (list) list.push(entry);
      else this.statements.set(statement.key, [entry]);
      const sep = statement.key.indexOf('::');
      if (sep >= 0) {
        const suffix = statement.key.slice(sep + 2);
        const bs = this.bySuffix.get(suffix);
        if (bs) bs.push(entry);
        else this.bySuffix.set(suffix, [entry]);
      }
    }
    for (const t of model.terms) {
      let forms = this.forms.get(t.family);
      if (!forms) this.forms.set(t.family, (forms = new Map()));
      forms.set(t.form, (forms.get(t.form) ?? 0) + 1);
    }
  }

  private unindex(model: DocumentModel): void {
    for (const key of new Set(model.statements.map((s) => s.key))) {
      const list = this.statements.get(key);
      if (!list) continue;
      const rest = list.filter((e) => e.model !== model);
      if (rest.length) this.statements.set(key, rest);
      else this.statements.delete(key);
      const sep = key.indexOf('::');
      if (sep >= 0) {
        const suffix = key.slice(sep + 2);
        const bs = (this.bySuffix.get(suffix) ?? []).filter((e) => e.model !== model);
        if (bs.length) this.bySuffix.set(suffix, bs);
        else this.bySuffix.delete(suffix);
      }
    }
    for (const t of model.terms) {
      const forms = this.forms.get(t.family);
      if (!forms) continue;
      const n = (forms.get(t.form) ?? 0) - 1;
      if (n > 0) forms.set(t.form, n);
      else forms.delete(t.form);
    }
  }

  private snapshotTerms(model: DocumentModel): Map<string, string> {
    const snap = new Map<string, string>();
    for (const family of new Set(model.terms.map((t) => t.family))) snap.set(family, JSON.stringify([...(this.forms.get(family) ?? [])].sort()));
    return snap;
  }

  /** Documents sharing a statement key with the old or new text, or a term family whose forms changed. */
  private affected(uri: string, old: DocumentModel | undefined, now: DocumentModel | undefined, before?: Map<string, string>): string[] {
    const out = new Set<string>();
    const keys = new Set([...(old?.statements ?? []), ...(now?.statements ?? [])].map((s) => s.key));
    for (const key of keys) for (const e of this.statementsFor(key)) out.add(e.uri);
    const families = new Set([...(old?.terms ?? []), ...(now?.terms ?? [])].map((t) => t.family));
    const changed = [...families].filter((f) => before?.get(f) !== JSON.stringify([...(this.forms.get(f) ?? [])].sort()));
    if (changed.length) {
      const set = new Set(changed);
      for (const [u, e] of this.docs) if (e.model.terms.some((t) => set.has(t.family))) out.add(u);
    }
    out.delete(uri);
    return [...out];
  }

  private buildRegistry(): void {
    this.aliases = new Map();
    this.registry = new Map();
    const locs = this.resolved.registryLocations;
    this.resolved.config.programs.forEach((p, i) => {
      const programKey = `program:${aspectWords(p.name)}`;
      this.registry.set(programKey, { name: p.name, status: p.status, location: loc(`programs[${i}]`) });
      for (const a of [p.name, ...(p.aliases ?? [])]) this.aliases.set(aspectWords(a), programKey);
      (p.aspects ?? []).forEach((a, j) => {
        const key = `${programKey}::${aspectWords(a.name)}`;
        this.registry.set(key, { name: a.name, status: a.status, location: loc(`programs[${i}].aspects[${j}]`) });
        for (const n of [a.name, ...(a.aliases ?? [])]) this.aliases.set(aspectWords(n), key);
      });
    });
    function loc(id: string): RelatedLocation | undefined {
      const l = locs.get(id);
      return l ? { uri: l.uri, range: l.range, message: '' } : undefined;
    }
  }
}
