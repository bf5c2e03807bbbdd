// Start a Salesforce synchronization job, for every organization or chosen ones, then watch it
// (the bindings' watchJob: polled every second while in progress, organization by organization,
// and no more once it is completed or failed). The contract has no list of organizations, so the
// ones already seen in jobs are offered as choices, and any other can be typed. A 409 (a job
// already running) and validation problems read as problems, the latter next to their field.
import type { SfdcSynchronizationJob, SfdcSynchronizationJobRequest } from '@cckm/client';
import type { CckmQueries } from '@cckm/react-query';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { failureOf, fieldErrors } from '../api.ts';
import { FailureView, FieldErrors } from '../components/failure-view.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { formatDateTime, parseList } from '../format.ts';

const FIELDS = { organizations: '/body/organization_ids', scope: '/body/synchronize_all' };
export const WATCH_INTERVAL_MS = 1_000;

export function SyncScreen({ cckm }: { cckm: CckmQueries }) {
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [typed, setTyped] = useState('');

  // Organizations named by recent jobs, as choices.
  const recent = useQuery(cckm.listJobs({ limit: 100 }));
  const known = [
    ...new Set((recent.data?.resources ?? []).flatMap((job) => (job.cloud === 'sfdc' ? job.kms : []))),
  ].sort();

  const start = useMutation(cckm.createSfdcSynchronizationJob());
  // The last job started stays on screen, also while a later start is refused (a 409 names it).
  const [started, setStarted] = useState<SfdcSynchronizationJob>();
  const failure = start.error ? failureOf(start.error) : undefined;
  const submitting = start.isPending;
  const watched = useQuery({
    ...cckm.watchJob(started?.id ?? '', { interval: WATCH_INTERVAL_MS }),
    enabled: started !== undefined,
  });
  // The job as last seen: the watcher's answer, or the job as it was created.
  const progress = watched.data?.id === started?.id && watched.data ? watched.data : started;
  const watchFailure = watched.error ? failureOf(watched.error) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: SfdcSynchronizationJobRequest =
      scope === 'all'
        ? { synchronize_all: true }
        : { organization_ids: [...new Set([...chosen, ...parseList(typed)])] };
    start.mutate(body, { onSuccess: setStarted });
  };

  const { byField } = fieldErrors(failure, FIELDS);
  const toggle = (organization: string, on: boolean) =>
    setChosen(on ? [...chosen, organization] : chosen.filter((each) => each !== organization));

  return (
    <section className="screen" aria-labelledby="sync-heading">
      <header className="screen-header">
        <h2 id="sync-heading">Start a Salesforce synchronization</h2>
      </header>
      <form className="card form" onSubmit={submit} noValidate>
        <p className="help">
          Copies the tenant secrets of Salesforce organizations into the key manager. One job at a time may
          synchronize an organization.
        </p>
        <fieldset aria-describedby="scope-error">
          <legend>Organizations</legend>
          <label className="inline">
            <input
              type="radio"
              name="scope"
              value="all"
              checked={scope === 'all'}
              onChange={() => setScope('all')}
            />
            All organizations of this domain
          </label>
          <label className="inline">
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
          <div className="chosen">
            {known.length > 0 && (
              <fieldset>
                <legend>Seen in recent jobs</legend>
                {known.map((organization) => (
                  <label className="inline" key={organization}>
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
                onChange={(event) => setTyped(event.currentTarget.value)}
                aria-invalid={byField.organizations ? 'true' : undefined}
                aria-describedby="organizations-error"
              />
            </label>
            <FieldErrors id="organizations-error" messages={byField.organizations} />
            <p className="help">
              Each one a Salesforce organization ID (<code>00D…</code>, 18 characters) or the key manager's
              resource ID of the organization (a UUID).
            </p>
          </div>
        )}
        {failure && <FailureView failure={failure} fields={FIELDS} />}
        <div className="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? 'Starting…' : 'Start synchronization'}
          </button>
        </div>
      </form>

      {started && (
        <div className="card job-progress" aria-live="polite" data-job-id={started.id}>
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
              <ul className="targets">
                {(progress.cloud === 'sfdc' ? progress.kms : started.cloud === 'sfdc' ? started.kms : []).map(
                  (organization) => (
                    <li key={organization}>
                      <code>{organization}</code>{' '}
                      <span className="muted">
                        {progress.detailed_status?.[organization] ??
                          (progress.overall_status === 'in_progress' ? 'waiting…' : '')}
                      </span>
                    </li>
                  ),
                )}
              </ul>
            </>
          )}
          {watchFailure && <FailureView failure={watchFailure} onRetry={() => void watched.refetch()} />}
          <p>
            <a href="#/jobs">See all jobs</a>
          </p>
        </div>
      )}
    </section>
  );
}
