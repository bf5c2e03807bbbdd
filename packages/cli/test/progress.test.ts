import type { SynchronizationJob } from '@cckm/client';
import { describe, expect, test } from 'vitest';
import { createProgress, progressFrame } from '../src/index.ts';
import { captureStream } from './helpers.ts';

const ORGS = ['00DB000000040bIMAQ', '00DB000000040bIMAX'];
const job = (
  overall_status: SynchronizationJob['overall_status'],
  detailed_status?: Record<string, string>,
) =>
  ({
    id: 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
    uri: 'kylo:kylo:cckm:synchronize:c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
    account: 'kylo:kylo:admin:accounts:kylo',
    application: 'ncryptify:gemalto:admin:apps:kylo',
    devAccount: 'ncryptify:gemalto:admin:accounts:gemalto',
    createdAt: '2021-07-27T03:06:20.002297124Z',
    updatedAt: '2021-07-27T03:06:20.002297124Z',
    overall_status,
    ...(detailed_status ? { detailed_status } : {}),
    cloud: 'sfdc',
    kms: ORGS,
    abort: false,
  }) satisfies SynchronizationJob;

describe('progress', () => {
  test('when stdout is not a terminal, then each change is printed once, in order, without escapes', () => {
    const stream = captureStream(false);
    let clock = 0;
    const progress = createProgress(stream, () => clock);
    progress.update(job('in_progress'));
    clock = 1_000;
    progress.update(job('in_progress', { [ORGS[0] as string]: 'synchronized 4 tenant secrets' }));
    progress.update(job('in_progress', { [ORGS[0] as string]: 'synchronized 4 tenant secrets' }));
    clock = 2_000;
    progress.update(
      job('completed', {
        [ORGS[0] as string]: 'synchronized 4 tenant secrets',
        [ORGS[1] as string]: 'no secrets',
      }),
    );
    progress.stop();
    expect(stream.text()).toBe(
      [
        '[0s] job c8d2f27b-fb4f-4557-b63c-00d4a1439c4a in_progress (2 organizations)',
        '[1s]   00DB000000040bIMAQ: synchronized 4 tenant secrets',
        '[2s]   00DB000000040bIMAX: no secrets',
        '[2s] job c8d2f27b-fb4f-4557-b63c-00d4a1439c4a completed (2 organizations)',
        '',
      ].join('\n'),
    );
  });

  test('when a frame is drawn, then organizations not yet handled show as waiting', () => {
    const frame = progressFrame(
      job('in_progress', { [ORGS[1] as string]: 'synchronized 1 tenant secret' }),
      '⠋',
      3_200,
    );
    expect(frame.split('\n')).toEqual([
      '⠋ Job c8d2f27b-fb4f-4557-b63c-00d4a1439c4a in_progress: 1 of 2 organizations handled (3s)',
      '  · 00DB000000040bIMAQ  waiting',
      '  • 00DB000000040bIMAX  synchronized 1 tenant secret',
    ]);
    expect(progressFrame(job('failed'), '⠋', 0)).toMatch(/^✖ Job \S+ failed/);
  });

  test('when a terminal has no size, then plain lines are printed instead of a redrawn block', () => {
    const stream = { ...captureStream(true), columns: 0, rows: 0 };
    const progress = createProgress(stream, () => 0);
    progress.update(job('completed'));
    progress.stop();
    expect(stream.text()).toBe('[0s] job c8d2f27b-fb4f-4557-b63c-00d4a1439c4a completed (2 organizations)\n');
  });
});
