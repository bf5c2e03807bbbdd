// Switch a Salesforce organization to another connection. The server checks that the connection
// exists, is a Salesforce one and reaches this very organization; each refusal is its own problem.
import type { CckmQueries } from '@cckm/react-query';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { failureOf, fieldErrors } from '../api.ts';
import { FailureView, FieldErrors } from '../components/failure-view.tsx';

const FIELDS = { organization: '/path/id', connection: '/body/connection' };

export function ConnectionScreen({ cckm }: { cckm: CckmQueries }) {
  const [organization, setOrganization] = useState('');
  const [connection, setConnection] = useState('');
  // On success the job lists are invalidated: they may show the organization's jobs.
  const update = useMutation(cckm.updateSfdcOrganization());
  const submitting = update.isPending;
  const failure = update.error ? failureOf(update.error) : undefined;
  const updated = update.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.reset();
    update.mutate({ id: organization.trim(), body: { connection: connection.trim() } });
  };
  const { byField } = fieldErrors(failure, FIELDS);

  return (
    <section className="screen" aria-labelledby="connection-heading">
      <header className="screen-header">
        <h2 id="connection-heading">Switch an organization's connection</h2>
      </header>
      <form className="card form" onSubmit={submit}>
        <p className="help">
          The key manager reaches the Salesforce organization through the connection named here from now on.
        </p>
        <label>
          Organization ID
          <input
            name="organization"
            required
            autoComplete="off"
            placeholder="2473e846-31a8-4ee6-8299-17025548b4e2"
            value={organization}
            onChange={(event) => setOrganization(event.currentTarget.value)}
            aria-invalid={byField.organization ? 'true' : undefined}
            aria-describedby="organization-error"
          />
        </label>
        <FieldErrors id="organization-error" messages={byField.organization} />
        <label>
          Connection (name or ID)
          <input
            name="connection"
            required
            autoComplete="off"
            placeholder="new-sfdc-connection"
            value={connection}
            onChange={(event) => setConnection(event.currentTarget.value)}
            aria-invalid={byField.connection ? 'true' : undefined}
            aria-describedby="connection-error"
          />
        </label>
        <FieldErrors id="connection-error" messages={byField.connection} />
        {failure && <FailureView failure={failure} fields={FIELDS} />}
        <div className="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? 'Switching…' : 'Switch connection'}
          </button>
        </div>
      </form>
      {updated && (
        <div className="card success" role="status">
          <h3>
            {updated.name} now uses <code>{updated.connection}</code>
          </h3>
          <dl>
            <dt>Salesforce organization</dt>
            <dd>
              <code>{updated.organization_id}</code> ({updated.type})
            </dd>
            <dt>Resource ID</dt>
            <dd>
              <code>{updated.id}</code>
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
