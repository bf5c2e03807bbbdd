// Delete the backup of a destroyed Salesforce tenant secret, by its resource ID, after an
// explicit confirmation: the backup is what could still decrypt data, and it is gone for good.
import type { CckmQueries } from '@cckm/react-query';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { failureOf, fieldErrors } from '../api.ts';
import { FailureView, FieldErrors } from '../components/failure-view.tsx';

const FIELDS = { id: '/path/id' };

export function BackupScreen({ cckm }: { cckm: CckmQueries }) {
  const [id, setId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const deletion = useMutation(cckm.deleteSfdcTenantSecretBackup());
  const submitting = deletion.isPending;
  const failure = deletion.error ? failureOf(deletion.error) : undefined;
  const deleted = deletion.data;

  const ask = (event: FormEvent) => {
    event.preventDefault();
    deletion.reset();
    setConfirming(true);
  };
  const remove = () => {
    setConfirming(false);
    deletion.mutate(id.trim());
  };
  const { byField } = fieldErrors(failure, FIELDS);

  return (
    <section className="screen" aria-labelledby="backup-heading">
      <header className="screen-header">
        <h2 id="backup-heading">Delete a tenant secret's backup</h2>
      </header>
      <form className="card form" onSubmit={ask}>
        <p className="help">
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
            onChange={(event) => {
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
          <div className="confirm" role="alertdialog" aria-labelledby="confirm-text">
            <p id="confirm-text">
              Delete the backup of tenant secret <code>{id.trim()}</code>? It cannot be restored.
            </p>
            <div className="actions">
              <button type="button" className="danger" onClick={remove}>
                Delete backup
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="submit" className="danger" disabled={submitting}>
              {submitting ? 'Deleting…' : 'Delete backup…'}
            </button>
          </div>
        )}
      </form>
      {deleted && (
        <div className="card success" role="status">
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
