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
         *     Pollers: every page carries an `ETag`; ask again with `If-None-Match` and an unchanged page
         *     is a `304` with no body, sent without reading the jobs again where the server still holds
         *     the page.
         *
         *     Requires the group `admin`, `CCKM Admins` or `CCKM Users`.
         */
        get: operations["listSfdcSynchronizationJobs"];
        put?: never;
        /**
         * Start a Salesforce tenant-secret synchronization job
         * @description Starts a background job that copies the tenant secrets of the chosen Salesforce organizations
         *     (or of every organization of the caller's domain) into the key manager, and answers at once
         *     with the job in `in_progress`. The `Location` header names where the job can be read: the
         *     list operation filtered by its ID (`?id=<job id>`); poll it until `overall_status` is
         *     `completed` or `failed`. These five operations have no get-by-ID: the filtered list is how a
         *     single job is read.
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
         *     These five operations cannot read an SAP job back (the list operation lists Salesforce jobs
         *     only), so the 201 carries no `Location`: the body, with the job's `id`, is all a client gets.
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
         * @description A job that copies the tenant secrets of Salesforce organizations (`cloud: sfdc`) or the keys of
         *     SAP Data Custodian groups (`cloud: sap`) into the key manager. `cloud` selects the shape: a
         *     Salesforce job lists its organizations in `kms`, an SAP job its groups in `groups`; never both.
         *     No operation answers with this union (since 1.2.0 each names its own job: the Salesforce 201 and
         *     the list's items are `SfdcSynchronizationJob`, the SAP 201 `SapSynchronizationJob`); it is kept
         *     for code that handles jobs of either cloud, and because generated clients export it by name.
         *     `cloud` tells the branches apart (a `const` in each); there is no `discriminator` keyword, which
         *     openapi-zod-client turns into a zod `discriminatedUnion` that zod refuses for `allOf` branches.
         */
        SynchronizationJob: components["schemas"]["SfdcSynchronizationJob"] | components["schemas"]["SapSynchronizationJob"];
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
         * @description One sort key of the job list, a field name, prefixed with `-` for descending order.
         * @enum {string}
         */
        SynchronizationJobSortKey: "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt" | "completed_at" | "-completed_at" | "overall_status" | "-overall_status";
        /**
         * @description The request's ID, equal to the `X-Request-Id` response header: the caller's own `X-Request-Id`
         *     when it sent a sane one (1 to 128 of `A-Z a-z 0-9 . _ : -`), else one the server made up. The
         *     server's log lines about the request carry it; quote it when reporting a problem.
         * @example 6f1c2a0e-5b7d-4a43-9a55-3d0c9e7b2f10
         */
        RequestId: string;
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
        /** @description What every synchronization job has, whichever cloud it synchronizes. */
        SynchronizationJobCommon: {
            /**
             * Format: uuid
             * @description The job's resource ID.
             * @example c8d2f27b-fb4f-4557-b63c-00d4a1439c4a
             */
            id: string;
            /**
             * @description The job's URI, `kylo:kylo:cckm:synchronize:<id>`. The key manager serves one account, `kylo`,
             *     so every URI it makes starts `kylo:kylo:`; identify the job by `id`, never by parsing `uri`.
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
            /** @description Which cloud the job synchronizes; selects the job's shape. */
            cloud: string;
            /** @description Whether cancellation of the job was requested. */
            abort: boolean;
        };
        /**
         * @description An 18-character Salesforce organization ID (key prefix `00D`).
         * @example 00DB000000040bIMAQ
         */
        SalesforceOrgId: string;
        /**
         * Salesforce job
         * @description A job that synchronizes Salesforce organizations (`cloud: sfdc`).
         */
        SfdcSynchronizationJob: components["schemas"]["SynchronizationJobCommon"] & {
            /**
             * @constant
             * @enum {string}
             */
            cloud: "sfdc";
            /** @description The Salesforce organization IDs (`00D...`) the job synchronizes, however the request named them. */
            kms: components["schemas"]["SalesforceOrgId"][];
        };
        /** @description One page of Salesforce synchronization jobs (the list operation lists no SAP job). */
        SynchronizationJobList: {
            /** @description The `skip` this page was asked with. */
            skip: number;
            /** @description The `limit` this page was asked with. */
            limit: number;
            /** @description How many jobs match the filter, over all pages. */
            total: number;
            /** @description The jobs of this page, in the requested order; at most `limit` of them. */
            resources: components["schemas"]["SfdcSynchronizationJob"][];
        };
        /**
         * Format: uri
         * @description The problem-type catalogue: every `type` the key manager sends. Each is a `tag:` URI
         *     (RFC 4151): an absolute, valid URI (`format: uri`) that identifies the kind and is never
         *     fetched. Clients branch on it, never on `title` or `detail`; each response names the kinds
         *     known at its release. Each kind is documented under "Problem types" in the reference, at the
         *     anchor `#section/problem-types/<kind>` (the kind's schema links there in `externalDocs`).
         *
         *     | `type` | status | when |
         *     | --- | --- | --- |
         *     | `tag:cckm-contract.github.io,2026:problem:validation-failed` | 400 | malformed JSON, unknown field or query parameter, bad parameter, xor rule broken (`errors[]` lists each location) |
         *     | `tag:cckm-contract.github.io,2026:problem:unauthorized` | 401 | token missing, malformed, expired, not yet valid, wrong signature or algorithm |
         *     | `tag:cckm-contract.github.io,2026:problem:forbidden` | 403 | valid token, but no group that may call the operation |
         *     | `tag:cckm-contract.github.io,2026:problem:not-found` | 404 | no resource with the path ID in the caller's domain, or no operation at the path |
         *     | `tag:cckm-contract.github.io,2026:problem:method-not-allowed` | 405 | the path exists, the method does not (`Allow` lists the methods) |
         *     | `tag:cckm-contract.github.io,2026:problem:request-timeout` | 408 | the request (headers or body) did not arrive in time |
         *     | `tag:cckm-contract.github.io,2026:problem:sync-job-running` | 409 | a job in progress already covers a requested organization or group (`job_id` names it) |
         *     | `tag:cckm-contract.github.io,2026:problem:secret-not-destroyed` | 409 | delete-backup of a secret that is `ACTIVE` or `ARCHIVED` |
         *     | `tag:cckm-contract.github.io,2026:problem:unsupported-media-type` | 415 | a body in a media type the operation does not accept (`Accept-Post` / `Accept-Patch` list them) |
         *     | `tag:cckm-contract.github.io,2026:problem:unknown-organization` | 422 | a sync names an organization the domain lacks, or `synchronize_all` in a domain without one |
         *     | `tag:cckm-contract.github.io,2026:problem:unknown-group` | 422 | the same for SAP groups |
         *     | `tag:cckm-contract.github.io,2026:problem:connection-not-found` | 422 | PATCH names a connection that does not exist |
         *     | `tag:cckm-contract.github.io,2026:problem:connection-not-salesforce` | 422 | PATCH names a connection of another cloud |
         *     | `tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization` | 422 | through the connection, Salesforce reports another organization, or none |
         *     | `tag:cckm-contract.github.io,2026:problem:request-header-fields-too-large` | 431 | the request headers exceed 16 KB |
         *     | `tag:cckm-contract.github.io,2026:problem:internal` | 500 | anything unexpected; no internals in the body, `request_id` finds the log lines |
         *     | `tag:cckm-contract.github.io,2026:problem:service-unavailable` | 503 | the server is shutting down or its database does not answer |
         *     | `tag:cckm-contract.github.io,2026:problem:cloud-timeout` | 504 | PATCH: Salesforce did not answer within the server's cloud timeout; nothing changed |
         *
         *     The catalogue may grow in a minor release, on a new status or on an existing one: the `type`
         *     constants of each response are the kinds known at its release, not a closed list, so treat an
         *     unknown `type` by its status class. A kind listed on a status stays there within a major
         *     version.
         * @example tag:cckm-contract.github.io,2026:problem:validation-failed
         */
        ProblemType: string;
        /** @description One validation failure. */
        ProblemFieldError: {
            /**
             * @description Where the failure is, as a JSON pointer into the request: `/body/...` (the JSON body),
             *     `/query/<name>`, `/path/<name>`, `/headers/<name>`.
             * @example /query/limit
             */
            path: string;
            /**
             * @description What is wrong there.
             * @example must be <= 1000
             */
            message: string;
        };
        /**
         * @description An RFC 9457 problem detail, the body of every error response. Open for RFC 9457 extension
         *     members (§3.2): besides the members below, a problem may carry others; ignore those you do not
         *     know. Each response narrows `type` to the kinds known at this release (see `ProblemType`): a
         *     minor release may add a kind to a status, so handle a `type` you do not know by the status.
         */
        Problem: {
            type: components["schemas"]["ProblemType"];
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
            request_id: components["schemas"]["RequestId"];
            /** @description For validation problems, one entry per offending location. */
            errors?: components["schemas"]["ProblemFieldError"][];
        };
        /** @description A 400: the request breaks the contract; `errors[]` lists each offending location. */
        ValidationFailedProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:validation-failed";
            /** @description One entry per offending location; never empty for this kind. */
            errors: components["schemas"]["ProblemFieldError"][];
        };
        /** @description A 401: the bearer token is missing, malformed, expired, not yet valid or wrongly signed. */
        UnauthorizedProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:unauthorized";
        };
        /** @description A 403: the token is valid, but none of its groups may call the operation. */
        ForbiddenProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:forbidden";
        };
        /** @description A 500: an unexpected failure; no internals, but `request_id` finds the server's log lines. */
        InternalProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:internal";
        };
        /**
         * By organization
         * @description Synchronize the named Salesforce organizations.
         */
        SfdcSynchronizeOrganizations: {
            /**
             * @description The organizations to synchronize, by resource ID or Salesforce organization ID; at most 100
             *     per request (`synchronize_all` covers more).
             */
            organization_ids: components["schemas"]["OrganizationReference"][];
            /**
             * @description May be sent as `false` (what many generated clients send); `true` needs the other shape.
             * @constant
             * @enum {boolean}
             */
            synchronize_all?: false;
        };
        /**
         * All organizations
         * @description Synchronize every Salesforce organization of the caller's domain.
         */
        SfdcSynchronizeAll: {
            /**
             * @description `true`: every Salesforce organization of the caller's domain.
             * @constant
             * @enum {boolean}
             */
            synchronize_all: true;
        };
        /**
         * @description Which Salesforce organizations to synchronize: a non-empty list of `organization_ids` without
         *     repeats (`synchronize_all` then absent or `false`), or `synchronize_all: true` alone (every
         *     organization of the caller's domain). Anything else is a 400: both a list and `true`, neither,
         *     `synchronize_all: false` alone, an empty list, an unknown field.
         */
        SfdcSynchronizationJobRequest: components["schemas"]["SfdcSynchronizeOrganizations"] | components["schemas"]["SfdcSynchronizeAll"];
        /** @description A 409: a job still `in_progress` already synchronizes one of the requested organizations or groups. */
        SyncJobRunningProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:sync-job-running";
            /**
             * Format: uuid
             * @description The resource ID of the running job that blocks this request (poll it with the list
             *     operation, `?id=<job_id>`). Absent only when another server instance started that job in
             *     the same instant, so its ID was not known yet.
             * @example c8d2f27b-fb4f-4557-b63c-00d4a1439c4a
             */
            job_id?: string;
        };
        /** @description A 415: the body is not in a media type the operation accepts (`Accept-Post` or `Accept-Patch` lists them). */
        UnsupportedMediaTypeProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:unsupported-media-type";
        };
        /** @description A 422: a named Salesforce organization is not in the caller's domain, or the domain has none. */
        UnknownOrganizationProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:unknown-organization";
        };
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
            /** @description The secret's version number, as Salesforce reports it (Salesforce numbers a type's secrets from 1). */
            Version: number;
            /**
             * @description `ACTIVE` encrypts and decrypts; `ARCHIVED` only decrypts data encrypted earlier;
             *     `DESTROYED` does neither. Each secret type has at most one `ACTIVE` secret. Salesforce owns
             *     this picklist: a value it adds later is passed on as is, so keep a default branch.
             */
            Status: ("ACTIVE" | "ARCHIVED" | "DESTROYED") | string;
            /**
             * @description `HSM`: generated by Salesforce; `UPLOADED`: supplied by the customer; `REMOTE`: fetched from a
             *     remote key service. Salesforce owns this picklist: a value it adds later is passed on as is.
             */
            Source: ("HSM" | "UPLOADED" | "REMOTE") | string;
            /**
             * @description What the secret encrypts. Salesforce owns this picklist (it has grown before): a value it
             *     adds later is passed on as is.
             */
            Type: ("Data" | "SearchIndex" | "DeterministicData" | "EventBus" | "Analytics" | "Database") | string;
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
             * @description The record's URI, `kylo:kylo:cckm:Tenant_Secret:<id>`. The key manager serves one account,
             *     `kylo`, so every URI it makes starts `kylo:kylo:`; identify the record by `id`, never by
             *     parsing `uri`.
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
             * @description Display name. The key manager names the secrets it synchronizes `<Salesforce org ID>-<Type>`;
             *     records it did not create may be named otherwise (seed 002 shows one), so do not parse it.
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
        /** @description A 404: no resource with the path ID in the caller's domain. */
        NotFoundProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:not-found";
        };
        /** @description A 409: the tenant secret is `ACTIVE` or `ARCHIVED`, so its backup is kept. */
        SecretNotDestroyedProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:secret-not-destroyed";
        };
        /**
         * @description An SAP Data Custodian group, named either by the key manager's group resource ID (a UUID) or by
         *     the group's ID in SAP Data Custodian. The pattern and the 64-character bound are the key
         *     manager's own sanity limits (SAP documents no format for group IDs): every ID SAP has issued so
         *     far fits, and so does a UUID.
         * @example 3e732d57-5ea1-491f-b238-9f4a39a9566f
         * @example 00RT000000060vKLOP
         */
        SapGroupReference: string;
        /**
         * By group
         * @description Synchronize the named SAP Data Custodian groups.
         */
        SapSynchronizeGroups: {
            /**
             * @description The groups to synchronize, by resource ID or SAP group ID; at most 100 per request
             *     (`synchronize_all` covers more).
             */
            groups: components["schemas"]["SapGroupReference"][];
            /**
             * @description May be sent as `false` (what many generated clients send); `true` needs the other shape.
             * @constant
             * @enum {boolean}
             */
            synchronize_all?: false;
        };
        /**
         * All groups
         * @description Synchronize every SAP Data Custodian group of the caller's domain.
         */
        SapSynchronizeAll: {
            /**
             * @description `true`: every SAP group of the caller's domain.
             * @constant
             * @enum {boolean}
             */
            synchronize_all: true;
        };
        /**
         * @description Which SAP Data Custodian groups to synchronize: a non-empty list of `groups` without repeats
         *     (`synchronize_all` then absent or `false`), or `synchronize_all: true` alone (every group of
         *     the caller's domain). Anything else is a 400: both a list and `true`, neither,
         *     `synchronize_all: false` alone, an empty list, an unknown field.
         */
        SapSynchronizationJobRequest: components["schemas"]["SapSynchronizeGroups"] | components["schemas"]["SapSynchronizeAll"];
        /**
         * SAP job
         * @description A job that synchronizes SAP Data Custodian groups (`cloud: sap`).
         */
        SapSynchronizationJob: components["schemas"]["SynchronizationJobCommon"] & {
            /**
             * @constant
             * @enum {string}
             */
            cloud: "sap";
            /**
             * @description The SAP group IDs the job synchronizes, however the request named them (a group named by
             *     resource ID is listed by its SAP group ID).
             */
            groups: components["schemas"]["SapGroupReference"][];
        };
        /** @description A 422: a named SAP group is not in the caller's domain, or the domain has none. */
        UnknownGroupProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:unknown-group";
        };
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
             * @description The organization's URI, `kylo:kylo:cckm:sfdc-organization:<id>`. The key manager serves one
             *     account, `kylo`, so every URI it makes starts `kylo:kylo:`; identify the organization by
             *     `id`, never by parsing `uri`.
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
             * @description The organization's name in Salesforce (Salesforce allows 80 characters).
             * @example Thales
             */
            name: string;
            /** @description The 18-character Salesforce organization ID (not the resource ID). */
            organization_id: components["schemas"]["SalesforceOrgId"];
            /**
             * @description Name of the key manager connection the organization is reached through. Connection names
             *     are 1 to 255 characters: the key manager stores no longer one, and a PATCH names one so.
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
        /** @description A 422: no connection of the caller's domain has this name or ID. */
        ConnectionNotFoundProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:connection-not-found";
        };
        /** @description A 422: the connection belongs to another cloud. */
        ConnectionNotSalesforceProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:connection-not-salesforce";
        };
        /** @description A 422: through the connection, Salesforce reports another organization, or none. */
        ConnectionCannotReachOrganizationProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization";
        };
        /** @description A 504: the cloud did not answer within the server's cloud timeout; nothing changed. */
        CloudTimeoutProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type: "tag:cckm-contract.github.io,2026:problem:cloud-timeout";
        };
    };
    responses: {
        /**
         * @description The bearer token is missing, malformed, expired, not yet valid, wrongly signed or signed with an
         *     algorithm the server does not accept. `detail` says which; `WWW-Authenticate` carries no error
         *     code when no token was sent at all (RFC 6750 §3.1).
         */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                /**
                 * @description The authentication scheme to use, with the reason for the refusal (RFC 6750).
                 * @example Bearer realm="cckm", error="invalid_token", error_description="The bearer token has expired"
                 */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["UnauthorizedProblem"];
            };
        };
        /** @description The token is valid, but none of its groups may call this operation. */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ForbiddenProblem"];
            };
        };
        /** @description An unexpected failure. The body never carries internals (stack traces, SQL); the failure is logged under the request ID. */
        InternalServerError: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["InternalProblem"];
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
         * @description Comma-separated list of the keys to order by, most significant first: a field, or a field
         *     prefixed with `-` for descending order. Fields: `createdAt`, `updatedAt`, `completed_at`,
         *     `overall_status`; a field named twice counts once, where it first appears. Ties are broken by
         *     `id`, so paging is stable. Jobs without `completed_at` sort after those that have one in
         *     ascending order, and before them in descending order.
         */
        Sort: components["schemas"]["SynchronizationJobSortKey"][];
        /**
         * @description Conditional GET (RFC 9110 §13.1.2), for pollers: the `ETag`s of pages the caller holds, comma
         *     separated, or `*`. When one names the page the request would get (weak comparison: a `W/`
         *     prefix is ignored), the answer is `304` with no body; otherwise the page, with its `ETag`. A
         *     value that names no tag is not an error: it matches nothing. A `304` answers only a request that
         *     sends this header.
         * @example "3q2-7wEFkLeL2DmBQz1Vgw"
         */
        IfNoneMatch: string;
        /**
         * @description Resource ID (a UUID) of the tenant secret whose backup to delete.
         * @example 912c7e4d-121e-42bc-ba28-33005cc665cf
         */
        TenantSecretId: string;
        /**
         * @description Resource ID (a UUID) of the Salesforce organization in the key manager.
         * @example 2473e846-31a8-4ee6-8299-17025548b4e2
         */
        OrganizationId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The request's ID: the caller's own `X-Request-Id` when it sent a sane one (1 to 128 of
         *     `A-Z a-z 0-9 . _ : -`), else one the server made up. Every response carries it, and a problem's
         *     `request_id` equals it; the server's log lines about the request carry it too.
         * @example 6f1c2a0e-5b7d-4a43-9a55-3d0c9e7b2f10
         */
        XRequestId: components["schemas"]["RequestId"];
        /**
         * @description The page's entity tag (RFC 9110 §8.8.3): a strong validator, a digest of the body's bytes. The
         *     same page, byte for byte, has the same tag on every instance of the server. Send it back in
         *     `If-None-Match` to be answered `304` with no body while the page has not changed.
         * @example "3q2-7wEFkLeL2DmBQz1Vgw"
         */
        ListETag: string;
        /**
         * @description `private, no-cache`: a browser may keep the page, and must ask again before using it (with
         *     `If-None-Match`); a shared cache must not keep it, since the page depends on the caller's token.
         * @example private, no-cache
         */
        ListCacheControl: "private, no-cache";
        /**
         * @description Where the new job can be read: the list operation filtered by the job's ID,
         *     `/api/v1/cckm/sfdc/keys/synchronization-jobs?id=<id>` (a path on the same server). There is no
         *     get-by-ID among these operations.
         * @example /api/v1/cckm/sfdc/keys/synchronization-jobs?id=c8d2f27b-fb4f-4557-b63c-00d4a1439c4a
         */
        SfdcJobLocation: string;
    };
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
                 * @description Comma-separated list of the keys to order by, most significant first: a field, or a field
                 *     prefixed with `-` for descending order. Fields: `createdAt`, `updatedAt`, `completed_at`,
                 *     `overall_status`; a field named twice counts once, where it first appears. Ties are broken by
                 *     `id`, so paging is stable. Jobs without `completed_at` sort after those that have one in
                 *     ascending order, and before them in descending order.
                 */
                sort?: components["parameters"]["Sort"];
            };
            header?: {
                /**
                 * @description Conditional GET (RFC 9110 §13.1.2), for pollers: the `ETag`s of pages the caller holds, comma
                 *     separated, or `*`. When one names the page the request would get (weak comparison: a `W/`
                 *     prefix is ignored), the answer is `304` with no body; otherwise the page, with its `ETag`. A
                 *     value that names no tag is not an error: it matches nothing. A `304` answers only a request that
                 *     sends this header.
                 * @example "3q2-7wEFkLeL2DmBQz1Vgw"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the jobs that match the filters. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    ETag: components["headers"]["ListETag"];
                    "Cache-Control": components["headers"]["ListCacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SynchronizationJobList"];
                };
            };
            /**
             * @description Not modified: `If-None-Match` names this page's `ETag`, so the page the caller holds is
             *     the one it would get. No body. Sent only to a request with `If-None-Match`.
             */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    ETag: components["headers"]["ListETag"];
                    "Cache-Control": components["headers"]["ListCacheControl"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description A query parameter is unknown or invalid: `skip` below 0, `limit` outside 1..1000, an `id`
             *     that is not a UUID, an unknown `overall_status`, a malformed `organizations` entry, or a
             *     `sort` field outside the allowed set.
             */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ValidationFailedProblem"];
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
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Location: components["headers"]["SfdcJobLocation"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SfdcSynchronizationJob"];
                };
            };
            /**
             * @description The body is not JSON, has unknown fields, or does not name exactly one of
             *     `organization_ids` (non-empty, no repeats, each a resource ID or Salesforce organization ID,
             *     `synchronize_all` absent or `false` beside it) and `synchronize_all: true`.
             */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ValidationFailedProblem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A job that is still `in_progress` already synchronizes one of the organizations. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["SyncJobRunningProblem"];
                };
            };
            /**
             * @description The body is not `application/json`. `Accept-Post` lists the media types this
             *     operation accepts (RFC 9110 §15.5.16).
             */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /**
                     * @description The media types the operation accepts.
                     * @example application/json
                     */
                    "Accept-Post": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["UnsupportedMediaTypeProblem"];
                };
            };
            /**
             * @description An organization of `organization_ids` does not exist in the caller's domain, or
             *     `synchronize_all` was asked in a domain that has no Salesforce organization.
             */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["UnknownOrganizationProblem"];
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
                 * @description Resource ID (a UUID) of the tenant secret whose backup to delete.
                 * @example 912c7e4d-121e-42bc-ba28-33005cc665cf
                 */
                id: components["parameters"]["TenantSecretId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The backup was deleted; the body is the record as it was just before. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSecret"];
                };
            };
            /**
             * @description The path ID is not a UUID, or the request has a body (this operation takes none; request
             *     bodies are closed).
             */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ValidationFailedProblem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No tenant secret with this ID in the caller's domain, or its backup was already deleted. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["NotFoundProblem"];
                };
            };
            /** @description The secret's status is not `DESTROYED`. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["SecretNotDestroyedProblem"];
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
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SapSynchronizationJob"];
                };
            };
            /**
             * @description There is no JSON body, or it has unknown fields, or it does not name exactly one of
             *     `groups` (non-empty, no repeats, `synchronize_all` absent or `false` beside it) and
             *     `synchronize_all: true`.
             */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ValidationFailedProblem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A job that is still `in_progress` already synchronizes one of the groups. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["SyncJobRunningProblem"];
                };
            };
            /**
             * @description The body is not `application/json`. `Accept-Post` lists the media types this
             *     operation accepts (RFC 9110 §15.5.16).
             */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /**
                     * @description The media types the operation accepts.
                     * @example application/json
                     */
                    "Accept-Post": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["UnsupportedMediaTypeProblem"];
                };
            };
            /**
             * @description A group of `groups` does not exist in the caller's domain, or `synchronize_all` was asked
             *     in a domain that has no SAP group.
             */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["UnknownGroupProblem"];
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
                 * @description Resource ID (a UUID) of the Salesforce organization in the key manager.
                 * @example 2473e846-31a8-4ee6-8299-17025548b4e2
                 */
                id: components["parameters"]["OrganizationId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganizationRequest"];
                "application/merge-patch+json": components["schemas"]["UpdateOrganizationRequest"];
            };
        };
        responses: {
            /** @description The organization now uses the connection. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SalesforceOrganization"];
                };
            };
            /** @description The path ID is not a UUID, or the body is not JSON, lacks `connection` or has other fields. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ValidationFailedProblem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No Salesforce organization with this ID in the caller's domain. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["NotFoundProblem"];
                };
            };
            /**
             * @description The body is not `application/json` or `application/merge-patch+json`. `Accept-Patch` lists the media types this
             *     operation accepts (RFC 9110 §15.5.16).
             */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /**
                     * @description The media types the operation accepts.
                     * @example application/json, application/merge-patch+json
                     */
                    "Accept-Patch": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["UnsupportedMediaTypeProblem"];
                };
            };
            /** @description The connection does not exist, is not a Salesforce connection, or does not reach this organization. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ConnectionNotFoundProblem"] | components["schemas"]["ConnectionNotSalesforceProblem"] | components["schemas"]["ConnectionCannotReachOrganizationProblem"];
                };
            };
            500: components["responses"]["InternalServerError"];
            /**
             * @description Salesforce did not answer within the server's cloud timeout (`CLOUD_TIMEOUT_MS`, 10 s by
             *     default) while the connection was checked. Nothing was changed; the request may be retried.
             */
            504: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["CloudTimeoutProblem"];
                };
            };
        };
    };
}
