import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  caseSafeId,
  createFakeCloudState,
  generateOrganizations,
  generateTenantSecrets,
  SEED,
  seedFromSeedPages,
} from '../src/index.ts';

describe('seeding', () => {
  it("when seeded from the seed pages, then the demo data's organizations, secrets and groups are there", () => {
    const state = createFakeCloudState();
    const logins = seedFromSeedPages(state);
    expect(
      state.salesforce.organizations.get(SEED.organizations.thales.id)?.secrets.map((secret) => secret.Id),
    ).toEqual(['02G190000009TlAAAU', '02G190000009TlBBAU', '02G190000009TlCCAU', '02G190000009TlDDAU']);
    const europe = state.salesforce.organizations.get(SEED.organizations.seed002.id)?.secrets;
    expect(europe?.[0]?.SecretValue).toMatch(/^CgMyMzISEO3N5nQt/);
    expect(europe?.[1]?.SecretValue).toBe(
      Buffer.from('demo secret 02G190000009TlFFAU v21').toString('base64'),
    );
    expect([...state.sap.groups.keys()]).toEqual(SEED.sapGroups.map((group) => group.groupId));
    expect(state.sap.groups.get(SEED.sapGroups[0].groupId)?.keys.map((key) => key.id)).toEqual([
      'finance-master-key',
      'finance-signing-key',
    ]);
    const jwt = logins.salesforce['sfdc-connection'];
    const app = state.salesforce.apps.get(jwt?.clientId ?? '');
    const certificate = new X509Certificate(app?.certificatePem ?? '');
    expect(certificate.subject).toBe('CN=sfdc-connection');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(
      jwt?.flow === 'jwt-bearer' && certificate.checkPrivateKey(createPrivateKey(jwt.privateKeyPem)),
    ).toBe(true);
    expect(Object.keys(logins.salesforce).sort()).toEqual([
      'expired-sfdc-connection',
      'new-sfdc-connection',
      'other-sfdc-connection',
      'sfdc-connection',
    ]);
  });

  it('when secrets are generated, then each type has exactly one ACTIVE secret and versions are unique per type', () => {
    const secrets = generateTenantSecrets(createFakeCloudState(), 23);
    const byType = new Map<string, typeof secrets>();
    for (const secret of secrets) byType.set(secret.Type, [...(byType.get(secret.Type) ?? []), secret]);
    expect(byType.size).toBe(5);
    for (const group of byType.values()) {
      expect(group.filter((secret) => secret.Status === 'ACTIVE')).toHaveLength(1);
      expect(new Set(group.map((secret) => secret.Version)).size).toBe(group.length);
      expect(group.find((secret) => secret.Status === 'ACTIVE')?.Version).toBe(
        Math.max(...group.map((secret) => secret.Version)),
      );
    }
  });

  it('when organizations are generated, then IDs are 18-character, case-safe and distinct', () => {
    const state = createFakeCloudState();
    const generated = generateOrganizations(state, { organizations: 50, secretsPerOrganization: 2 });
    const ids = generated.map((organization) => organization.organizationId);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^00D[A-Za-z0-9]{15}$/);
      expect(caseSafeId(id.slice(0, 15))).toBe(id);
    }
    expect(state.salesforce.apps.size).toBe(50);
    generateOrganizations(state, { organizations: 2, secretsPerOrganization: 1 });
    expect(state.salesforce.users.size).toBe(52);
  });

  it('when a 15-character ID is made case-safe, then the suffix matches Salesforce', () => {
    expect(caseSafeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });
});
