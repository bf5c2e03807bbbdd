// What a contract change does to the generated TypeScript: the declarations openapi-typescript
// writes for each document (what `pnpm generate` commits as api-types' schema.ts), compared member
// by member. Exported types are the named components (`components['schemas']['X']`, parameters,
// responses, headers, request bodies, path items); client methods are the operations
// (`operations['listSfdcSynchronizationJobs']`, called as `client.GET('/path')`). A member whose
// declaration differs once comments are dropped has changed; a comment alone is documentation.
import ts from 'typescript';

export interface MemberChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

export interface TypeScriptEffect {
  /** `components['schemas']['SynchronizationJob']` and the like. */
  readonly types: MemberChanges;
  /** `GET /path (operationId)`. */
  readonly methods: MemberChanges;
}

const COMPONENT_KINDS = ['schemas', 'responses', 'parameters', 'requestBodies', 'headers', 'pathItems'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function nameOf(name: ts.PropertyName): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)
    ? name.text
    : name.getText();
}

function membersOf(node: ts.TypeNode | undefined): ts.PropertySignature[] {
  return node !== undefined && ts.isTypeLiteralNode(node)
    ? node.members.filter((member): member is ts.PropertySignature => ts.isPropertySignature(member))
    : [];
}

function interfaceMembers(source: ts.SourceFile, name: string): ts.PropertySignature[] {
  const declaration = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === name,
  );
  const members: readonly ts.TypeElement[] = declaration?.members ?? [];
  return members.filter((member): member is ts.PropertySignature => ts.isPropertySignature(member));
}

/** Each exported type and client method of a generated declaration file, with its text sans comments. */
export function declarationsOf(text: string): { types: Map<string, string>; methods: Map<string, string> } {
  const source = ts.createSourceFile('schema.d.ts', text, ts.ScriptTarget.Latest, true);
  const printer = ts.createPrinter({ removeComments: true });
  const print = (node: ts.Node | undefined) =>
    node === undefined ? '' : printer.printNode(ts.EmitHint.Unspecified, node, source);
  const types = new Map<string, string>();
  for (const kind of interfaceMembers(source, 'components')) {
    const kindName = nameOf(kind.name);
    if (!COMPONENT_KINDS.includes(kindName)) continue;
    for (const member of membersOf(kind.type)) {
      types.set(`components['${kindName}']['${nameOf(member.name)}']`, print(member.type));
    }
  }
  const operations = new Map(
    interfaceMembers(source, 'operations').map((member) => [nameOf(member.name), print(member.type)]),
  );
  const methods = new Map<string, string>();
  for (const path of interfaceMembers(source, 'paths')) {
    for (const method of membersOf(path.type)) {
      const verb = nameOf(method.name);
      if (!METHODS.includes(verb) || method.type?.kind === ts.SyntaxKind.NeverKeyword) continue;
      const type = print(method.type);
      // `operations["listSfdcSynchronizationJobs"]`: the operation, by its ID.
      const id = /^operations\["([^"]+)"\]$/.exec(type)?.[1];
      const label = `${verb.toUpperCase()} ${nameOf(path.name)}${id ? ` (${id})` : ''}`;
      methods.set(label, id !== undefined ? (operations.get(id) ?? type) : type);
    }
  }
  return { types, methods };
}

function compare(before: Map<string, string>, after: Map<string, string>): MemberChanges {
  return {
    added: [...after.keys()].filter((key) => !before.has(key)),
    removed: [...before.keys()].filter((key) => !after.has(key)),
    changed: [...after.keys()].filter((key) => before.has(key) && before.get(key) !== after.get(key)),
  };
}

/** Exported types and client methods added, removed or changed between two generated files. */
export function typeScriptEffect(baseDeclarations: string, headDeclarations: string): TypeScriptEffect {
  const base = declarationsOf(baseDeclarations);
  const head = declarationsOf(headDeclarations);
  return { types: compare(base.types, head.types), methods: compare(base.methods, head.methods) };
}
