import { RULES } from '../rules';

/**
 * The JSON schema of the configuration file, built from rule metadata so that a new
 * rule or option is in the schema the moment it exists. `npm run gen` writes it to
 * schemas/policy-lint.schema.json (used by VS Code's jsonValidation); a test fails
 * when the written file drifts from this.
 */
export function configSchema(): Record<string, unknown> {
  const stringList = (description: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });
  const severity = { enum: ['error', 'warning', 'info', 'hint', 'off'] };
  const ruleProps: Record<string, unknown> = {};
  for (const rule of RULES) {
    const options: Record<string, unknown> = {};
    for (const [name, o] of Object.entries(rule.options)) options[name] = { type: o.type, default: o.default, description: o.description };
    ruleProps[rule.id] = {
      description: `${rule.summary} (default: ${rule.defaultSeverity})`,
      oneOf: [
        { ...severity, description: 'Severity of the rule.' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            severity: { ...severity, description: `Severity of the rule; default ${rule.defaultSeverity}.` },
            options: { type: 'object', additionalProperties: false, properties: options },
          },
        },
      ],
    };
  }
  const aspect = {
    type: 'object',
    required: ['name', 'status'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, description: 'Name of the program or aspect as documents write it.' },
      aliases: stringList('Other names documents use for it.'),
      status: { enum: ['mandatory', 'optional'], description: 'Declared participation status.' },
      description: { type: 'string' },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://policy-lint.dev/schemas/policy-lint.schema.json',
    title: 'Policy Lint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      labels: {
        type: 'object',
        additionalProperties: false,
        description: 'Words that label a clause or section as mandatory or optional. The first of each list is used by fixes.',
        properties: { mandatory: stringList('Mandatory label words.'), optional: stringList('Optional label words.') },
      },
      participants: stringList('Nouns naming who documents address (states, local jurisdictions…). Replaces the default list.'),
      issuers: stringList('Nouns naming the issuer; its own commitments need no label.'),
      informativeSections: stringList('Headings of sections that only inform and need no labels.'),
      participationColumns: stringList('Table column headings that carry a participation status.'),
      terms: {
        type: 'array',
        description: 'Participation terms and their spellings. Replaces the default list.',
        items: {
          type: 'object',
          required: ['variants'],
          additionalProperties: false,
          properties: {
            preferred: { type: 'string', minLength: 1, description: 'The one form to use. Without it, the form used most wins.' },
            variants: { ...stringList('Spellings of the term; spacing and hyphen variants are found without listing them.'), minItems: 1 },
            meaning: { type: 'string', description: 'What the term means here; shown on hover.' },
          },
        },
      },
      templates: {
        type: 'object',
        description: 'Section templates, by name. A document picks one with `template:` in front matter.',
        additionalProperties: {
          type: 'object',
          required: ['sections'],
          additionalProperties: false,
          properties: {
            description: { type: 'string' },
            sections: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name'],
                additionalProperties: false,
                properties: { name: { type: 'string', minLength: 1 }, aliases: stringList('Other headings that count as this section.') },
              },
            },
          },
        },
      },
      defaultTemplate: { type: 'string', description: 'Template for documents that name none; empty for none.' },
      rules: { type: 'object', additionalProperties: false, properties: ruleProps, description: 'Severity and options per rule.' },
      include: stringList('Globs of policy documents, relative to the config file.'),
      exclude: stringList('Globs to leave out.'),
      programs: {
        type: 'array',
        description: 'Registry of programs and aspects with their declared participation status.',
        items: { ...aspect, properties: { ...aspect.properties, aspects: { type: 'array', items: aspect } } },
      },
    },
  };
}
