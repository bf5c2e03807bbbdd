// Start a Salesforce synchronization job, for every organization or chosen ones, then follow it
// with the client's `waitForJob` until it is completed or failed. The contract has no list of
// organizations, so the ones already seen in jobs are offered as choices, and any other can be typed.
import type { CckmClient, SfdcSynchronizationJobRequest, SynchronizationJob } from '@cckm/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { attempt, callSignal, type Failure, failureOf, fieldErrors } from '../api.ts';
import { FailureView, FieldErrors } from '../components/failure-view.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { formatDateTime, parseList } from '../format.ts';

const FIELDS = { organizations: '/body/organization_ids', scope: '/body/synchronize_all' };

export function SyncScreen({ client }: { client: CckmClient }) {
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [known, setKnown] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [started, setStarted] = useState<SynchronizationJob>();
  const [progress, setProgress] = useState<SynchronizationJob>();
  const [watchFailure, setWatchFailure] = useState<Failure>();
  const watching = useRef<AbortController | undefined>(undefined);

  // Organizations named by recent jobs, as choices.
  useEffect(() => {
    const controller = new AbortController();
    void attempt(() =>
      client.listSfdcSynchronizationJobs({ limit: 100 }, { signal: callSignal(controller.signal) }),
    ).then((outcome) => {
      if (outcome.ok && !controller.signal.aborted) {
        setKnown(
          [...new Set(outcome.data.resources.flatMap((job) => (job.cloud === 'sfdc' ? job.kms : [])))].sort(),
        );
      }
    });
    return () => controller.abort();
  }, [client]);
  useEffect(() => () => watching.current?.abort(), []);

  const watch = (job: SynchronizationJob) => {
    watching.current?.abort();
    const controller = new AbortController();
    watching.current = controller;
    setProgress(job);
    setWatchFailure(undefined);
    client
      .waitForJob(job, {
        interval: 1_000,
        timeout: 300_000,
        signal: controller.signal,
        onProgress: setProgress,
      })
      .then(setProgress)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setWatchFailure(failureOf(error));
      });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const body: SfdcSynchronizationJobRequest =
      scope === 'all'
        ? { synchronize_all: true }
        : { organization_ids: [...new Set([...chosen, ...parseList(typed)])] };
    setSubmitting(true);
    setFailure(undefined);
    const outcome = await attempt(() => client.createSfdcSynchronizationJob(body, { signal: callSignal() }));
    setSubmitting(false);
    if (outcome.ok) {
      setStarted(outcome.data);
      watch(outcome.data);
    } else {
      setFailure(outcome.failure);
    }
  };

  const { byField } = fieldErrors(failure, FIELDS);
  const toggle = (organization: string, on: boolean) =>
    setChosen(on ? [...chosen, organization] : chosen.filter((each) => each !== organization));

  return (
    <section class="screen" aria-labelledby="sync-heading">
      <header class="screen-header">
        <h2 id="sync-heading">Start a Salesforce synchronization</h2>
      </header>
      <form class="card form" onSubmit={submit} noValidate>
        <p class="help">
          Copies the tenant secrets of Salesforce organizations into the key manager. One job at a time may
          synchronize an organization.
        </p>
        <fieldset aria-describedby="scope-error">
          <legend>Organizations</legend>
          <label class="inline">
            <input
              type="radio"
              name="scope"
              value="all"
              checked={scope === 'all'}
              onChange={() => setScope('all')}
            />
            All organizations of this domain
          </label>
          <label class="inline">
            <input
              type="radio"
              name="scope"
              value="chosen"
              checked={scope === 'chosen'}
              onChange={() => setScope('chosen')}
            />
            Chosen organizations
          </label>
          <FieldErrors id="scope-error" messages={byField.scope} />
        </fieldset>
        {scope === 'chosen' && (
          <div class="chosen">
            {known.length > 0 && (
              <fieldset>
                <legend>Seen in recent jobs</legend>
                {known.map((organization) => (
                  <label class="inline" key={organization}>
                    <input
                      type="checkbox"
                      name="known"
                      value={organization}
                      checked={chosen.includes(organization)}
                      onChange={(event) => toggle(organization, event.currentTarget.checked)}
                    />
                    <code>{organization}</code>
                  </label>
                ))}
              </fieldset>
            )}
            <label>
              Other organizations
              <textarea
                name="organizations"
                rows={2}
                placeholder="Salesforce organization IDs (00D…) or resource IDs, one per line"
                value={typed}
                onInput={(event) => setTyped(event.currentTarget.value)}
                aria-invalid={byField.organizations ? 'true' : undefined}
                aria-describedby="organizations-error"
              />
            </label>
            <FieldErrors id="organizations-error" messages={byField.organizations} />
            <p class="help">
              Each one a Salesforce organization ID (<code>00D…</code>, 18 characters) or the key manager's
              resource ID of the organization (a UUID).
            </p>
          </div>
        )}
        {failure && <FailureView failure={failure} fields={FIELDS} />}
        <div class="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? 'Starting…' : 'Start synchronization'}
          </button>
        </div>
      </form>

      {started && (
        <div class="card job-progress" aria-live="polite" data-job-id={started.id}>
          <h3>
            Job <code>{started.id}</code> started
          </h3>
          {progress && (
            <>
              <p>
                <StatusBadge status={progress.overall_status} />{' '}
                {progress.completed_at
                  ? `finished ${formatDateTime(progress.completed_at)}`
                  : `started ${formatDateTime(progress.createdAt)}`}
              </p>
              <ul class="targets">
                {(progress.cloud === 'sfdc' ? progress.kms : started.cloud === 'sfdc' ? started.kms : []).map(
                  (organization) => (
                    <li key={organization}>
                      <code>{organization}</code>{' '}
                      <span class="muted">
                        {progress.detailed_status?.[organization] ??
                          (progress.overall_status === 'in_progress' ? 'waiting…' : '')}
                      </span>
                    </li>
                  ),
                )}
              </ul>
            </>
          )}
          {watchFailure && <FailureView failure={watchFailure} onRetry={() => progress && watch(progress)} />}
          <p>
            <a href="#/jobs">See all jobs</a>
          </p>
        </div>
      )}
    </section>
  );
}
