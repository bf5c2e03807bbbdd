// The frontend kit is typed from the contract: a contract change that renames or removes a field
// must break the kit's type check, not ship. The kit's sources (@cckm/msw, @cckm/react-query) are
// compiled with the generated types as they are (no error), then with a field renamed and another
// removed in a copy of them held in memory (the compiler host reads the copy in place of
// packages/api-types/src/generated/schema.ts; no file is written), and each change must be an
// error in the kit.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../lib/repo-paths.ts';

const SCHEMA = join(repoRoot, 'packages/api-types/src/generated/schema.ts');
const ROOTS = ['packages/msw/src/index.ts', 'packages/react-query/src/index.ts'].map((file) =>
  join(repoRoot, file),
);

const config = ts.getParsedCommandLineOfConfigFile(
  join(repoRoot, 'packages/react-query/tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  },
);
if (!config) throw new Error('packages/react-query/tsconfig.json could not be read');
// Only the kit's own sources can break here: the libraries' declarations are not checked again.
const options: ts.CompilerOptions = { ...config.options, noEmit: true, types: [], skipLibCheck: true };
const original = readFileSync(SCHEMA, 'utf8');
let previous: ts.Program | undefined;

/** The kit's type errors, with the generated types replaced by `schema`, as `file: message` lines. */
function kitErrors(schema: string): string[] {
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === SCHEMA ? schema : readFile(file));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError) =>
    file === SCHEMA ? ts.createSourceFile(file, schema, language) : getSourceFile(file, language, onError);
  const program = ts.createProgram({
    rootNames: ROOTS,
    options,
    host,
    ...(previous ? { oldProgram: previous } : {}),
  });
  previous = program;
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
    .map(
      (diagnostic) =>
        `${diagnostic.file ? relative(repoRoot, diagnostic.file.fileName) : '?'}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
    );
}

/** The generated schema with one edit, which must apply exactly once. */
function edited(find: string, replace: string): string {
  expect(original.split(find)).toHaveLength(2);
  return original.replace(find, replace);
}

describe('the kit breaks when the contract changes a field', () => {
  test('when the generated types are as generated, then the kit compiles', () => {
    expect(kitErrors(original)).toEqual([]);
  });

  // One program for both changes: each type check of the kit costs seconds.
  test('when a job field is renamed (overall_status -> status) and one removed (kms), then the kit fails to compile', () => {
    const renamed = edited(
      '            overall_status: components["schemas"]["OverallStatus"];',
      '            status: components["schemas"]["OverallStatus"];',
    );
    const errors = kitErrors(
      renamed.replace('            kms: components["schemas"]["SalesforceOrgId"][];\n', ''),
    );
    const about = (folder: string, field: string) =>
      errors.some((line) => line.startsWith(folder) && line.includes(`'${field}'`));
    expect(about('packages/msw/src/', 'overall_status')).toBe(true);
    expect(about('packages/react-query/src/', 'overall_status')).toBe(true);
    expect(about('packages/msw/src/', 'kms')).toBe(true);
  });
});
