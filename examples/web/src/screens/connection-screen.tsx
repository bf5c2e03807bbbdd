// Switch a Salesforce organization to another connection. The server checks that the connection
// exists, is a Salesforce one and reaches this very organization; each refusal is its own problem.
import type { CckmClient, SalesforceOrganization } from '@cckm/client';
import { useState } from 'preact/hooks';
import { attempt, callSignal, type Failure, fieldErrors } from '../api.ts';
import { FailureView, FieldErrors } from '../components/failure-view.tsx';

const FIELDS = { organization: '/path/id', connection: '/body/connection' };

export function ConnectionScreen({ client }: { client: CckmClient }) {
  const [organization, setOrganization] = useState('');
  const [connection, setConnection] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [updated, setUpdated] = useState<SalesforceOrganization>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setSubmitting(true);
    setFailure(undefined);
    setUpdated(undefined);
    const outcome = await attempt(() =>
      client.updateSfdcOrganization(
        organization.trim(),
        { connection: connection.trim() },
        { signal: callSignal() },
      ),
    );
    setSubmitting(false);
    if (outcome.ok) setUpdated(outcome.data);
    else setFailure(outcome.failure);
  };
  const { byField } = fieldErrors(failure, FIELDS);

  return (
    <section class="screen" aria-labelledby="connection-heading">
      <header class="screen-header">
        <h2 id="connection-heading">Switch an organization's connection</h2>
      </header>
      <form class="card form" onSubmit={submit}>
        <p class="help">
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
            onInput={(event) => setOrganization(event.currentTarget.value)}
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
            onInput={(event) => setConnection(event.currentTarget.value)}
            aria-invalid={byField.connection ? 'true' : undefined}
            aria-describedby="connection-error"
          />
        </label>
        <FieldErrors id="connection-error" messages={byField.connection} />
        {failure && <FailureView failure={failure} fields={FIELDS} />}
        <div class="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? 'Switching…' : 'Switch connection'}
          </button>
        </div>
      </form>
      {updated && (
        <div class="card success" role="status">
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
