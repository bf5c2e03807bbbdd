// @vitest-environment happy-dom
// Component tests of the screens with MSW only: no server, no mock process. The screens render in
// happy-dom with the app's own client and bindings (createQueries), and @cckm/msw answers their
// requests from its model, whose clock the test moves; after moving it, the test invalidates the
// queries instead of waiting for the next poll.
import { createCckmHandlers, createCckmModel, DEMO } from '@cckm/msw';
import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createQueries } from '../src/api.ts';
import { ConnectionScreen } from '../src/screens/connection-screen.tsx';
import { JobsScreen } from '../src/screens/jobs-screen.tsx';
import { SyncScreen } from '../src/screens/sync-screen.tsx';

// findBy/waitFor give up after 1 s by default: a busy machine can take longer to refetch and
// render, and a wait that ends early fails a test that would pass. They still end on success.
configure({ asyncUtilTimeout: 15_000 });

const API = 'http://cckm.test/api';
const model = createCckmModel({ jobDurationMs: 2_000 });
const server = setupServer(...createCckmHandlers({ baseUrl: API, model }));
const [THALES, EUROPE] = DEMO.organizations;
let queryClient: QueryClient;

function renderScreen(screenOf: (queries: ReturnType<typeof createQueries>) => ReactElement) {
  const queries = createQueries({ baseUrl: API, token: 'any-token' });
  queryClient = queries.queryClient;
  return render(<QueryClientProvider client={queryClient}>{screenOf(queries)}</QueryClientProvider>);
}

/** Moves the model's clock and has every query ask again now. */
async function later(ms: number) {
  model.clock.advance(ms);
  await queryClient.invalidateQueries();
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  queryClient?.clear();
  model.reset();
});
afterAll(() => server.close());

describe('jobs screen', () => {
  test('when there are more jobs than a page, then it pages with Next and Previous', async () => {
    for (let i = 0; i < 12; i += 1) {
      model.createSfdcJob({ organization_ids: [THALES.organizationId] });
      model.clock.advance(2_000);
    }
    renderScreen(({ cckm }) => <JobsScreen cckm={cckm} />);
    expect((await screen.findByTestId('range')).textContent).toBe('1–10 of 12');
    expect(document.querySelectorAll('table.jobs tbody tr')).toHaveLength(10);
    fireEvent.click(screen.getByRole('button', { name: 'Next ›' }));
    await waitFor(() => expect(screen.getByTestId('range').textContent).toBe('11–12 of 12'));
    fireEvent.click(screen.getByRole('button', { name: '‹ Previous' }));
    await waitFor(() => expect(screen.getByTestId('range').textContent).toBe('1–10 of 12'));
  });
});

describe('sync screen', () => {
  test('when all organizations are synchronized, then progress shows organization by organization to the end', async () => {
    renderScreen(({ cckm }) => <SyncScreen cckm={cckm} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start synchronization' }));
    const card = await waitFor(() => {
      const found = document.querySelector('.job-progress');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    const line = (organization: string) =>
      within(card)
        .getAllByRole('listitem')
        .find((item) => item.textContent?.includes(organization))?.textContent;
    expect(line(EUROPE.organizationId)).toContain('waiting…');

    await later(1_000);
    await waitFor(() => expect(line(THALES.organizationId)).toContain('synchronized 4 tenant secrets'));
    expect(line(EUROPE.organizationId)).toContain('waiting…');
    expect(card.querySelector('[data-status]')?.getAttribute('data-status')).toBe('in_progress');

    await later(1_000);
    await waitFor(() =>
      expect(card.querySelector('[data-status]')?.getAttribute('data-status')).toBe('completed'),
    );
    expect(line(EUROPE.organizationId)).toContain('synchronized 4 tenant secrets');
  });

  test('when an organization is already being synchronized, then the 409 problem is shown', async () => {
    const running = model.createSfdcJob({ organization_ids: [THALES.organizationId] });
    renderScreen(({ cckm }) => <SyncScreen cckm={cckm} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start synchronization' }));
    const problem = await screen.findByRole('alert');
    expect(problem.getAttribute('data-status')).toBe('409');
    expect(within(problem).getByRole('heading').textContent).toBe('Synchronization job already running');
    expect(problem.textContent).toContain(running.id);
  });

  test('when a typed organization is malformed, then the validation problem is shown at the field', async () => {
    renderScreen(({ cckm }) => <SyncScreen cckm={cckm} />);
    fireEvent.click(screen.getByLabelText('Chosen organizations'));
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'not-an-organization' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start synchronization' }));
    const problem = await screen.findByRole('alert');
    expect(problem.getAttribute('data-status')).toBe('400');
    expect(document.getElementById('organizations-error')?.textContent).toBe('entry 1: has the wrong format');
    expect(screen.getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('connection screen', () => {
  test('when an organization is switched, then the model has the new connection; an SAP one is refused', async () => {
    renderScreen(({ cckm }) => <ConnectionScreen cckm={cckm} />);
    const organization = document.querySelector('input[name="organization"]') as HTMLInputElement;
    const connection = document.querySelector('input[name="connection"]') as HTMLInputElement;
    fireEvent.change(organization, { target: { value: THALES.id } });
    fireEvent.change(connection, { target: { value: 'new-sfdc-connection' } });
    fireEvent.click(screen.getByRole('button', { name: 'Switch connection' }));
    expect((await screen.findByRole('status')).textContent).toContain('Thales now uses new-sfdc-connection');
    expect(model.connectionOf(THALES.id)).toBe('new-sfdc-connection');

    fireEvent.change(connection, { target: { value: 'sap-dc-connection' } });
    fireEvent.click(screen.getByRole('button', { name: 'Switch connection' }));
    const problem = await screen.findByRole('alert');
    expect(within(problem).getByRole('heading').textContent).toBe('Not a Salesforce connection');
    expect(model.connectionOf(THALES.id)).toBe('new-sfdc-connection');
  });
});
