import * as assert from 'node:assert/strict';
import { DEFAULT_POLICY_GLOBS, hasPolicyFrontMatter, PolicyDocumentMatcher } from '../../../client/src/policyDocuments';

describe('client: which documents are policy documents', () => {
  const matcher = new PolicyDocumentMatcher(DEFAULT_POLICY_GLOBS);
  const md = (path: string | undefined, text = '# Notes\n', scheme = 'file', languageId = 'markdown') => matcher.isPolicyDocument({ path, text, scheme, languageId });

  it('matches the default globs, relative to the workspace folder', () => {
    assert.ok(md('guidance.policy.md'));
    assert.ok(md('docs/sc/guidance.policy.md'));
    assert.ok(md('policies/2024/sharing.md'));
    assert.ok(md('org/policy/reporting.md'));
    assert.ok(md('.github/policies/a.md'), 'dot folders too');
    assert.ok(!md('README.md'));
    assert.ok(!md('docs/policy-notes.md'));
    assert.ok(!md('policies/data.json', '{}', 'file', 'json'), 'only Markdown');
  });

  it('matches files outside the workspace by their absolute path, on any platform', () => {
    assert.ok(md('/home/ana/drafts/policies/x.md'));
    assert.ok(md('C:\\Users\\ana\\policies\\x.md'));
    assert.ok(!md('/home/ana/drafts/x.md'));
  });

  it('takes any Markdown file whose front matter says policy: true, saved or untitled', () => {
    const text = '---\ntitle: Sharing\npolicy: true # marks it\n---\n# Sharing\n';
    assert.ok(md('notes/sharing.md', text));
    assert.ok(md(undefined, text, 'untitled'));
    assert.ok(!md(undefined, '# Untitled\n', 'untitled'));
    assert.ok(!md('x.md', text, 'git'), 'not other schemes (diff views)');
  });

  it('reads policy: true only at the top level of leading front matter', () => {
    assert.ok(hasPolicyFrontMatter('---\npolicy: true\n---\n'));
    assert.ok(hasPolicyFrontMatter('\uFEFF---\r\npolicy: True\r\n---\r\nbody'));
    assert.ok(hasPolicyFrontMatter('---\npolicy: true\n...\n'));
    assert.ok(!hasPolicyFrontMatter('---\npolicy: false\n---\n'));
    assert.ok(!hasPolicyFrontMatter('---\npolicy: "true"\n---\n'), 'a string is not the boolean');
    assert.ok(!hasPolicyFrontMatter('---\nmeta:\n  policy: true\n---\n'), 'nested key');
    assert.ok(!hasPolicyFrontMatter('# Title\n\n---\npolicy: true\n---\n'), 'not at the start');
    assert.ok(!hasPolicyFrontMatter('---\npolicy: true\n'), 'never closed');
  });

  it('uses the configured globs only, and ignores empty ones', () => {
    const custom = new PolicyDocumentMatcher(['guidance/*.md', '']);
    assert.ok(custom.matchesPath('guidance/a.md'));
    assert.ok(!custom.matchesPath('guidance/sub/a.md'));
    assert.ok(!custom.matchesPath('a.policy.md'));
    assert.ok(!new PolicyDocumentMatcher([]).matchesPath('a.policy.md'));
  });
});
