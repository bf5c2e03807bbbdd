// The Salesforce synchronization jobs, one page at a time (skip/limit), with filters, through the
// bindings' list query. While "Live" is on the page is fetched again a few seconds after each
// answer (TanStack Query's refetchInterval: never two requests at once), so running jobs move to
// completed or failed on their own; the client sends the page's ETag back, so an unchanged page is
// a 304. A sync, a deleted backup or a switched connection elsewhere in the app invalidates it.
import type { JobListQuery, OverallStatus, SynchronizationJobSortKey } from '@cckm/client';
import type { CckmQueries } from '@cckm/react-query';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf } from '../api.ts';
import { FailureView } from '../components/failure-view.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { formatDateTime, formatTime, parseList, shortId } from '../format.ts';

export const POLL_INTERVAL_MS = 3_000;
const PAGE_SIZES = [10, 25, 50, 100];
const SORTS = {
  '-createdAt': 'Newest first',
  createdAt: 'Oldest first',
  'overall_status,-createdAt': 'By status',
} as const satisfies Record<string, string>;
type Sort = keyof typeof SORTS;

export function JobsScreen({ cckm }: { cckm: CckmQueries }) {
  const [status, setStatus] = useState<OverallStatus | ''>('');
  // What is typed, and what the list is filtered by (applied on Enter or when the field is left).
  const [organizationsDraft, setOrganizationsDraft] = useState('');
  const [organizations, setOrganizations] = useState('');
  const [sort, setSort] = useState<Sort>('-createdAt');
  const [limit, setLimit] = useState(10);
  const [skip, setSkip] = useState(0);
  const [live, setLive] = useState(true);

  const organizationList = parseList(organizations);
  const query: JobListQuery = {
    ...(status ? { overall_status: status } : {}),
    ...(organizationList.length > 0 ? { organizations: organizationList } : {}),
    sort: sort.split(',') as SynchronizationJobSortKey[],
    skip,
    limit,
  };
  const list = useQuery({
    ...cckm.listJobs(query),
    refetchInterval: live ? POLL_INTERVAL_MS : false,
    // The last page stays on screen while the next loads (paging, filters).
    placeholderData: keepPreviousData,
  });
  const page = list.data;
  const failure = list.error ? failureOf(list.error) : undefined;
  const loading = list.isFetching;
  const updatedAt = list.dataUpdatedAt > 0 ? new Date(list.dataUpdatedAt) : undefined;
  const reload = () => void list.refetch();

  const changeFilter = (apply: () => void) => {
    apply();
    setSkip(0);
  };
  const total = page?.total ?? 0;
  const shown = page?.resources.length ?? 0;

  return (
    <section className="screen" aria-labelledby="jobs-heading">
      <header className="screen-header">
        <h2 id="jobs-heading">Synchronization jobs</h2>
        <div className="live">
          <label className="inline">
            <input
              type="checkbox"
              name="live"
              checked={live}
              onChange={(event) => setLive(event.currentTarget.checked)}
            />
            Live
          </label>
          <span className="muted" data-testid="updated-at">
            {loading ? 'Updating…' : updatedAt ? `Updated ${formatTime(updatedAt)}` : ''}
          </span>
          <button type="button" className="secondary" onClick={reload}>
            Refresh
          </button>
        </div>
      </header>

      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Status
          <select
            name="status"
            value={status}
            onChange={(event) =>
              changeFilter(() => setStatus(event.currentTarget.value as OverallStatus | ''))
            }
          >
            <option value="">Any</option>
            <option value="in_progress">In progress</option>
            <option value="completed">Completed</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        <label className="grow">
          Organizations
          <input
            name="organizations"
            placeholder="00D… or resource IDs, comma-separated"
            value={organizationsDraft}
            onChange={(event) => setOrganizationsDraft(event.currentTarget.value)}
            onBlur={(event) => changeFilter(() => setOrganizations(event.currentTarget.value))}
            onKeyDown={(event) => {
              if (event.key === 'Enter') changeFilter(() => setOrganizations(event.currentTarget.value));
            }}
          />
        </label>
        <label>
          Sort
          <select
            name="sort"
            value={sort}
            onChange={(event) => changeFilter(() => setSort(event.currentTarget.value as Sort))}
          >
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Per page
          <select
            name="limit"
            value={limit}
            onChange={(event) => changeFilter(() => setLimit(Number(event.currentTarget.value)))}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </form>

      {failure && <FailureView failure={failure} onRetry={reload} />}

      {page && (
        <>
          {shown === 0 ? (
            <p className="empty">{skip > 0 ? 'No jobs on this page.' : 'No jobs match these filters.'}</p>
          ) : (
            <table className="jobs">
              <thead>
                <tr>
                  <th>Status</th>
                  <th>Job</th>
                  <th>Organizations and progress</th>
                  <th>Started</th>
                  <th>Finished</th>
                </tr>
              </thead>
              <tbody>
                {page.resources.map((job) => (
                  <tr key={job.id} data-job-id={job.id}>
                    <td>
                      <StatusBadge status={job.overall_status} />
                    </td>
                    <td>
                      <code title={job.id}>{shortId(job.id)}</code>
                    </td>
                    <td>
                      <ul className="targets">
                        {(job.cloud === 'sfdc' ? job.kms : []).map((organization) => (
                          <li key={organization}>
                            <code>{organization}</code>{' '}
                            <span className="muted">
                              {job.detailed_status?.[organization] ??
                                (job.overall_status === 'in_progress' ? 'waiting…' : '')}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{formatDateTime(job.createdAt)}</td>
                    <td>{job.completed_at ? formatDateTime(job.completed_at) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              className="secondary"
              disabled={skip === 0}
              onClick={() => setSkip(Math.max(0, skip - limit))}
            >
              ‹ Previous
            </button>
            <span data-testid="range">
              {shown > 0 ? `${skip + 1}–${skip + shown} of ${total}` : `0 of ${total}`}
            </span>
            <button
              type="button"
              className="secondary"
              disabled={skip + limit >= total}
              onClick={() => setSkip(skip + limit)}
            >
              Next ›
            </button>
          </nav>
        </>
      )}
      {!page && !failure && <p className="muted">Loading jobs…</p>}
    </section>
  );
}
