// Every named example must validate against the schema it illustrates, and every problem example
// must carry the status of the response it sits under: an example that drifts fails the build.
import { describe, expect, test } from 'vitest';
import { openapiDocument } from '../src/index.ts';
import { collectExamples, createSchemaValidator, type Document, HTTP_METHODS, resolve } from './helpers.ts';

const document = openapiDocument as unknown as Document;
const examples = collectExamples(document);

describe('named examples', () => {
  const validate = createSchemaValidator(document);

  test('when the examples are collected, then there are request, success and error ones', () => {
    expect(examples.length).toBeGreaterThan(30);
    expect(examples.some((e) => e.where.includes('request'))).toBe(true);
    expect(examples.some((e) => e.status?.startsWith('2'))).toBe(true);
    expect(examples.some((e) => e.status === '422')).toBe(true);
  });

  test.each(examples.map((e) => [`${e.where} ${e.name}`, e] as const))(
    'when %s is validated, then it conforms',
    (_name, example) => {
      expect(validate(example.schema, example.value)).toEqual([]);
    },
  );

  test.each(
    examples
      .filter((e) => e.status && !e.status.startsWith('2'))
      .map((e) => [`${e.where} ${e.name}`, e] as const),
  )('when problem %s is read, then its status matches its response', (_name, example) => {
    expect((example.value as { status: number }).status).toBe(Number(example.status));
  });

  test('when every operation is read, then each of its responses with a body has a named example, and only a 304 has none', () => {
    for (const item of Object.values(document.paths) as Record<
      string,
      { responses: Record<string, unknown> }
    >[]) {
      for (const method of HTTP_METHODS) {
        for (const [status, response] of Object.entries(item[method]?.responses ?? {})) {
          const content = resolve(document, response).content as
            | Record<string, { examples?: object }>
            | undefined;
          // A 304 has no body (RFC 9110 §15.4.5), so nothing to give an example of.
          expect(content === undefined, status).toBe(status === '304');
          if (content)
            expect(Object.keys(Object.values(content)[0]?.examples ?? {}), status).not.toHaveLength(0);
        }
      }
    }
  });

  test('when an example drifts from its schema, then the check reports it', () => {
    const drifted = structuredClone(document);
    const job = (drifted.components.examples as Record<string, { value: Record<string, unknown> }>)
      .SfdcSyncJobStarted;
    if (!job) throw new Error('example SfdcSyncJobStarted missing');
    job.value.overall_status = 'in progress';
    delete job.value.id;
    const broken = collectExamples(drifted).filter((e) => e.value === job.value);
    expect(broken).toHaveLength(1);
    const errors = createSchemaValidator(drifted)(broken[0]?.schema, broken[0]?.value);
    expect(errors).toEqual(expect.arrayContaining(["/ must have required property 'id'"]));
  });
});
