// The permission table comes from the contract: each operation's `x-cckm-groups`, which its prose
// ("Requires the group ...") must state the same way.
import { contractOperations, openapiDocument } from '@cckm/api-types';
import { describe, expect, test } from 'vitest';
import { PERMISSIONS } from '../../src/index.ts';

const operations = contractOperations(openapiDocument);

describe('permissions from the contract', () => {
  test('when the contract is read, then every operation names the groups that may call it', () => {
    expect(operations).toHaveLength(5);
    for (const { operation } of operations) {
      expect(operation['x-cckm-groups'].length, operation.operationId).toBeGreaterThan(0);
      expect(PERMISSIONS.get(operation.operationId)).toEqual(operation['x-cckm-groups']);
    }
    expect(PERMISSIONS.get('listSfdcSynchronizationJobs')).toEqual(['admin', 'CCKM Admins', 'CCKM Users']);
    expect(PERMISSIONS.get('deleteSfdcTenantSecretBackup')).toEqual(['admin', 'CCKM Admins']);
  });

  test("when an operation's description says who may call it, then it names exactly its x-cckm-groups", () => {
    for (const { operation } of operations) {
      const sentence = /Requires the group ([^.]+)\./.exec(String(operation.description))?.[1] ?? '';
      const named = [...sentence.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
      expect(named, operation.operationId).toEqual(operation['x-cckm-groups']);
    }
  });
});
