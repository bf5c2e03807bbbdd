// What the HTML reference needs beyond Redoc's defaults, as pure functions (tested in
// scripts/test/docs-page.test.ts):
// - named examples show their name: Redoc lists an example by its summary only, so the docs copy
//   of the contract inlines every named example with `<name>: <summary>` as its summary (the
//   name is what `Prefer: example=<name>` asks the mock for);
// - the page is fully offline: Redoc's "API docs by Redocly" logo and its icon sets load from a
//   CDN at run time; their URLs are replaced by an inline image and nothing.
type Json = Record<string, unknown>;

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head', 'trace'];

/** A copy of the bundled document whose named examples are inlined and summarised with their names. */
export function withExampleNames(document: Json): Json {
  const copy = structuredClone(document) as Json & { paths?: Json; components?: Json };
  const components = (copy.components ?? {}) as Json;
  const named = (components.examples ?? {}) as Record<string, Json>;
  const resolve = (node: Json, table: Json): Json =>
    typeof node.$ref === 'string' ? ((table[node.$ref.split('/').pop() as string] as Json) ?? node) : node;
  const label = (examples: Record<string, Json> | undefined) => {
    if (!examples) return;
    for (const [name, reference] of Object.entries(examples)) {
      const example = resolve(reference, named);
      const summary = typeof example.summary === 'string' ? example.summary : '';
      examples[name] = { ...example, summary: summary ? `${name}: ${summary}` : name };
    }
  };
  const labelContent = (holder: Json | undefined) => {
    for (const media of Object.values((holder?.content ?? {}) as Record<string, Json>)) {
      label(media.examples as Record<string, Json> | undefined);
    }
  };
  for (const response of Object.values((components.responses ?? {}) as Record<string, Json>))
    labelContent(response);
  for (const body of Object.values((components.requestBodies ?? {}) as Record<string, Json>))
    labelContent(body);
  for (const item of Object.values((copy.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      labelContent(operation.requestBody as Json | undefined);
      for (const response of Object.values((operation.responses ?? {}) as Record<string, Json>))
        labelContent(response);
    }
  }
  return copy;
}

/** An inline stand-in for Redoc's CDN logo: the word "Redocly", no request. */
const LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12">Redocly</text></svg>',
)}`;

/** The page with every CDN URL Redoc's bundle would load replaced: the logo inline, icon sets off. */
export function offlinePage(html: string): string {
  return html
    .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, LOGO)
    .replace(/https:\/\/cdn\.redocly\.com\/[A-Za-z0-9./_-]*/g, '');
}

/** Every URL the page would fetch from a CDN (there must be none). */
export function cdnUrls(html: string): string[] {
  return [...html.matchAll(/https?:\/\/cdn\.[A-Za-z0-9.-]+\/[^\s"'`)]*/g)].map((match) => match[0]);
}
