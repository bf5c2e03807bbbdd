// How a failed call reads on screen. A problem (the server answered) shows its title, detail,
// the field errors no form field claimed, and the facts support asks for; a request that got no
// answer says so and what usually causes it. The two look different on purpose.
import { type Failure, fieldErrors } from '../api.ts';

interface Props {
  failure: Failure;
  /** The form's fields, as in `fieldErrors`: their errors are shown next to them, not here. */
  fields?: Record<string, string>;
  onRetry?: () => void;
}

export function FailureView({ failure, fields = {}, onRetry }: Props) {
  if (failure.kind === 'request') return <RequestFailureView failure={failure} onRetry={onRetry} />;
  if (failure.kind === 'wait' || failure.kind === 'unexpected') {
    return (
      <div className="failure failure-unexpected" role="alert">
        <h3 className="failure-title">
          {failure.kind === 'wait' ? 'Stopped following the job' : 'Something went wrong'}
        </h3>
        <p className="failure-detail">{failure.error.message}</p>
        {onRetry && <RetryButton onRetry={onRetry} />}
      </div>
    );
  }
  const { error } = failure;
  const { unplaced } = fieldErrors(failure, fields);
  const requestId = error.response.headers.get('x-request-id');
  return (
    <div className="failure failure-problem" role="alert" data-status={error.status} data-type={error.type}>
      <h3 className="failure-title">{error.title}</h3>
      {error.detail && <p className="failure-detail">{error.detail}</p>}
      {unplaced.length > 0 && (
        <ul className="failure-errors">
          {unplaced.map((entry) => (
            <li key={`${entry.path} ${entry.message}`}>
              <code>{entry.path}</code> {entry.message}
            </li>
          ))}
        </ul>
      )}
      {(error.status === 401 || error.status === 403) && (
        <p className="failure-hint">
          {error.status === 401
            ? 'The server did not accept the token. '
            : 'The token does not allow this operation. '}
          <a href="#/settings">Check the token in Settings</a>.
        </p>
      )}
      <p className="failure-facts">
        HTTP {error.status} · <code>{error.type}</code>
        {requestId && (
          <>
            {' '}
            · request <code>{requestId}</code>
          </>
        )}
      </p>
      {onRetry && <RetryButton onRetry={onRetry} />}
    </div>
  );
}

function RequestFailureView({
  failure,
  onRetry,
}: {
  failure: Extract<Failure, { kind: 'request' }>;
  onRetry?: (() => void) | undefined;
}) {
  const { error } = failure;
  const url = new URL(error.url);
  const requestId = error.request.headers.get('x-request-id');
  const titles: Record<typeof error.kind, string> = {
    network: 'Could not reach the server',
    timeout: 'The server did not answer in time',
    aborted: 'The request was cancelled',
    'invalid-response': 'The server sent something that is not the API',
  };
  return (
    <div className="failure failure-network" role="alert" data-kind={error.kind}>
      <h3 className="failure-title">{titles[error.kind]}</h3>
      <p className="failure-detail">
        {error.method} <code>{url.origin + url.pathname}</code>{' '}
        {error.kind === 'invalid-response' ? 'answered with a body that is not JSON.' : 'got no response.'}
      </p>
      <p className="failure-hint">
        {error.kind === 'invalid-response' ? (
          <>
            Check that the base URL ends with the API root (e.g. <code>/api</code>).{' '}
          </>
        ) : (
          <>
            Is the server running at <code>{url.origin}</code>? A server on another origin must also allow
            this page's origin (<code>{window.location.origin}</code>) by CORS.{' '}
          </>
        )}
        <a href="#/settings">Settings</a>
      </p>
      {requestId && (
        <p className="failure-facts">
          request <code>{requestId}</code>
        </p>
      )}
      {onRetry && <RetryButton onRetry={onRetry} />}
    </div>
  );
}

function RetryButton({ onRetry }: { onRetry: () => void }) {
  return (
    <button type="button" className="secondary" onClick={onRetry}>
      Try again
    </button>
  );
}

/** The errors of one field, under it; `id` is what the input's aria-describedby names. */
export function FieldErrors({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p className="field-error" id={id}>
      {messages.join('; ')}
    </p>
  );
}
