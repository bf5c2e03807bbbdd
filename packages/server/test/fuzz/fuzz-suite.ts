// One fuzz test per family on the given database, then a readiness check: the bounded, seeded
// slice `pnpm test` runs (the case counts are the families' `cases`, about 1,500 requests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/index.ts';
import { families } from './families.ts';
import { KNOWN_DEFECTS } from './known-defects.ts';
import { checkMetricLabels } from './metric-labels.ts';
import { describeViolations, type Tally } from './property.ts';
import { type FuzzDatabase, type FuzzTarget, runFamily, startFuzzTarget } from './run-fuzz.ts';

/** Empty when the run met the property; otherwise the counts and a reproduction of each violation. */
export function violationReport(tally: Tally): string {
  if (tally.violations.length === 0) return '';
  return [
    `${tally.serverErrors} 5xx, ${tally.nonProblems} errors that are not problems, ${tally.noAnswers} without an answer, ` +
      `${tally.unexpectedStatuses} statuses the contract does not give, in ${tally.cases} cases`,
    describeViolations(tally.violations),
  ].join('\n');
}

export function describeFuzzSuite(database: FuzzDatabase): void {
  describe(`fuzzing the five operations on ${database}`, () => {
    let target: FuzzTarget;
    beforeAll(async () => {
      target = await startFuzzTarget(database);
    }, 60_000);
    afterAll(async () => {
      await target?.close();
    });

    for (const family of families) {
      const defect = KNOWN_DEFECTS[family.name];
      const known = defect?.databases.includes(database) ?? false;
      const title = `when ${family.cases} requests bring ${family.summary}, then no 5xx, every error is a problem and statuses are the contract's`;
      const run = async () => {
        const tally = await runFamily(target, family);
        expect(tally.cases).toBe(family.cases);
        expect(violationReport(tally)).toBe('');
      };
      if (known) it.fails(`${title} [known failure, issue 12 defect ${defect?.issueItem}]`, run, 120_000);
      else it(title, run, 120_000);
    }

    // Issue 12, defect 3: "refuse control characters where the contract takes names and IDs, on
    // both databases alike" (before 8247d3f: 422 on SQLite, 500 on PostgreSQL).
    it('when the connection name holds a NUL, then the request is refused as invalid (400)', async () => {
      const response = await target.http.send({
        family: 'issue-12-defect-3',
        method: 'PATCH',
        path: `/v1/cckm/sfdc/organizations/${DEMO.organizations.thales.id}`,
        headers: { authorization: `Bearer ${target.tokens.admin}`, 'content-type': 'application/json' },
        body: '{"connection":"a\\u0000b"}',
      });
      expect({ status: response.status, type: JSON.parse(response.body).type }).toEqual({
        status: 400,
        type: expect.stringMatching(/problem:validation-failed$/),
      });
    });

    it('when the fuzzing is over, then /readyz still answers 200', async () => {
      expect(await target.readyz()).toBe(200);
    });

    // Issue 24: whatever the requests held, the metrics' labels are values the server chose.
    it('when the fuzzing is over, then every metric label is a bounded value, never an ID', async () => {
      const { problems, series } = checkMetricLabels(await target.metrics());
      expect(problems).toEqual([]);
      expect(series).toBeGreaterThan(0);
      expect(series).toBeLessThan(1_000);
    });
  });
}
