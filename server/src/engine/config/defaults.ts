import type { PolicyLintConfig } from './types';

/**
 * The one defaults file. Every value here is documented in docs/configuration.md and
 * overridable in `.policylintrc.{json,yaml,yml}` or `policy-lint.config.{json,yaml}`.
 */
export function defaultConfig(): PolicyLintConfig {
  return {
    labels: {
      mandatory: ['Mandatory', 'Required'],
      optional: ['Optional', 'Voluntary'],
    },
    participants: [
      'state', 'states', 'local jurisdiction', 'local jurisdictions', 'jurisdiction', 'jurisdictions',
      'locality', 'localities', 'county', 'counties', 'city', 'cities', 'municipality', 'municipalities',
      'tribe', 'tribes', 'tribal government', 'tribal governments', 'territory', 'territories',
      'agency', 'agencies', 'law enforcement agency', 'law enforcement agencies', 'department', 'departments',
      'employee', 'employees', 'staff', 'personnel', 'contractor', 'contractors', 'vendor', 'vendors',
      'grantee', 'grantees', 'subgrantee', 'subgrantees', 'recipient', 'recipients', 'subrecipient', 'subrecipients',
      'applicant', 'applicants', 'participant', 'participants', 'partner', 'partners', 'member', 'members',
      'organization', 'organizations', 'provider', 'providers', 'user', 'users', 'licensee', 'licensees',
      'facility', 'facilities', 'school', 'schools', 'district', 'districts', 'developer', 'developers',
      'customer', 'customers', 'party', 'parties', 'maintainer', 'maintainers', 'you',
    ],
    issuers: ['we', 'us', 'the department', 'the agency', 'the program office', 'the office', 'the administration'],
    informativeSections: [
      'Background', 'Purpose', 'Intent', 'Definitions', 'Authority', 'History', 'References', 'Summary',
      'Overview', 'Introduction', 'Glossary', 'Contact', 'Contacts', 'Revision history', 'Change log',
      'Changelog', 'Footnotes', 'Notes', 'Table of contents', 'Lessons learned', 'Inquiries', 'Further information',
    ],
    participationColumns: ['Participation', 'Status', 'Mandatory/Optional', 'Required/Optional', 'Requirement'],
    terms: [
      { variants: ['opt out', 'opt-out', 'optout'], meaning: 'A participant declines to take part in a program or aspect that is optional for it.' },
      { variants: ['opt in', 'opt-in', 'optin'], meaning: 'A participant chooses to take part in a program or aspect that is optional for it.' },
      { variants: ['non-participating', 'nonparticipating'], meaning: 'Describes a participant that has not taken part in an optional program or aspect.' },
      { variants: ['non-participation', 'nonparticipation'] },
      { variants: ['non-participant', 'nonparticipant'] },
      { variants: ['non-mandatory', 'nonmandatory'] },
      { variants: ['non-compliance', 'noncompliance'] },
    ],
    templates: {
      guidance: {
        description: 'Participation guidance, as the inspector general recommended: intent, which aspects are mandatory and which optional, how to opt out, oversight, and lessons learned.',
        sections: [
          { name: 'Intent', aliases: ['Intent and expectations', 'Purpose and intent'] },
          { name: 'Mandatory aspects', aliases: ['Mandatory requirements', 'Required aspects'] },
          { name: 'Optional aspects', aliases: ['Optional arrangements', 'Optional elements'] },
          { name: 'Opt-out procedure', aliases: ['Opting out', 'How to opt out'] },
          { name: 'Oversight', aliases: ['Oversight and support', 'Oversight and support protocol'] },
          { name: 'Lessons learned', aliases: ['Lessons learned plan'] },
        ],
      },
    },
    defaultTemplate: '',
    rules: {},
    include: ['**/*.md'],
    exclude: ['**/node_modules/**', '**/.git/**', '**/CHANGELOG.md'],
    programs: [],
  };
}
