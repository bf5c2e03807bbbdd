// The reviewer's HTML reference must build offline, show all five operations, list every named
// example under its name, and never fetch from a CDN.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { cdnUrls, offlinePage, withExampleNames } from '../lib/docs-page.ts';
import { distDir, repoRoot } from '../lib/repo-paths.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe('docs', () => {
  test('when the docs are built, then one self-contained page shows all five operations, offline', async () => {
    await promisify(execFile)('pnpm', ['--silent', 'run', 'docs'], {
      cwd: repoRoot,
      env: { ...process.env, SCARF_ANALYTICS: 'false' },
    });
    const html = await readFile(join(distDir, 'docs', 'index.html'), 'utf8');
    for (const summary of [
      'Start a Salesforce tenant-secret synchronization job',
      'List Salesforce synchronization jobs',
      'Delete the backup of a destroyed Salesforce tenant secret',
      'Start an SAP key synchronization job',
      'Switch a Salesforce organization to another connection',
    ]) {
      expect(html).toContain(summary);
    }
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<img[^>]+src="https?:/);
    expect(cdnUrls(html)).toEqual([]);
    expect(html).toContain('notSalesforce: The connection is for another cloud');
    expect(html).toContain('missingToken: No token was sent');
    // Every problem kind has its anchor, the one its schema's externalDocs names.
    const bundled = JSON.parse(await readFile(join(distDir, 'openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, { 'x-extensible-enum'?: string[] }> };
    };
    const kinds = (bundled.components.schemas.ProblemType?.['x-extensible-enum'] ?? []).map((type) =>
      type.replace(/^.*:problem:/, ''),
    );
    expect(kinds.length).toBeGreaterThan(10);
    for (const kind of kinds) expect(html).toContain(`id="section/problem-types/${kind}"`);
  }, 60_000);

  test.skipIf(!existsSync(CHROMIUM))(
    'when the built page is loaded in Chromium with everything but its own file refused, then it asks for nothing else',
    async () => {
      // Runs after the build above (vitest runs a file's tests in order).
      const page = pathToFileURL(join(distDir, 'docs', 'index.html')).href;
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: CHROMIUM_FLAGS,
        timeout: 60_000,
      });
      try {
        const context = await browser.newContext({ serviceWorkers: 'block' });
        // Every request but the page's own file is refused: routed ones aborted, and whatever a
        // worker sends (routes do not see workers' requests) finds no host.
        await context.route('**/*', (route) =>
          route.request().url() === page ? route.continue() : route.abort('blockedbyclient'),
        );
        // Every request seen, workers' included; blob: and data: URLs are the page's own memory.
        const outside: string[] = [];
        context.on('request', (request) => {
          const url = request.url();
          if (url !== page && !/^(blob|data):/.test(url)) outside.push(`${request.method()} ${url}`);
        });
        const tab = await context.newPage();
        await tab.goto(page, { waitUntil: 'load' });
        await tab.waitForSelector('[id="section/problem-types"]', { state: 'attached' });
        // Redoc reports usage (a POST of traces) a few seconds after it renders: wait past that.
        await tab.waitForTimeout(6_000);
        expect(await tab.title()).toContain('CCKM');
        expect(outside).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );

  test('when server descriptions are read, then they carry no Markdown (Redoc shows them as plain text)', async () => {
    const document = JSON.parse(await readFile(join(distDir, 'openapi.json'), 'utf8')) as {
      servers: { description?: string; variables?: Record<string, { description?: string }> }[];
    };
    const texts = document.servers.flatMap((server) => [
      server.description ?? '',
      ...Object.values(server.variables ?? {}).map((variable) => variable.description ?? ''),
    ]);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toMatch(/[`*_[\]]/);
  });
});

describe('docs page helpers', () => {
  const document = {
    paths: {
      '/x': {
        patch: {
          responses: {
            '422': {
              content: {
                'application/problem+json': {
                  examples: {
                    notSalesforce: { $ref: '#/components/examples/ProblemConnectionNotSalesforce' },
                    inline: { value: 1 },
                  },
                },
              },
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
          },
        },
      },
    },
    components: {
      examples: { ProblemConnectionNotSalesforce: { summary: 'Another cloud', value: { status: 422 } } },
      responses: {
        Unauthorized: {
          content: { 'application/json': { examples: { missingToken: { summary: 'No token', value: 2 } } } },
        },
      },
    },
  };

  test('when examples are labelled, then each shows its name before its summary, value kept', () => {
    const labelled = withExampleNames(document) as typeof document;
    const examples = labelled.paths['/x'].patch.responses['422'].content['application/problem+json'].examples;
    expect(examples.notSalesforce).toEqual({
      summary: 'notSalesforce: Another cloud',
      value: { status: 422 },
    });
    expect(examples.inline).toEqual({ summary: 'inline', value: 1 });
    expect(
      labelled.components.responses.Unauthorized.content['application/json'].examples.missingToken.summary,
    ).toBe('missingToken: No token');
    expect(document.components.examples.ProblemConnectionNotSalesforce.summary).toBe('Another cloud');
  });

  test('when a page names the CDN logo and icons, then the offline page names none', () => {
    const page =
      'img src:`https://cdn.redoc.ly/redoc/logo-mini.svg` full:`https://cdn.redoc.ly/redoc/logo-mini-full.svg` icons:`https://cdn.redocly.com/icons/fa/7.0.0`';
    expect(cdnUrls(page)).toHaveLength(3);
    const offline = offlinePage(page);
    expect(cdnUrls(offline)).toEqual([]);
    expect(offline).toContain('data:image/svg+xml,');
  });
});
