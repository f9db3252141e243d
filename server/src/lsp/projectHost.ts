import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Project, type Finding, type UpsertOptions } from '../engine';
import { digest } from '../engine/text';
import type { ConfigState } from './configState';
import { findingToDiagnostic, problemToDiagnostic } from './diagnostics';
import { errorText, type Logger } from './log';
import { isMarkdownPath } from './policyScope';
import { FRONT_MATTER_CODE, INTERNAL_ERROR_CODE, DIAGNOSTIC_SOURCE } from './protocol';
import type { RuleDocLinks } from './ruleDocs';

export interface ProjectHostOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  config: ConfigState;
  log: Logger;
  docLinks: RuleDocLinks;
  /** The client shows `relatedInformation` on diagnostics. */
  relatedInformation: boolean;
}

/**
 * The one engine Project of the workspace, and what the editor has been shown of it.
 * Open documents take precedence over their files on disk: their text is what is
 * analysed, at the version the editor holds, and diagnostics carry that version.
 * Engine failures are caught per document: the document gets a diagnostic saying
 * it could not be analysed and every other document goes on.
 */
/** The other documents an update affects (see `ProjectHost.upsert`). */
export interface Affected {
  all: string[];
  moved: string[];
}

export class ProjectHost {
  readonly project: Project;
  /**
   * Version and text of each open document as the project holds it. The text is compared
   * too (by reference first, so it costs nothing while nothing changed): a client that
   * reuses a version number, or sends versions out of order, still gets its text analysed.
   */
  private readonly analysed = new Map<string, { version: number; text: string }>();
  /** Documents with non-empty published diagnostics, so an empty list is sent when they go clean. */
  private readonly withDiagnostics = new Set<string>();
  /**
   * What was last published for each closed document, as a 53-bit digest of its JSON (the
   * JSON itself would cost hundreds of MB over thousands of documents). The engine's list of
   * affected documents is generous (every document sharing a statement key or a term),
   * so most of them come out unchanged; they are not sent again.
   */
  private readonly lastPublished = new Map<string, string>();
  /** Documents the engine threw on, with the error, shown as a diagnostic. */
  private readonly failed = new Map<string, string>();
  /** Counters for `policyLint/stats`: how much work edits cause. */
  readonly counters = { upserts: 0, publishes: 0 };
  /** Called whenever a document's results are up for publishing: what the project holds may have changed. */
  onWillPublish?: () => void;

  constructor(private readonly o: ProjectHostOptions) {
    this.project = new Project(o.config.resolved);
    this.project.onRuleError = (e) =>
      o.log.once('error', `rule:${e.ruleId}`, `Rule ${e.ruleId} failed on ${e.uri} and was skipped there (other rules still ran; later failures of this rule are not logged again): ${errorText(e.error)}`);
  }

  get publishedCount(): number {
    return this.withDiagnostics.size;
  }

  openDocument(uri: string): TextDocument | undefined {
    const doc = this.o.documents.get(uri);
    return doc && isLintable(doc) ? doc : undefined;
  }

  /**
   * Adds or replaces a document's text. Returns the other documents whose findings may have
   * changed (`all`), and those among them whose findings changed only in where related
   * locations point (`moved`: statements or terms of this document moved), which can wait
   * for a typing pause.
   */
  upsert(uri: string, text: string, options: UpsertOptions = {}): Affected {
    this.counters.upserts++;
    try {
      // Documents not open in the editor keep lean models: a workspace of thousands must fit in memory.
      const { model, affected, moved } = this.project.upsert(uri, text, { lean: true, ...options });
      this.failed.delete(uri);
      // Logged once per problem (not on every keystroke); the diagnostic shows it in the document.
      for (const p of model.problems) {
        const line = p.range ? p.range.start.line + 1 : 1;
        this.o.log.once('warn', `front-matter:${uri}:${line}:${p.message}`, `${uri}:${line}: ${p.message}`);
      }
      return { all: affected, moved };
    } catch (e) {
      this.o.log.error(`Could not analyse ${uri}: ${errorText(e)}`);
      this.failed.set(uri, (e as Error)?.message ?? String(e));
      return { all: this.safeRemove(uri), moved: [] };
    }
  }

  remove(uri: string): string[] {
    this.failed.delete(uri);
    this.analysed.delete(uri);
    return this.safeRemove(uri);
  }

  /**
   * Brings the project up to date with an open document. Returns the affected other
   * documents, or undefined when the project already holds this version.
   */
  syncOpen(uri: string): Affected | undefined {
    const doc = this.openDocument(uri);
    if (!doc) return undefined;
    if (this.holds(uri, doc)) return undefined;
    const text = doc.getText();
    this.analysed.set(uri, { version: doc.version, text });
    if (!this.o.config.scope.isPolicyDocument(uri, text)) return { all: this.project.has(uri) ? this.safeRemove(uri) : [], moved: [] };
    return this.upsert(uri, text, { editing: true });
  }

  /** Whether an open document has changes the project does not hold yet. */
  isStale(uri: string): boolean {
    const doc = this.openDocument(uri);
    return !!doc && !this.holds(uri, doc);
  }

  /** Whether an open document has been analysed at some version since it was opened. */
  hasAnalysed(uri: string): boolean {
    return this.analysed.has(uri);
  }

  forgetOpen(uri: string): void {
    this.analysed.delete(uri);
  }

  /** Whether the project holds the open document's current version and text. */
  private holds(uri: string, doc: TextDocument): boolean {
    const a = this.analysed.get(uri);
    return !!a && a.version === doc.version && a.text === doc.getText();
  }

  /**
   * Publishes the current findings of a document. Skipped for an open document whose
   * newest version is not analysed yet: its own pending run will publish, and a result
   * for an older version is never shown.
   */
  publish(uri: string): void {
    const doc = this.openDocument(uri);
    if (doc && !this.holds(uri, doc)) return;
    this.onWillPublish?.();
    const diagnostics = this.diagnosticsFor(uri, doc?.version);
    if (!diagnostics.length && !doc && !this.withDiagnostics.has(uri)) return;
    if (!doc) {
      // A digest, not the JSON: thousands of closed documents' diagnostics would cost hundreds of MB.
      const published = digest(JSON.stringify(diagnostics));
      if (this.lastPublished.get(uri) === published) return;
      if (diagnostics.length) this.lastPublished.set(uri, published);
      else this.lastPublished.delete(uri);
    } else {
      this.lastPublished.delete(uri);
    }
    this.counters.publishes++;
    if (diagnostics.length) this.withDiagnostics.add(uri);
    else this.withDiagnostics.delete(uri);
    void this.o.connection.sendDiagnostics({ uri, version: doc?.version, diagnostics });
  }

  /** Every document that may need (re)publishing: indexed, open, or showing diagnostics. */
  publishable(): string[] {
    return [...new Set([...this.project.uris(), ...this.withDiagnostics, ...this.failed.keys()])];
  }

  private diagnosticsFor(uri: string, version: number | undefined): Diagnostic[] {
    const settings = this.o.config.settingsFor(uri);
    if (!settings.enable) return [];
    const failure = this.failed.get(uri);
    if (failure !== undefined) {
      return [{
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 1,
        code: INTERNAL_ERROR_CODE,
        source: DIAGNOSTIC_SOURCE,
        message: `Policy Lint could not analyse this document (${failure}). Other documents are not affected; please report this with the document.`,
      }];
    }
    const model = this.project.model(uri);
    if (!model) return [];
    let findings: Finding[];
    try {
      findings = this.project.findings(uri);
    } catch (e) {
      this.o.log.once('error', `findings:${uri}:${(e as Error)?.message}`, `Could not compute findings for ${uri}: ${errorText(e)}`);
      findings = [];
    }
    const options = { docLink: (id: string) => this.o.docLinks.link(id, settings.docsBaseUrl), relatedInformation: this.o.relatedInformation, version };
    return [...model.problems.map((p) => problemToDiagnostic(p, FRONT_MATTER_CODE)), ...findings.map((f) => findingToDiagnostic(f, options))];
  }

  private safeRemove(uri: string): string[] {
    try {
      return this.project.remove(uri);
    } catch (e) {
      this.o.log.error(`Could not remove ${uri} from the index: ${errorText(e)}`);
      return [];
    }
  }
}

export function isLintable(doc: TextDocument): boolean {
  return doc.languageId === 'markdown' || isMarkdownPath(doc.uri);
}
