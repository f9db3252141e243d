import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { ruleDocUrl } from '../engine';

/**
 * Where "Show documentation" and `codeDescription.href` point for a rule:
 * 1. `policyLint.docsBaseUrl` when set (`<base>/<id>.md`, or `{id}` replaced);
 * 2. the doc page shipped next to the bundle (`<bundle>/../docs/rules/<id>.md`), so the
 *    extension opens the page offline and at the version that produced the finding;
 * 3. the engine's public URL.
 */
export class RuleDocLinks {
  private readonly local = new Map<string, string | undefined>();

  constructor(private readonly localDocsDir: string | undefined) {}

  link(ruleId: string, docsBaseUrl: string): string {
    if (docsBaseUrl) {
      if (docsBaseUrl.includes('{id}')) return docsBaseUrl.split('{id}').join(encodeURIComponent(ruleId));
      return `${docsBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(ruleId)}.md`;
    }
    return this.localPage(ruleId) ?? ruleDocUrl(ruleId);
  }

  private localPage(ruleId: string): string | undefined {
    if (!this.localDocsDir) return undefined;
    if (!this.local.has(ruleId)) {
      const file = path.join(this.localDocsDir, `${ruleId}.md`);
      this.local.set(ruleId, fs.existsSync(file) ? URI.file(file).toString() : undefined);
    }
    return this.local.get(ruleId);
  }
}
