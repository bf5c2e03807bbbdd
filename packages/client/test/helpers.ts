// A fetch that records every Request and answers from a script of canned responses.
export type Responder = (request: Request, index: number) => Response | Promise<Response>;

export function recordingFetch(responder: Responder) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request.clone());
    return responder(request, requests.length - 1);
  };
  return { fetch, requests };
}

export const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

export const problem = (status: number, kind: string, detail: string) =>
  json(status, { type: `urn:cckm:problem:${kind}`, title: kind, status, detail }, 'application/problem+json');

export const job = (id: string, overall_status: 'in_progress' | 'completed' | 'failed' = 'in_progress') => ({
  id,
  uri: `kylo:kylo:cckm:synchronize:${id}`,
  account: 'kylo:kylo:admin:accounts:kylo',
  application: 'ncryptify:gemalto:admin:apps:kylo',
  devAccount: 'ncryptify:gemalto:admin:accounts:gemalto',
  createdAt: '2021-07-27T03:06:20.002297124Z',
  updatedAt: '2021-07-27T03:06:20.006691656Z',
  overall_status,
  cloud: 'sfdc' as const,
  kms: ['00DB000000040bIMAQ'],
  abort: false,
});

export const page = (jobs: unknown[], total: number, skip = 0, limit = 10) =>
  json(200, { skip, limit, total, resources: jobs });
