// The key manager's constant resource attribution, as every seed example shows it, and the URI
// scheme of each kind of resource.
export const ACCOUNT = 'kylo:kylo:admin:accounts:kylo';
export const APPLICATION = 'ncryptify:gemalto:admin:apps:kylo';
export const DEV_ACCOUNT = 'ncryptify:gemalto:admin:accounts:gemalto';

export const resourceUri = (kind: 'synchronize' | 'Tenant_Secret' | 'sfdc-organization', id: string) =>
  `kylo:kylo:cckm:${kind}:${id}`;
