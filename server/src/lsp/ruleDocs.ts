import { ruleDocUrl } from '../engine';
import type { ServerHost } from './host';

/**
 * Where "Show documentation" and `codeDescription.href` point for a rule:
 * 1. `policyLint.docsBaseUrl` when set (`<base>/<id>.md`, or `{id}` replaced);
 * 2. the doc page shipped with the server (under Node, `<bundle>/../docs/rules/<id>.md`),
 *    so the extension opens the page offline and at the version that produced the finding;
 * 3. the engine's public URL.
 */
export class RuleDocLinks {
  constructor(private readonly host: Pick<ServerHost, 'localRuleDoc'>) {}

  link(ruleId: string, docsBaseUrl: string): string {
    if (docsBaseUrl) {
      if (docsBaseUrl.includes('{id}')) return docsBaseUrl.split('{id}').join(encodeURIComponent(ruleId));
      return `${docsBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(ruleId)}.md`;
    }
    return this.host.localRuleDoc(ruleId) ?? ruleDocUrl(ruleId);
  }
}
