/**
 * GENERATED FILE, DO NOT EDIT.
 * Written by `pnpm generate` from the contract in openapi/; `pnpm check:generated` fails when
 * this file differs from a fresh generation. Change the spec, then regenerate.
 */

export interface paths {
    "/v1/cckm/sfdc/keys/synchronization-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Salesforce synchronization jobs
         * @description Lists the Salesforce synchronization jobs of the caller's domain, one page at a time, newest
         *     first unless `sort` says otherwise. Filters combine with AND. `total` counts every job that
         *     matches the filters, so a client pages with `skip` until `skip >= total`.
         *
         *     Requires the group `admin`, `CCKM Admins` or `CCKM Users`.
         */
        get: operations["listSfdcSynchronizationJobs"];
        put?: never;
        /**
         * Start a Salesforce tenant-secret synchronization job
         * @description Starts a background job that copies the tenant secrets of the chosen Salesforce organizations
         *     (or of every organization of the caller's domain) into the key manager, and answers at once
         *     with the job in `in_progress`. Poll the job with the list operation (`?id=<job id>`) until
         *     `overall_status` is `completed` or `failed`.
         *
         *     Organizations are named by resource ID or by Salesforce organization ID. For each one the job
         *     lists its tenant secrets in Salesforce, records every secret with its Salesforce parameters and
         *     a backup of its value, marks records that Salesforce no longer has, and writes one line in
         *     `detailed_status`. Afterwards each secret type has at most one `ACTIVE` secret; the others are
         *     `ARCHIVED` or `DESTROYED`.
         *
         *     Only one job at a time may synchronize a given organization: while one is `in_progress`, a
         *     request naming any of its organizations is refused with 409.
         *
         *     Requires the group `admin` or `CCKM Admins`.
         */
        post: operations["createSfdcSynchronizationJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cckm/sfdc/keys/{id}/delete-backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete the backup of a destroyed Salesforce tenant secret
         * @description Removes the key manager's record of a Salesforce tenant secret, and with it the backup of the
         *     secret's value, and answers with the record as it was. Only a secret whose Salesforce status is
         *     `DESTROYED` may lose its backup: for an `ACTIVE` or `ARCHIVED` secret the backup is what
         *     still decrypts data, and the request is refused with 409. Once deleted, the record is gone: a
         *     second call answers 404. The call sends no body.
         *
         *     A deletion is final. The key manager shreds the backup and remembers that it did, so a later
         *     synchronization of the organization skips this Salesforce secret (the same Salesforce ID): it
         *     neither restores the backup nor creates a new record for it.
         *
         *     Requires the group `admin` or `CCKM Admins`.
         */
        post: operations["deleteSfdcTenantSecretBackup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cckm/sap/synchronization-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an SAP key synchronization job
         * @description Starts a background job that copies the keys of the chosen SAP Data Custodian groups (or of
         *     every group of the caller's domain) into the key manager, and answers at once with the job in
         *     `in_progress`. Groups are named by resource ID or by SAP group ID; the job lists them by SAP
         *     group ID in `groups` and writes one line per group in `detailed_status`.
         *
         *     Only one job at a time may synchronize a given group: while one is `in_progress`, a request
         *     naming any of its groups is refused with 409.
         *
         *     Requires the group `admin` or `CCKM Admins`.
         */
        post: operations["createSapSynchronizationJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cckm/sfdc/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Switch a Salesforce organization to another connection
         * @description Makes the key manager reach the Salesforce organization through another connection, and
         *     answers with the updated organization. The connection is named by resource ID or by name
         *     (an ID match wins). Before anything changes, three checks must pass, each with its own 422
         *     problem type: the connection exists in the caller's domain; it is a Salesforce connection;
         *     and, through it, Salesforce confirms that it reaches this very organization (its organization
         *     ID equals the organization's `organization_id`). When Salesforce does not answer in time the
         *     answer is 504 and nothing changes.
         *
         *     Requires the group `admin` or `CCKM Admins`.
         */
        patch: operations["updateSfdcOrganization"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Where a synchronization job stands. `in_progress` until every organization or group has been
         *     handled; then `completed` (even if some of them failed: see `detailed_status`) or `failed` (none
         *     of them could be synchronized).
         * @enum {string}
         */
        OverallStatus: "in_progress" | "completed" | "failed";
        /**
         * @description A Salesforce organization, named either by the key manager's organization resource ID (a UUID)
         *     or by its 18-character Salesforce organization ID (`00D...`).
         * @example 2473e846-31a8-4ee6-8299-17025548b4e2
         * @example 00DB000000040bIMAQ
         */
        OrganizationReference: string;
        /**
         * @description The key manager account that owns the resource.
         * @example kylo:kylo:admin:accounts:kylo
         */
        Account: string;
        /**
         * @description The key manager application that created the resource.
         * @example ncryptify:gemalto:admin:apps:kylo
         */
        Application: string;
        /**
         * @description The developer account of the application that created the resource.
         * @example ncryptify:gemalto:admin:accounts:gemalto
         */
        DevAccount: string;
        /**
         * Format: date-time
         * @description An RFC 3339 date-time in UTC, with up to nine fractional digits.
         * @example 2021-07-27T03:06:20.002297124Z
         */
        ResourceTimestamp: string;
        /**
         * @description An 18-character Salesforce organization ID (key prefix `00D`).
         * @example 00DB000000040bIMAQ
         */
        SalesforceOrgId: string;
        /**
         * @description An SAP Data Custodian group, named either by the key manager's group resource ID (a UUID) or by
         *     the group's ID in SAP Data Custodian.
         * @example 3e732d57-5ea1-491f-b238-9f4a39a9566f
         * @example 00RT000000060vKLOP
         */
        SapGroupReference: string;
        /**
         * @description A job that copies the tenant secrets of Salesforce organizations (`cloud: sfdc`) or the keys of
         *     SAP Data Custodian groups (`cloud: sap`) into the key manager. A Salesforce job lists its
         *     organizations in `kms`; an SAP job lists its groups in `groups`; never both.
         */
        SynchronizationJob: {
            /**
             * Format: uuid
             * @description The job's resource ID.
             * @example c8d2f27b-fb4f-4557-b63c-00d4a1439c4a
             */
            id: string;
            /**
             * @description The job's URI, `kylo:kylo:cckm:synchronize:<id>`.
             * @example kylo:kylo:cckm:synchronize:c8d2f27b-fb4f-4557-b63c-00d4a1439c4a
             */
            uri: string;
            account: components["schemas"]["Account"];
            application: components["schemas"]["Application"];
            devAccount: components["schemas"]["DevAccount"];
            /** @description When the job was created. */
            createdAt: components["schemas"]["ResourceTimestamp"];
            /** @description When the job last changed; moves on every change of status. */
            updatedAt: components["schemas"]["ResourceTimestamp"];
            /** @description When the job finished. Absent while the job is `in_progress`. */
            completed_at?: components["schemas"]["ResourceTimestamp"];
            overall_status: components["schemas"]["OverallStatus"];
            /**
             * @description One message per organization (keyed by Salesforce organization ID) or group (keyed by SAP
             *     group ID) that the job has handled so far, e.g. `synchronized 4 tenant secrets` or the
             *     error that stopped that organization. Absent until the first one is handled.
             * @example {
             *       "00DB000000040bIMAQ": "synchronized 4 tenant secrets"
             *     }
             */
            detailed_status?: {
                [key: string]: string;
            };
            /**
             * @description Which cloud the job synchronizes.
             * @enum {string}
             */
            cloud: "sfdc" | "sap";
            /** @description The Salesforce organizations the job synchronizes (Salesforce jobs only). */
            kms?: components["schemas"]["SalesforceOrgId"][];
            /** @description The SAP Data Custodian group IDs the job synchronizes (SAP jobs only). */
            groups?: components["schemas"]["SapGroupReference"][];
            /** @description Whether cancellation of the job was requested. */
            abort: boolean;
        };
        /** @description One page of synchronization jobs. */
        SynchronizationJobList: {
            /** @description The `skip` this page was asked with. */
            skip: number;
            /** @description The `limit` this page was asked with. */
            limit: number;
            /** @description How many jobs match the filter, over all pages. */
            total: number;
            /** @description The jobs of this page, in the requested order; at most `limit` of them. */
            resources: components["schemas"]["SynchronizationJob"][];
        };
        /** @description One validation failure. */
        ProblemFieldError: {
            /**
             * @description Where the failure is, as a JSON pointer into the request (`/body/organization_ids/0`, `/query/limit`).
             * @example /query/limit
             */
            path: string;
            /**
             * @description What is wrong there.
             * @example must be <= 1000
             */
            message: string;
        };
        /** @description An RFC 9457 problem detail, the body of every error response. */
        Problem: {
            /**
             * Format: uri-reference
             * @description Identifies the kind of problem, `urn:cckm:problem:<kind>`. Clients branch on this, not on
             *     `title` or `detail`.
             * @example urn:cckm:problem:validation-failed
             */
            type: string;
            /**
             * @description Short summary of the kind of problem; the same for every occurrence of a `type`.
             * @example Request validation failed
             */
            title: string;
            /** @description The HTTP status code of this response. */
            status: number;
            /** @description What went wrong this time, in words meant for the caller. */
            detail?: string;
            /**
             * Format: uri-reference
             * @description The request path this problem is about.
             * @example /api/v1/cckm/sfdc/keys/synchronization-jobs
             */
            instance?: string;
            /** @description For validation problems, one entry per offending location. */
            errors?: components["schemas"]["ProblemFieldError"][];
        };
        /**
         * @description Which Salesforce organizations to synchronize: exactly one of `organization_ids` (a non-empty
         *     list without repeats) or `synchronize_all: true` (every organization of the caller's domain).
         *     Sending both, neither, or `synchronize_all: false` is invalid.
         */
        SfdcSynchronizationJobRequest: {
            /** @description The organizations to synchronize, by resource ID or Salesforce organization ID. */
            organization_ids?: components["schemas"]["OrganizationReference"][];
            /**
             * @description `true` synchronizes every Salesforce organization of the caller's domain.
             * @constant
             */
            synchronize_all?: true;
        } & (unknown | unknown);
        /**
         * @description A date-time in Salesforce's own form, `YYYY-MM-DDThh:mm:ss.sss+hhmm` (the offset has no colon,
         *     so it is not an RFC 3339 `date-time`). Kept as Salesforce sent it.
         * @example 2021-08-19T14:46:44.000+0000
         */
        SalesforceDateTime: string;
        /**
         * @description An 18-character Salesforce user ID (key prefix `005`).
         * @example 0053h000000r5rKAAQ
         */
        SalesforceUserId: string;
        /**
         * @description The tenant secret as Salesforce describes it (the `TenantSecret` sObject), with Salesforce's
         *     field names and date format. `SecretValue` is the key manager's backup of the (encrypted) secret.
         */
        SalesforceTenantSecretParams: {
            /**
             * @description The secret's Salesforce record ID (key prefix `02G`).
             * @example 02G190000009TlEEAU
             */
            SalesforceID: string;
            CreatedDate: components["schemas"]["SalesforceDateTime"];
            CreatedById: components["schemas"]["SalesforceUserId"];
            LastModifiedDate: components["schemas"]["SalesforceDateTime"];
            LastModifiedById: components["schemas"]["SalesforceUserId"];
            SystemModstamp: components["schemas"]["SalesforceDateTime"];
            /**
             * @description Base64 hash of the secret value, as Salesforce reports it.
             * @example UNKNOWM=
             */
            SecretValueHash: string;
            /**
             * @description Base64 of the encrypted secret value; the backup the key manager keeps.
             * @example CgMyMzISEO3N5nQt+DmGWZ6P5sYRM94aMCRsJDVJCLWeZApXY9E5hAE0unbb2IAEE2OMBxFjuIIVqO5ia9ypAZ9EtNHqbEVNnA==
             */
            SecretValue: string;
            /** @description The secret's version, unique within its organization. */
            Version: number;
            /**
             * @description `ACTIVE` encrypts and decrypts; `ARCHIVED` only decrypts data encrypted earlier;
             *     `DESTROYED` does neither. Each secret type has at most one `ACTIVE` secret.
             * @enum {string}
             */
            Status: "ACTIVE" | "ARCHIVED" | "DESTROYED";
            /**
             * @description `HSM`: generated by Salesforce; `UPLOADED`: supplied by the customer; `REMOTE`: fetched from a remote key service.
             * @enum {string}
             */
            Source: "HSM" | "UPLOADED" | "REMOTE";
            /**
             * @description What the secret encrypts.
             * @enum {string}
             */
            Type: "Data" | "SearchIndex" | "DeterministicData" | "EventBus" | "Analytics" | "Database";
            /** @description Certificate used for a remote (cache-only) key callout; empty when none. */
            RemoteKeyCertificate: string;
            /** @description Named credential of the remote key service; empty when none. */
            RemoteKeyServiceID: string;
            /** @description ID of the key material at the remote key service; empty when none. */
            RemoteKeyIdentifier: string;
        };
        /** @description The key manager's record of a Salesforce tenant secret, with its backup. */
        TenantSecret: {
            /**
             * Format: uuid
             * @description The record's resource ID.
             * @example 912c7e4d-121e-42bc-ba28-33005cc665cf
             */
            id: string;
            /**
             * @description The record's URI, `kylo:kylo:cckm:Tenant_Secret:<id>`.
             * @example kylo:kylo:cckm:Tenant_Secret:912c7e4d-121e-42bc-ba28-33005cc665cf
             */
            uri: string;
            account: components["schemas"]["Account"];
            /** @description When the key manager first recorded the secret. */
            createdAt: components["schemas"]["ResourceTimestamp"];
            /** @description When the key manager last changed the record. */
            updatedAt: components["schemas"]["ResourceTimestamp"];
            /**
             * @description The cloud of the secret.
             * @enum {string}
             */
            cloud_name: "sfdc";
            /**
             * @description Display name, `<Salesforce org ID>-<Type>` for synchronized secrets.
             * @example 00DB000000040bIMAQ-DeterministicData
             */
            name: string;
            /**
             * Format: uuid
             * @description Resource ID of the key manager's Salesforce organization that holds the secret (not the
             *     Salesforce organization ID: that is `sfdc_org_id`).
             * @example 2473e846-31a8-4ee6-8299-17025548b4e2
             */
            organization_id: string;
            /** @description The last error the key manager met with this secret; empty when none. */
            error_msg: string;
            sfdc_params: components["schemas"]["SalesforceTenantSecretParams"];
            sfdc_org_id: components["schemas"]["SalesforceOrgId"];
            /** @description Whether the key manager rotates this secret on a schedule. */
            auto_rotate: boolean;
            /**
             * @description Where the key material comes from: `native` (generated by Salesforce, `Source: HSM`),
             *     `byok` (uploaded from the key manager, `Source: UPLOADED`) or `cache_only` (served by a
             *     remote key service, `Source: REMOTE`).
             * @enum {string}
             */
            origin: "native" | "byok" | "cache_only";
        };
        /**
         * @description Which SAP Data Custodian groups to synchronize: exactly one of `groups` (a non-empty list
         *     without repeats) or `synchronize_all: true` (every group of the caller's domain). Sending both,
         *     neither, or `synchronize_all: false` is invalid.
         */
        SapSynchronizationJobRequest: {
            /** @description The groups to synchronize, by resource ID or SAP group ID. */
            groups?: components["schemas"]["SapGroupReference"][];
            /**
             * @description `true` synchronizes every SAP group of the caller's domain.
             * @constant
             */
            synchronize_all?: true;
        } & (unknown | unknown);
        /** @description The connection to reach the organization through from now on. */
        UpdateOrganizationRequest: {
            /**
             * @description Name or resource ID of a Salesforce connection of the caller's domain. An exact ID match
             *     wins over a name match. The connection must reach this very Salesforce organization.
             *     Control characters (U+0000 to U+001F, U+007F) are refused.
             * @example new-sfdc-connection
             */
            connection: string;
        };
        /** @description A Salesforce organization registered with the key manager, and the connection it is reached through. */
        SalesforceOrganization: {
            /**
             * Format: uuid
             * @description The organization's resource ID in the key manager.
             * @example 2473e846-31a8-4ee6-8299-17025548b4e2
             */
            id: string;
            /**
             * @description The organization's URI, `kylo:kylo:cckm:sfdc-organization:<id>`.
             * @example kylo:kylo:cckm:sfdc-organization:2473e846-31a8-4ee6-8299-17025548b4e2
             */
            uri: string;
            account: components["schemas"]["Account"];
            application: components["schemas"]["Application"];
            devAccount: components["schemas"]["DevAccount"];
            /** @description When the organization was added to the key manager. */
            createdAt: components["schemas"]["ResourceTimestamp"];
            /** @description When the organization record last changed. */
            updatedAt: components["schemas"]["ResourceTimestamp"];
            /**
             * @description The organization's name in Salesforce.
             * @example Thales
             */
            name: string;
            /** @description The 18-character Salesforce organization ID (not the resource ID). */
            organization_id: components["schemas"]["SalesforceOrgId"];
            /**
             * @description Name of the key manager connection the organization is reached through.
             * @example new-sfdc-connection
             */
            connection: string;
            /**
             * @description The cloud of the organization.
             * @enum {string}
             */
            cloud_name: "sfdc";
            /**
             * @description `Regular` for a production or developer organization, `Sandbox` for a Salesforce sandbox.
             * @enum {string}
             */
            type: "Regular" | "Sandbox";
        };
    };
    responses: {
        /**
         * @description The bearer token is missing, malformed, expired, not yet valid, wrongly signed or signed with an
         *     algorithm the server does not accept.
         */
        Unauthorized: {
            headers: {
                /**
                 * @description The authentication scheme to use, with the reason for the refusal (RFC 6750).
                 * @example Bearer realm="cckm", error="invalid_token", error_description="The bearer token has expired"
                 */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The token is valid, but none of its groups may call this operation. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An unexpected failure. The body never carries internals (stack traces, SQL); the failure is logged under the request ID. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description Only the synchronization job with this resource ID.
         * @example c8d2f27b-fb4f-4557-b63c-00d4a1439c4a
         */
        SynchronizationJobIdFilter: string;
        /**
         * @description Only jobs in this overall status.
         * @example completed
         */
        OverallStatusFilter: components["schemas"]["OverallStatus"];
        /**
         * @description Comma-separated list of Salesforce organizations; only jobs that synchronize at least one of them
         *     are listed. Each entry is either the key manager's organization resource ID (a UUID) or the
         *     18-character Salesforce organization ID (`00D...`). An entry that names no organization of the
         *     caller's domain matches nothing.
         * @example [
         *       "2473e846-31a8-4ee6-8299-17025548b4e2",
         *       "00DB000000040bIMAQ"
         *     ]
         */
        OrganizationsFilter: components["schemas"]["OrganizationReference"][];
        /**
         * @description How many matching records to skip before the page starts. With `skip=5`, the first five
         *     matches are not returned. At most 2,147,483,647 (a larger or non-finite value is a 400).
         * @example 0
         */
        Skip: number;
        /**
         * @description How many records the page holds at most, counted after the `skip` records.
         * @example 10
         */
        Limit: number;
        /**
         * @description Comma-separated list of the fields to order by, most significant first. A field prefixed with
         *     `-` sorts in descending order. Allowed fields: `createdAt`, `updatedAt`, `completed_at`,
         *     `overall_status`. Ties are broken by `id`, so paging is stable. Jobs without `completed_at`
         *     sort after those that have one in ascending order, and before them in descending order.
         */
        Sort: string;
        /**
         * @description The key manager's resource ID (a UUID) of the resource.
         * @example 2473e846-31a8-4ee6-8299-17025548b4e2
         */
        ResourceId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listSfdcSynchronizationJobs: {
        parameters: {
            query?: {
                /**
                 * @description Only the synchronization job with this resource ID.
                 * @example c8d2f27b-fb4f-4557-b63c-00d4a1439c4a
                 */
                id?: components["parameters"]["SynchronizationJobIdFilter"];
                /**
                 * @description Only jobs in this overall status.
                 * @example completed
                 */
                overall_status?: components["parameters"]["OverallStatusFilter"];
                /**
                 * @description Comma-separated list of Salesforce organizations; only jobs that synchronize at least one of them
                 *     are listed. Each entry is either the key manager's organization resource ID (a UUID) or the
                 *     18-character Salesforce organization ID (`00D...`). An entry that names no organization of the
                 *     caller's domain matches nothing.
                 * @example [
                 *       "2473e846-31a8-4ee6-8299-17025548b4e2",
                 *       "00DB000000040bIMAQ"
                 *     ]
                 */
                organizations?: components["parameters"]["OrganizationsFilter"];
                /**
                 * @description How many matching records to skip before the page starts. With `skip=5`, the first five
                 *     matches are not returned. At most 2,147,483,647 (a larger or non-finite value is a 400).
                 * @example 0
                 */
                skip?: components["parameters"]["Skip"];
                /**
                 * @description How many records the page holds at most, counted after the `skip` records.
                 * @example 10
                 */
                limit?: components["parameters"]["Limit"];
                /**
                 * @description Comma-separated list of the fields to order by, most significant first. A field prefixed with
                 *     `-` sorts in descending order. Allowed fields: `createdAt`, `updatedAt`, `completed_at`,
                 *     `overall_status`. Ties are broken by `id`, so paging is stable. Jobs without `completed_at`
                 *     sort after those that have one in ascending order, and before them in descending order.
                 */
                sort?: components["parameters"]["Sort"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the jobs that match the filters. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SynchronizationJobList"];
                };
            };
            /**
             * @description A query parameter is unknown or invalid: `skip` below 0, `limit` outside 1..1000, an `id`
             *     that is not a UUID, an unknown `overall_status`, a malformed `organizations` entry, or a
             *     `sort` field outside the allowed set.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createSfdcSynchronizationJob: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SfdcSynchronizationJobRequest"];
            };
        };
        responses: {
            /** @description The job was created and runs in the background. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SynchronizationJob"];
                };
            };
            /**
             * @description The body is not JSON, has unknown fields, or does not name exactly one of
             *     `organization_ids` (non-empty, no repeats, each a resource ID or Salesforce organization ID)
             *     and `synchronize_all: true`.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A job that is still `in_progress` already synchronizes one of the organizations. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description An organization of `organization_ids` does not exist in the caller's domain, or
             *     `synchronize_all` was asked in a domain that has no Salesforce organization.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    deleteSfdcTenantSecretBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The key manager's resource ID (a UUID) of the resource.
                 * @example 2473e846-31a8-4ee6-8299-17025548b4e2
                 */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The backup was deleted; the body is the record as it was just before. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSecret"];
                };
            };
            /** @description The path ID is not a UUID. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No tenant secret with this ID in the caller's domain, or its backup was already deleted. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The secret's status is not `DESTROYED`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    createSapSynchronizationJob: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SapSynchronizationJobRequest"];
            };
        };
        responses: {
            /** @description The job was created and runs in the background. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SynchronizationJob"];
                };
            };
            /**
             * @description There is no JSON body, or it has unknown fields, or it does not name exactly one of
             *     `groups` (non-empty, no repeats) and `synchronize_all: true`.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A job that is still `in_progress` already synchronizes one of the groups. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description A group of `groups` does not exist in the caller's domain, or `synchronize_all` was asked
             *     in a domain that has no SAP group.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    updateSfdcOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The key manager's resource ID (a UUID) of the resource.
                 * @example 2473e846-31a8-4ee6-8299-17025548b4e2
                 */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganizationRequest"];
            };
        };
        responses: {
            /** @description The organization now uses the connection. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SalesforceOrganization"];
                };
            };
            /** @description The path ID is not a UUID, or the body is not JSON, lacks `connection` or has other fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No Salesforce organization with this ID in the caller's domain. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The connection does not exist, is not a Salesforce connection, or does not reach this organization. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalServerError"];
            /**
             * @description Salesforce did not answer within the server's cloud timeout (`CLOUD_TIMEOUT_MS`, 10 s by
             *     default) while the connection was checked. Nothing was changed; the request may be retried.
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
