// Delete the backup of a destroyed Salesforce tenant secret, by its resource ID, after an
// explicit confirmation: the backup is what could still decrypt data, and it is gone for good.
import type { CckmClient, TenantSecret } from '@cckm/client';
import { useState } from 'preact/hooks';
import { attempt, callSignal, type Failure, fieldErrors } from '../api.ts';
import { FailureView, FieldErrors } from '../components/failure-view.tsx';

const FIELDS = { id: '/path/id' };

export function BackupScreen({ client }: { client: CckmClient }) {
  const [id, setId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [deleted, setDeleted] = useState<TenantSecret>();

  const ask = (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    setDeleted(undefined);
    setConfirming(true);
  };
  const remove = async () => {
    setConfirming(false);
    setSubmitting(true);
    const outcome = await attempt(() =>
      client.deleteSfdcTenantSecretBackup(id.trim(), { signal: callSignal() }),
    );
    setSubmitting(false);
    if (outcome.ok) setDeleted(outcome.data);
    else setFailure(outcome.failure);
  };
  const { byField } = fieldErrors(failure, FIELDS);

  return (
    <section class="screen" aria-labelledby="backup-heading">
      <header class="screen-header">
        <h2 id="backup-heading">Delete a tenant secret's backup</h2>
      </header>
      <form class="card form" onSubmit={ask}>
        <p class="help">
          Only a secret that Salesforce reports as <strong>DESTROYED</strong> may lose its backup. The key
          manager's record of the secret is removed with it.
        </p>
        <label>
          Tenant secret ID
          <input
            name="id"
            required
            autoComplete="off"
            placeholder="912c7e4d-121e-42bc-ba28-33005cc665cf"
            value={id}
            onInput={(event) => {
              setId(event.currentTarget.value);
              setConfirming(false);
            }}
            aria-invalid={byField.id ? 'true' : undefined}
            aria-describedby="id-error"
          />
        </label>
        <FieldErrors id="id-error" messages={byField.id} />
        {failure && <FailureView failure={failure} fields={FIELDS} />}
        {confirming ? (
          <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
            <p id="confirm-text">
              Delete the backup of tenant secret <code>{id.trim()}</code>? It cannot be restored.
            </p>
            <div class="actions">
              <button type="button" class="danger" onClick={() => void remove()}>
                Delete backup
              </button>
              <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div class="actions">
            <button type="submit" class="danger" disabled={submitting}>
              {submitting ? 'Deleting…' : 'Delete backup…'}
            </button>
          </div>
        )}
      </form>
      {deleted && (
        <div class="card success" role="status">
          <h3>Backup deleted</h3>
          <dl>
            <dt>Secret</dt>
            <dd data-testid="secret-name">{deleted.name}</dd>
            <dt>Salesforce organization</dt>
            <dd>
              <code>{deleted.sfdc_org_id}</code>
            </dd>
            <dt>Type, version</dt>
            <dd>
              {deleted.sfdc_params.Type}, version {deleted.sfdc_params.Version}
            </dd>
            <dt>Salesforce status</dt>
            <dd>{deleted.sfdc_params.Status}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
