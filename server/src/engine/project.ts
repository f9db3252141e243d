import { defaultConfig } from './config/defaults';
import type { ResolvedConfig } from './config/types';
import { aspectWords } from './model/aspects';
import { buildDocumentModel, modelFacts, modelFromFacts, type DocumentModel, type ModelFacts } from './model/document';
import { SharedAnalyses } from './model/sharedAnalyses';
import { suppressionIndex } from './model/suppressions';
import { mostUsedForm, StatementIndex, STATUS_BIT, statementSignature, TermIndex, termSignatures, type IndexedStatement, type StatedElsewhere } from './projectIndex';
import type { ParticipationStatement } from './model/participation';
import { RULES, RULES_BY_ID } from './rules';
import type { ProjectFacts, Report, Rule } from './rules/rule';
import { hash, normalizeSpace } from './text';
import type { Finding, ParticipationStatus, RelatedLocation, Severity } from './types';

const KNOWN_RULES = new Set(RULES_BY_ID.keys());
const BOTH_STATUSES = STATUS_BIT.mandatory | STATUS_BIT.optional;
/** Frozen: a rule that pushed into it would fail loudly instead of sharing its fix with every lean finding. */
const NO_FIXES = Object.freeze([]) as unknown as Finding['fixes'];

interface DocumentEntry {
  model: DocumentModel;
  /** Findings of document-scope rules, before suppression; kept until the text changes. */
  local: Finding[];
  /** How it was added, so that a new configuration analyses it the same way. */
  mode: Pick<UpsertOptions, 'editing' | 'lean'>;
}

export interface ProjectOptions {
  /**
   * Share sentence analyses across documents (default false). A CLI run over a library
   * reuses its repeated sentences (2,000 files: 3.1 → 2.7 s); the language server does not
   * share them: while indexing they cost it 50 MB of resident memory and saved no time.
   */
  shareSentenceAnalyses?: boolean;
}

export interface UpsertOptions {
  /** Work out which other documents' findings changed (default true); a bulk load asks for every finding afterwards anyway. */
  trackAffected?: boolean;
  /** The document is being edited: keep what makes the next keystroke's analysis cheap (default false, to keep memory low). */
  editing?: boolean;
  /**
   * Keep only what other documents' findings and summaries need (statements, terms, text,
   * findings without their fixes), not the clauses and sections: for the many documents of
   * a workspace that are not open in the editor.
   */
  lean?: boolean;
}

/** A document analysed in another project (a worker thread): its facts and its document-scope findings. */
export interface DocumentFacts {
  model: ModelFacts;
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
  private readonly statements = new StatementIndex();
  private readonly terms = new TermIndex();
  private aliases = new Map<string, string>();
  private registry = new Map<string, { name: string; status: ParticipationStatus; location?: RelatedLocation }>();
  private readonly reportedErrors = new Set<string>();
  /** Sentence analyses shared across documents (see `ProjectOptions.shareSentenceAnalyses`). */
  private shared: SharedAnalyses | undefined;
  /** Rules that threw, once per rule and document; the rule is skipped for that document, the rest goes on. */
  readonly ruleErrors: RuleError[] = [];
  onRuleError?: (e: RuleError) => void;

  constructor(resolved?: ResolvedConfig, options: ProjectOptions = {}) {
    this.resolved = resolved ?? { config: defaultConfig(), registryLocations: new Map() };
    this.buildRegistry();
    if (options.shareSentenceAnalyses) this.shared = new SharedAnalyses();
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
    if (this.shared) this.shared = new SharedAnalyses(); // made for the old vocabularies and aliases
    const texts = [...this.docs].map(([uri, e]) => [uri, e.model.text, e.mode] as const);
    this.docs.clear();
    this.statements.clear();
    this.terms.clear();
    for (const [uri, text, mode] of texts) this.upsert(uri, text, { ...mode, trackAffected: false });
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

  /**
   * Adds or replaces a document. Returns the other documents whose findings changed because
   * of it (`affected`), and which of them changed only in where related locations point
   * (`moved`: a host may refresh those later, when typing pauses). Bulk loading (a CLI run,
   * indexing a workspace) passes `trackAffected: false`: every document's findings are asked
   * for afterwards anyway.
   */
  upsert(uri: string, text: string, options: UpsertOptions = {}): { model: DocumentModel; affected: string[]; moved: string[] } {
    const old = this.docs.get(uri);
    const track = options.trackAffected !== false;
    const before = track ? this.termPreferences(old?.model) : undefined;
    const full = buildDocumentModel(uri, text, this.resolved.config, {
      aliases: this.aliases,
      knownRules: KNOWN_RULES,
      previous: old?.model,
      retainCaches: options.editing,
      // A document being edited has its own previous version to reuse.
      shared: options.editing ? undefined : this.shared,
    });
    const local = this.runRules(full, 'document');
    const lean = options.lean && !options.editing;
    // A lean document is not open, so nobody asks for its fixes (code actions are for open
    // documents, which are analysed again as `editing` first); they were a tenth of the heap.
    if (lean) for (const f of local) if (f.fixes.length) f.fixes = NO_FIXES;
    const model = lean ? modelFromFacts(modelFacts(full), this.resolved.config, this.aliases, full.lines) : full;
    this.docs.set(uri, { model, local, mode: { editing: options.editing, lean: options.lean } });
    // The old statements go with the new ones: per key, only what changed (an edit mostly
    // moves them). Nothing is unindexed before the analysis, so one that throws leaves the
    // old version whole.
    this.statements.replace(uri, old?.model, model);
    if (old) this.terms.remove(old.model);
    this.terms.add(model);
    const { all, moved } = track ? this.affected(uri, old?.model, model, before!) : { all: [], moved: [] };
    return { model, affected: all, moved };
  }

  /** The facts of an analysed document, to hand to another project (see `addFacts`). */
  facts(uri: string): DocumentFacts | undefined {
    const entry = this.docs.get(uri);
    return entry && { model: modelFacts(entry.model), local: entry.local };
  }

  /**
   * Adds a document analysed by another project with the same configuration, without
   * analysing it again. Its findings, project-scope rules included, are the same as if
   * it had been added with `upsert`.
   */
  addFacts(facts: DocumentFacts): void {
    const old = this.docs.get(facts.model.uri);
    if (old) this.unindex(old.model);
    const model = modelFromFacts(facts.model, this.resolved.config, this.aliases);
    this.docs.set(model.uri, { model, local: facts.local, mode: { lean: true } });
    this.index(model);
  }

  remove(uri: string): string[] {
    const old = this.docs.get(uri);
    if (!old) return [];
    const before = this.termPreferences(old.model);
    this.unindex(old.model);
    this.docs.delete(uri);
    return this.affected(uri, old.model, undefined, before).all;
  }

  /** Every finding for one document, suppressions applied, in document order. */
  findings(uri: string): Finding[] {
    const entry = this.docs.get(uri);
    if (!entry) return [];
    const all = [...entry.local, ...this.runRules(entry.model, 'project')];
    const suppressed = suppressionIndex(entry.model.suppressions);
    const kept = all.filter((f) => !suppressed(f.ruleId, f.range.start.line));
    kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
    return kept;
  }

  allFindings(): Finding[] {
    return this.uris().flatMap((u) => this.findings(u));
  }

  // ProjectFacts, for project-scope rules.

  /** Statements compared with `key`, in every document. */
  statementsFor(key: string): Iterable<IndexedStatement> {
    return this.statements.statementsFor(key);
  }

  states(key: string, status: ParticipationStatus): boolean {
    return this.statements.states(key, status);
  }

  ownStatements(key: string, uri: string): IndexedStatement[] {
    return this.statements.ownStatements(key, uri);
  }

  statedElsewhere(key: string, status: ParticipationStatus, exceptUri: string, limit: number): StatedElsewhere {
    return this.statements.statedElsewhere(key, status, exceptUri, limit);
  }

  registryFor(key: string) {
    return this.registry.get(key);
  }

  /** All statement keys, for the participation summary. */
  statementKeys(): string[] {
    return [...new Set([...this.statements.keys(), ...this.registry.keys()])];
  }

  termForms(family: string): ReadonlyMap<string, number> {
    return this.terms.formsOf(family);
  }

  /** Where `form` of a family is written: the asking document first, so related locations rarely go stale. */
  termLocations(family: string, form: string, limit: number, preferUri?: string): RelatedLocation[] {
    const out: RelatedLocation[] = [];
    const writers = this.terms.writersOf(family, form);
    const preferred = preferUri === undefined ? undefined : writers.find((m) => m.uri === preferUri);
    for (const model of preferred ? [preferred, ...writers.slice(0, limit).filter((m) => m !== preferred)] : writers) {
      for (const t of model.terms) {
        if (t.family !== family || t.form !== form) continue;
        out.push({ uri: model.uri, range: model.lines.range(t.start, t.end), message: '' });
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
    this.statements.add(model);
    this.terms.add(model);
  }

  private unindex(model: DocumentModel): void {
    this.statements.remove(model);
    this.terms.remove(model);
  }

  /** The preferred form and number of forms of each family the document uses, before a change. */
  private termPreferences(model: DocumentModel | undefined): Map<string, string> {
    const out = new Map<string, string>();
    for (const family of new Set(model?.terms.map((t) => t.family) ?? [])) out.set(family, this.preferenceOf(family));
    return out;
  }

  private preferenceOf(family: string): string {
    const forms = this.terms.formsOf(family);
    return `${mostUsedForm(forms)}|${forms.size > 1}`;
  }

  /**
   * The other documents whose findings a change altered. A statement key matters to other
   * documents only while it is contested (stated both ways); a term family only when its
   * preferred form or its variety changed, or the places others point at moved. `moved`
   * are those among them whose findings changed only in where related locations point.
   */
  private affected(uri: string, old: DocumentModel | undefined, now: DocumentModel | undefined, before: Map<string, string>): { all: string[]; moved: string[] } {
    const changed = new Set<string>();
    const moved = new Set<string>();
    // This document's statements per key, before and after, and the statuses it gave each
    // key as bits: one pass over the statements. Signatures (strings of places) are built
    // only for keys other documents state too: most keys of a long document are its own,
    // and an edit near its top moves every statement below it.
    const mine = new Map<string, { bits: number; old: ParticipationStatement[]; now: ParticipationStatement[] }>();
    const collect = (list: readonly ParticipationStatement[], side: 'old' | 'now') => {
      for (const s of list) {
        let m = mine.get(s.key);
        if (!m) mine.set(s.key, (m = { bits: 0, old: [], now: [] }));
        m.bits |= STATUS_BIT[s.status];
        m[side].push(s);
      }
    };
    collect(old?.statements ?? [], 'old');
    collect(now?.statements ?? [], 'now');
    for (const [key, m] of mine) {
      const others = this.statements.statusBitsOthers(key, uri);
      if (!others) continue;
      // Contested: others state both statuses, or this document states one they do not.
      const contested = others === BOTH_STATUSES || (m.bits & ~others) !== 0;
      if (!contested) continue;
      const a = old && statementSignature(old, m.old);
      const b = now && statementSignature(now, m.now);
      if (a?.full === b?.full) continue;
      for (const u of this.statements.urisFor(key)) (a?.shape === b?.shape ? moved : changed).add(u);
    }
    const oldTerms = termSignatures(old);
    const newTerms = termSignatures(now);
    for (const family of new Set([...oldTerms.keys(), ...newTerms.keys()])) {
      const a = oldTerms.get(family);
      const b = newTerms.get(family);
      const preferenceChanged = before.get(family) !== this.preferenceOf(family);
      const placesChanged = a?.full !== b?.full && this.terms.formsOf(family).size > 1;
      if (preferenceChanged || (placesChanged && a?.shape !== b?.shape)) for (const m of this.terms.usersOf(family)) changed.add(m.uri);
      else if (placesChanged) for (const m of this.terms.usersOf(family)) moved.add(m.uri);
    }
    changed.delete(uri);
    moved.delete(uri);
    for (const u of changed) moved.delete(u);
    return { all: [...changed, ...moved], moved: [...moved] };
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
