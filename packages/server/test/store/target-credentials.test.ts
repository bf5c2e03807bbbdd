// The reads a sync makes before logging in: organizations and SAP groups by resource ID, several
// at once, each with its connection's stored credentials, on both dialects.
import { describe, expect, test } from 'vitest';
import { DIALECTS, statementsOf, storeSuite } from './dialects.ts';

const NOW = '2026-01-01T00:00:00.000000Z';

describe.each(DIALECTS)('on %s, reading targets with their credentials', (_name, open) => {
  const suite = storeSuite(open, async (_store, db) => {
    await db
      .insertInto('connections')
      .values(
        [
          ['c1', 'sfdc'],
          ['c2', 'sfdc'],
          ['c3', 'sap'],
        ].map(([id, cloud]) => ({
          id: id as string,
          domain_id: 'd1',
          name: `connection ${id}`,
          cloud: cloud as 'sfdc' | 'sap',
          settings: `{"instance":"${id}"}`,
          sealed_secret: `sealed ${id}`,
          created_at: NOW,
          updated_at: NOW,
        })),
      )
      .execute();
    await db
      .insertInto('sfdc_organizations')
      .values(
        ['o1', 'o2', 'o3'].map((id, n) => ({
          id,
          domain_id: 'd1',
          name: `org ${id}`,
          organization_id: `00D00000000000${n}`,
          connection_id: n === 2 ? 'c2' : 'c1',
          type: 'Regular' as const,
          account: 'a',
          application: 'b',
          dev_account: 'c',
          created_at: NOW,
          updated_at: NOW,
        })),
      )
      .execute();
    await db
      .insertInto('sap_groups')
      .values(
        ['g1', 'g2'].map((id) => ({
          id,
          domain_id: 'd1',
          group_id: `sap-${id}`,
          name: `group ${id}`,
          connection_id: 'c3',
          created_at: NOW,
          updated_at: NOW,
        })),
      )
      .execute();
  });

  test('when two organizations and a missing one are read, then one statement returns the two, each with its own connection', async () => {
    let rows: { id: string; connection_name: string; settings: string; sealed_secret: string | null }[] = [];
    // Three IDs: padded to four in the statement, so the padding reaches the database.
    const statements = await statementsOf(suite.subject, async () => {
      rows = await suite.store.organizations.getManyWithCredentials(['o3', 'missing', 'o1']);
    });
    expect(statements).toHaveLength(1);
    expect(rows.map((row) => [row.id, row.connection_name, row.settings, row.sealed_secret]).sort()).toEqual([
      ['o1', 'connection c1', '{"instance":"c1"}', 'sealed c1'],
      ['o3', 'connection c2', '{"instance":"c2"}', 'sealed c2'],
    ]);
    expect(await suite.store.organizations.getManyWithCredentials([])).toEqual([]);
  });

  test('when SAP groups are read, then one statement returns each with its connection, and a missing one is left out', async () => {
    let rows: { id: string; group_id: string; connection_cloud: string; sealed_secret: string | null }[] = [];
    const statements = await statementsOf(suite.subject, async () => {
      rows = await suite.store.sapKeys.getGroupsWithCredentials(['g2', 'g1', 'missing']);
    });
    expect(statements).toHaveLength(1);
    expect(rows.map((row) => [row.id, row.group_id, row.connection_cloud, row.sealed_secret]).sort()).toEqual(
      [
        ['g1', 'sap-g1', 'sap', 'sealed c3'],
        ['g2', 'sap-g2', 'sap', 'sealed c3'],
      ],
    );
  });
});
