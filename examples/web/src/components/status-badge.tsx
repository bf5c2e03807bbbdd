import type { OverallStatus } from '@cckm/client';

const LABELS: Record<OverallStatus, string> = {
  in_progress: 'in progress',
  completed: 'completed',
  failed: 'failed',
};

export function StatusBadge({ status }: { status: OverallStatus }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {status === 'in_progress' && <span className="spinner" aria-hidden="true" />}
      {LABELS[status]}
    </span>
  );
}
