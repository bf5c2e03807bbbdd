// The performance targets as a table: goal, what the run measured, met or missed.
import { fixed, table } from './table.ts';

export interface Target {
  name: string;
  goal: string;
  /** What this run measured; undefined when the part that measures it did not run. */
  at: number | undefined;
  met: (value: number) => boolean;
  digits: number;
}

export function targetsTable(targets: Target[], quick: boolean): string {
  return table(
    quick ? 'Targets (quick run: figures are not comparable, see a full run)' : 'Targets',
    ['target', 'goal', 'measured', 'result'],
    targets.map((target) => [
      target.name,
      target.goal,
      target.at === undefined ? 'not measured' : fixed(target.at, target.digits),
      target.at === undefined ? '–' : target.met(target.at) ? 'met' : 'missed',
    ]),
  );
}
