// The shaping of schema errors shared by the server and @cckm/msw: oneOf noise dropped, each
// error once, at most MAX_LISTED_ERRORS listed, the xor rule named by the body's alternatives.
import { describe, expect, test } from 'vitest';
import { bodyAlternatives, MAX_LISTED_ERRORS, openapiDocument, validationErrors } from '../src/index.ts';

const sfdcJobBody =
  openapiDocument.paths['/v1/cckm/sfdc/keys/synchronization-jobs']?.post?.requestBody?.content?.[
    'application/json'
  ]?.schema;
const alternatives = bodyAlternatives(openapiDocument, sfdcJobBody);

describe('validationErrors', () => {
  test('when the Salesforce job body is read, then its alternatives are named by their fields', () => {
    expect(alternatives.map((alternative) => alternative.name)).toEqual([
      'organization_ids',
      'synchronize_all: true',
    ]);
  });

  test('when a body breaks the oneOf, then the branch noise goes and the xor rule is named once', () => {
    const { errors, detail } = validationErrors(
      [
        { path: '/body', message: 'must match exactly one schema in oneOf' },
        { path: '/body', message: "must have required property 'organization_ids'" },
        { path: '/body/synchronize_all', message: 'must be equal to constant' },
        { path: '/body/colour', message: 'must NOT have additional properties' },
        { path: '/body/colour', message: 'must NOT have additional properties' },
      ],
      alternatives,
      { colour: 'red' },
    );
    expect(errors).toEqual([
      { path: '/body/colour', message: 'must NOT have additional properties' },
      { path: '/body', message: 'must have exactly one of organization_ids or synchronize_all: true' },
    ]);
    expect(detail).toBe(
      'body.colour must NOT have additional properties; body must have exactly one of organization_ids or synchronize_all: true',
    );
  });

  test('when there are more errors than may be listed, then the rest are counted in a last entry', () => {
    const raw = Array.from({ length: MAX_LISTED_ERRORS + 1_234 }, (_, n) => ({
      path: `/body/organization_ids/${n}`,
      message: 'must match format "uuid"',
    }));
    const { errors } = validationErrors(raw, [], {});
    expect(errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(errors.at(-1)).toEqual({ path: '/body', message: 'and 1,234 more errors' });
  });
});
