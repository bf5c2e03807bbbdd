// The Prefer header: parsed as RFC 7240 writes it, and checked against the contract so that a
// status or an example the operation lacks is a 400 that lists what it has.
import { contractOperations, openapiDocument } from '@cckm/api-types';
import { ProblemError } from '@cckm/server';
import { describe, expect, test } from 'vitest';
import { checkPreferences, exampleNamesOf, formatPrefer, parsePrefer } from '../src/prefer.ts';

const operation = (id: string) => {
  const found = contractOperations(openapiDocument).find((entry) => entry.operation.operationId === id);
  if (!found) throw new Error(id);
  return found.operation;
};
const create = operation('createSfdcSynchronizationJob');
const list = operation('listSfdcSynchronizationJobs');

function refusal(header: string, of = create) {
  try {
    checkPreferences(of, parsePrefer(header));
    return undefined;
  } catch (error) {
    const problem = error as ProblemError;
    expect(problem).toBeInstanceOf(ProblemError);
    expect(problem.status).toBe(400);
    return { detail: problem.detail, errors: problem.extras.errors };
  }
}

describe('Prefer', () => {
  test('when it is parsed, then names are lower-cased, quotes dropped and parameters ignored', () => {
    const preferences = parsePrefer('Code=422, example="unknownOrganization"; x=1, dynamic');
    expect([...preferences]).toEqual([
      ['code', '422'],
      ['example', 'unknownOrganization'],
      ['dynamic', ''],
    ]);
    expect(formatPrefer(preferences)).toBe('code=422, example=unknownOrganization, dynamic');
  });

  test('when the code and example exist, then nothing is refused; 422 examples are found', () => {
    expect(refusal('code=422, example=noOrganizations')).toBeUndefined();
    expect(refusal('code=401, example=expiredToken')).toBeUndefined();
    expect(refusal('example=jobStarted')).toBeUndefined();
    expect(exampleNamesOf(create, '422')).toEqual(['unknownOrganization', 'noOrganizations']);
  });

  test('when the example does not exist, then the 400 lists the names of that status', () => {
    expect(refusal('code=422, example=bogus')).toEqual({
      detail:
        'Prefer: example=bogus is not an example of the 422 response of createSfdcSynchronizationJob; use unknownOrganization or noOrganizations',
      errors: [
        {
          path: '/headers/prefer',
          message:
            'must name an example of the 422 response of createSfdcSynchronizationJob: use unknownOrganization or noOrganizations',
        },
      ],
    });
  });

  test('when the code is not one the operation documents, then the 400 lists its statuses', () => {
    expect(refusal('code=422', list)?.errors).toEqual([
      {
        path: '/headers/prefer',
        message: 'must name a status of listSfdcSynchronizationJobs: 200, 304, 400, 401, 403, 500',
      },
    ]);
    expect(refusal('code=abc')?.detail).toContain('201, 400, 401, 403, 409, 415, 422 or 500');
    expect(refusal('dynamic=maybe')?.errors?.[0]?.message).toBe('dynamic must be true or false');
  });
});
