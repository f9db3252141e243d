import { Project, type DocumentFacts, type Finding, type ResolvedConfig } from '../engine';
import { fileUri } from './paths';

/** A document of the run: its file, its text as analysed, and what it was on disk. */
export interface LintDocument {
  uri: string;
  file: string;
  /** The text analysed; fixes change it, the file on disk keeps `original` until written. */
  text: string;
  original: string;
  /** The file began with a UTF-8 byte order mark; it is kept when the file is written back. */
  bom: boolean;
}

/** Something that went wrong with one file (or one rule on one file); the run goes on. */
export interface FileFailure {
  file: string;
  message: string;
}

/**
 * All documents of one CLI run in one Project, so cross-document rules see every file.
 * Any exception while analysing one document is caught and recorded against that file;
 * the document leaves the project and the other files are analysed as usual.
 */
export class LintSession {
  readonly project: Project;
  private readonly docs = new Map<string, LintDocument>();
  readonly failures: FileFailure[] = [];

  constructor(resolved: ResolvedConfig, createProject: (r: ResolvedConfig) => Project = (r) => new Project(r, { shareSentenceAnalyses: true })) {
    this.project = createProject(resolved);
    this.project.onRuleError = (e) => {
      const error = e.error instanceof Error ? e.error.message : String(e.error);
      this.failures.push({ file: this.docs.get(e.uri)?.file ?? e.uri, message: `rule ${e.ruleId} failed and was skipped for this file: ${error}` });
    };
  }

  /** Adds a file read from disk. Returns false when analysing it threw (the failure is recorded). */
  add(file: string, text: string, bom: boolean): boolean {
    const doc: LintDocument = { uri: fileUri(file), file, text, original: text, bom };
    this.docs.set(doc.uri, doc);
    if (this.analyse(doc, text)) return true;
    this.docs.delete(doc.uri);
    return false;
  }

  /** Adds a file analysed on a worker thread, from its facts (see parallel.ts). */
  addAnalysed(file: string, facts: DocumentFacts, bom: boolean): void {
    const text = facts.model.text;
    this.docs.set(facts.model.uri, { uri: facts.model.uri, file, text, original: text, bom });
    this.project.addFacts(facts);
  }

  /** Records a file that could not be analysed elsewhere, or a rule that failed on it. */
  recordFailure(file: string, message: string): void {
    this.failures.push({ file, message });
  }

  /** Replaces a document's text. On failure the previous text is restored and false returned. */
  update(uri: string, text: string): boolean {
    const doc = this.docs.get(uri);
    if (!doc) return false;
    const previous = doc.text;
    if (this.analyse(doc, text)) {
      doc.text = text;
      return true;
    }
    if (!this.analyse(doc, previous)) this.docs.delete(uri);
    return false;
  }

  documents(): LintDocument[] {
    return [...this.docs.values()];
  }

  document(uri: string): LintDocument | undefined {
    return this.docs.get(uri);
  }

  /** Findings of one document; a document whose findings cannot be computed yields none and a failure. */
  findingsFor(uri: string): Finding[] {
    const doc = this.docs.get(uri);
    if (!doc) return [];
    try {
      return this.project.findings(uri);
    } catch (e) {
      this.fail(doc, e);
      return [];
    }
  }

  allFindings(): Finding[] {
    return this.documents().flatMap((d) => this.findingsFor(d.uri));
  }

  private analyse(doc: LintDocument, text: string): boolean {
    try {
      this.project.upsert(doc.uri, text, { trackAffected: false }); // every finding is asked for afterwards
      return true;
    } catch (e) {
      this.fail(doc, e);
      try {
        this.project.remove(doc.uri);
      } catch {
        // The project could not even drop it; its findings are no longer asked for.
      }
      return false;
    }
  }

  private fail(doc: LintDocument, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.failures.push({ file: doc.file, message: `could not be analysed: ${message}` });
  }
}
