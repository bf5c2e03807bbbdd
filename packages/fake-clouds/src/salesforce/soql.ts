// The SOQL this fake understands: `SELECT <fields> FROM TenantSecret|Organization
// [ORDER BY <field> [ASC|DESC]] [LIMIT <n>]`, keywords and field names case-insensitive as in
// Salesforce. Anything else is refused the way Salesforce refuses it: MALFORMED_QUERY for syntax
// it does not take, INVALID_TYPE for an unknown object, INVALID_FIELD for an unknown field.

export const QUERYABLE_FIELDS = {
  TenantSecret: [
    'Id',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'IsDeleted',
    'Description',
    'KeyDerivationMode',
    'SecretValue',
    'SecretValueCertificate',
    'SecretValueHash',
    'Version',
    'Status',
    'Source',
    'Type',
    'RemoteKeyCertificate',
    'RemoteKeyServiceId',
    'RemoteKeyIdentifier',
  ],
  Organization: ['Id', 'Name', 'IsSandbox', 'OrganizationType'],
} as const;

export type QueryableObject = keyof typeof QUERYABLE_FIELDS;

export interface SoqlQuery {
  object: QueryableObject;
  /** Canonical field names, in the order selected. */
  fields: string[];
  orderBy?: { field: string; descending: boolean };
  limit?: number;
}

export interface SoqlError {
  errorCode: 'MALFORMED_QUERY' | 'INVALID_TYPE' | 'INVALID_FIELD';
  message: string;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

function tokenize(soql: string): string[] {
  return soql
    .replace(/,/g, ' , ')
    .split(/\s+/)
    .filter((token) => token.length > 0);
}

function malformed(token: string | undefined): SoqlError {
  return {
    errorCode: 'MALFORMED_QUERY',
    message: token === undefined ? 'unexpected end of query' : `unexpected token: '${token}'`,
  };
}

export function parseSoql(soql: string): SoqlQuery | SoqlError {
  const tokens = tokenize(soql);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];
  const keyword = (word: string) => peek()?.toUpperCase() === word;

  if (!keyword('SELECT')) return malformed(peek());
  next();
  const selected: string[] = [];
  for (;;) {
    const field = next();
    if (field === undefined || !IDENTIFIER.test(field) || field.toUpperCase() === 'FROM')
      return malformed(field);
    selected.push(field);
    if (peek() !== ',') break;
    next();
  }
  if (!keyword('FROM')) return malformed(peek());
  next();
  const objectToken = next();
  if (objectToken === undefined || !IDENTIFIER.test(objectToken)) return malformed(objectToken);
  const object = (Object.keys(QUERYABLE_FIELDS) as QueryableObject[]).find(
    (name) => name.toLowerCase() === objectToken.toLowerCase(),
  );
  if (!object)
    return { errorCode: 'INVALID_TYPE', message: `sObject type '${objectToken}' is not supported.` };

  const canonical = (field: string): string | undefined =>
    QUERYABLE_FIELDS[object].find((name) => name.toLowerCase() === field.toLowerCase());
  const fields: string[] = [];
  for (const field of selected) {
    const name = canonical(field);
    if (!name) return invalidField(field, object);
    if (fields.includes(name))
      return { errorCode: 'MALFORMED_QUERY', message: `duplicate field selected: ${name}` };
    fields.push(name);
  }

  const query: SoqlQuery = { object, fields };
  if (keyword('ORDER')) {
    next();
    if (!keyword('BY')) return malformed(peek());
    next();
    const field = next();
    if (field === undefined || !IDENTIFIER.test(field)) return malformed(field);
    const name = canonical(field);
    if (!name) return invalidField(field, object);
    let descending = false;
    if (keyword('ASC') || keyword('DESC')) descending = next()?.toUpperCase() === 'DESC';
    query.orderBy = { field: name, descending };
  }
  if (keyword('LIMIT')) {
    next();
    const count = next();
    if (count === undefined || !/^\d+$/.test(count)) return malformed(count);
    query.limit = Number(count);
  }
  if (position < tokens.length) return malformed(peek());
  return query;
}

function invalidField(field: string, object: string): SoqlError {
  return {
    errorCode: 'INVALID_FIELD',
    message: `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  };
}

export function isSoqlError(result: SoqlQuery | SoqlError): result is SoqlError {
  return 'errorCode' in result;
}
