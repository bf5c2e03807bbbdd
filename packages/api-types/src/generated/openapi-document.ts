/**
 * GENERATED FILE, DO NOT EDIT.
 * Written by `pnpm generate` from the contract in openapi/; `pnpm check:generated` fails when
 * this file differs from a fresh generation. Change the spec, then regenerate.
 */

import type { ContractDocument } from '../contract-document.ts';

/** The bundled contract (all $refs internal), as validators and mocks consume it. */
export const openapiDocument: ContractDocument = {
  "openapi": "3.1.0",
  "info": {
    "title": "CCKM Salesforce tenant secrets and SAP keys API",
    "version": "1.2.0",
    "summary": "Five operations of the CipherTrust Manager cloud key manager (CCKM).",
    "description": "The contract of five CCKM operations: starting and listing synchronization jobs that copy\nSalesforce tenant secrets and SAP Data Custodian keys into the key manager, deleting the key\nmanager's backup of a destroyed Salesforce tenant secret, and switching a Salesforce\norganization to another connection.\n\n**Authentication.** Every operation needs a bearer JWT (`Authorization: Bearer <token>`).\nThe token's `cust.domain_id` claim selects the domain: resources are only ever visible to\ntokens of the domain that created or synchronized them. The groups in `cust.groups` decide\nwhat the caller may do: `admin` and `CCKM Admins` may call every operation, `CCKM Users` may\nonly list synchronization jobs.\n\n**Errors.** Every error is an RFC 9457 problem (`application/problem+json`) with `type`,\n`title`, `status`, `detail`, `instance` and `request_id` (the `X-Request-Id` response header\nof the same response); validation failures add `errors[]`, one entry per offending location,\nand a 409 of a running job adds `job_id`. Problem types are `tag:` URIs\n(`tag:cckm-contract.github.io,2026:problem:<kind>`); the catalogue is the `ProblemType`\nschema, and each response lists the kinds known at this release (a minor release may add\none).\n\n**Compatibility (tolerant reader).** Within a major version, nothing a client could send\nbecomes invalid and nothing it reads disappears. In return a client must: ignore response\nfields, problem members and headers it does not know (objects in responses are open and gain\nfields in minor releases); keep a default branch for values documented as extensible\n(`x-extensible-enum`: Salesforce's `Status`, `Source` and `Type`, and the problem-type\ncatalogue), which may grow in a minor release; handle an unknown error status by its class.\nRequests stay closed: an unknown body field or query parameter is a 400.\n\n**Representations.** Each response has one media type: `application/json`, and\n`application/problem+json` for problems. `Accept` is not negotiated: whatever it asks for, the\nanswer is that media type (RFC 9110 §12.5.1 allows a server to disregard `Accept`), never a 406.\n\n**Lists.** Lists answer `{skip, limit, total, resources}`; `total` counts every match of the\nfilter, not only the page.\n\n**Time stamps.** The key manager's own fields are RFC 3339 date-times in UTC (`...Z`).\nFields copied from Salesforce (`sfdc_params`) keep Salesforce's own form\n(`2021-08-19T14:46:44.000+0000`).\n\n# Problem types\n\nEvery error is a problem (`application/problem+json`) whose `type` is\n`tag:cckm-contract.github.io,2026:problem:<kind>`. Each kind below is the anchor its schema's\n`externalDocs` names (`#section/problem-types/<kind>`). A minor release may add a kind; handle\none you do not know by its status.\n\n## validation-failed\n\n`400`. Malformed JSON, unknown field or query parameter, bad parameter, xor rule broken (`errors[]` lists each location).\n\n## unauthorized\n\n`401`. Token missing, malformed, expired, not yet valid, wrong signature or algorithm.\n\n## forbidden\n\n`403`. Valid token, but no group that may call the operation.\n\n## not-found\n\n`404`. No resource with the path ID in the caller's domain, or no operation at the path.\n\n## method-not-allowed\n\n`405`. The path exists, the method does not (`Allow` lists the methods).\n\n## request-timeout\n\n`408`. The request (headers or body) did not arrive in time.\n\n## sync-job-running\n\n`409`. A job in progress already covers a requested organization or group (`job_id` names it).\n\n## secret-not-destroyed\n\n`409`. Delete-backup of a secret that is `ACTIVE` or `ARCHIVED`.\n\n## unsupported-media-type\n\n`415`. A body in a media type the operation does not accept (`Accept-Post` / `Accept-Patch` list them).\n\n## unknown-organization\n\n`422`. A sync names an organization the domain lacks, or `synchronize_all` in a domain without one.\n\n## unknown-group\n\n`422`. The same for SAP groups.\n\n## connection-not-found\n\n`422`. PATCH names a connection that does not exist.\n\n## connection-not-salesforce\n\n`422`. PATCH names a connection of another cloud.\n\n## connection-cannot-reach-organization\n\n`422`. Through the connection, Salesforce reports another organization, or none.\n\n## request-header-fields-too-large\n\n`431`. The request headers exceed 16 KB.\n\n## internal\n\n`500`. Anything unexpected; no internals in the body, `request_id` finds the log lines.\n\n## service-unavailable\n\n`503`. The server is shutting down or its database does not answer.\n\n## cloud-timeout\n\n`504`. PATCH: Salesforce did not answer within the server's cloud timeout; nothing changed.\n",
    "contact": {
      "name": "cckm-contract maintainers",
      "url": "https://github.com/cckm-contract/cckm-contract"
    },
    "license": {
      "name": "Apache 2.0",
      "identifier": "Apache-2.0"
    }
  },
  "servers": [
    {
      "url": "https://{host}/api",
      "description": "A key manager; every path below starts at its /api root. host is its host name, and port if not 443.",
      "variables": {
        "host": {
          "default": "cckm.example.com"
        }
      }
    }
  ],
  "tags": [
    {
      "name": "Salesforce synchronization",
      "description": "Jobs that copy Salesforce tenant secrets into the key manager."
    },
    {
      "name": "Salesforce tenant secrets",
      "description": "The key manager's records (and backups) of Salesforce tenant secrets."
    },
    {
      "name": "Salesforce organizations",
      "description": "Salesforce organizations registered with the key manager."
    },
    {
      "name": "SAP synchronization",
      "description": "Jobs that copy SAP Data Custodian keys into the key manager."
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "paths": {
    "/v1/cckm/sfdc/keys/synchronization-jobs": {
      "post": {
        "operationId": "createSfdcSynchronizationJob",
        "x-cckm-groups": [
          "admin",
          "CCKM Admins"
        ],
        "summary": "Start a Salesforce tenant-secret synchronization job",
        "description": "Starts a background job that copies the tenant secrets of the chosen Salesforce organizations\n(or of every organization of the caller's domain) into the key manager, and answers at once\nwith the job in `in_progress`. The `Location` header names where the job can be read: the\nlist operation filtered by its ID (`?id=<job id>`); poll it until `overall_status` is\n`completed` or `failed`. These five operations have no get-by-ID: the filtered list is how a\nsingle job is read.\n\nOrganizations are named by resource ID or by Salesforce organization ID. For each one the job\nlists its tenant secrets in Salesforce, records every secret with its Salesforce parameters and\na backup of its value, marks records that Salesforce no longer has, and writes one line in\n`detailed_status`. Afterwards each secret type has at most one `ACTIVE` secret; the others are\n`ARCHIVED` or `DESTROYED`.\n\nOnly one job at a time may synchronize a given organization: while one is `in_progress`, a\nrequest naming any of its organizations is refused with 409.\n\nRequires the group `admin` or `CCKM Admins`.\n",
        "tags": [
          "Salesforce synchronization"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SfdcSynchronizationJobRequest"
              },
              "examples": {
                "synchronizeAll": {
                  "$ref": "#/components/examples/SfdcSyncAllRequest"
                },
                "byOrganizations": {
                  "$ref": "#/components/examples/SfdcSyncByOrganizationsRequest"
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The job was created and runs in the background.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Location": {
                "$ref": "#/components/headers/SfdcJobLocation"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SfdcSynchronizationJob"
                },
                "examples": {
                  "jobStarted": {
                    "$ref": "#/components/examples/SfdcSyncJobStarted"
                  }
                }
              }
            }
          },
          "400": {
            "description": "The body is not JSON, has unknown fields, or does not name exactly one of\n`organization_ids` (non-empty, no repeats, each a resource ID or Salesforce organization ID,\n`synchronize_all` absent or `false` beside it) and `synchronize_all: true`.\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationFailedProblem"
                },
                "examples": {
                  "bothGiven": {
                    "$ref": "#/components/examples/ProblemSfdcSyncBothGiven"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "description": "A job that is still `in_progress` already synchronizes one of the organizations.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/SyncJobRunningProblem"
                },
                "examples": {
                  "jobRunning": {
                    "$ref": "#/components/examples/ProblemSfdcSyncJobRunning"
                  }
                }
              }
            }
          },
          "415": {
            "description": "The body is not `application/json`. `Accept-Post` lists the media types this\noperation accepts (RFC 9110 §15.5.16).\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Accept-Post": {
                "description": "The media types the operation accepts.",
                "required": true,
                "schema": {
                  "type": "string"
                },
                "example": "application/json"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/UnsupportedMediaTypeProblem"
                },
                "examples": {
                  "unsupportedMediaType": {
                    "$ref": "#/components/examples/ProblemUnsupportedMediaType"
                  }
                }
              }
            }
          },
          "422": {
            "description": "An organization of `organization_ids` does not exist in the caller's domain, or\n`synchronize_all` was asked in a domain that has no Salesforce organization.\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/UnknownOrganizationProblem"
                },
                "examples": {
                  "unknownOrganization": {
                    "$ref": "#/components/examples/ProblemUnknownOrganization"
                  },
                  "noOrganizations": {
                    "$ref": "#/components/examples/ProblemNoOrganizations"
                  }
                }
              }
            }
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          }
        }
      },
      "get": {
        "operationId": "listSfdcSynchronizationJobs",
        "x-cckm-groups": [
          "admin",
          "CCKM Admins",
          "CCKM Users"
        ],
        "summary": "List Salesforce synchronization jobs",
        "description": "Lists the Salesforce synchronization jobs of the caller's domain, one page at a time, newest\nfirst unless `sort` says otherwise. Filters combine with AND. `total` counts every job that\nmatches the filters, so a client pages with `skip` until `skip >= total`.\n\nPollers: every page carries an `ETag`; ask again with `If-None-Match` and an unchanged page\nis a `304` with no body, sent without reading the jobs again where the server still holds\nthe page.\n\nRequires the group `admin`, `CCKM Admins` or `CCKM Users`.\n",
        "tags": [
          "Salesforce synchronization"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/SynchronizationJobIdFilter"
          },
          {
            "$ref": "#/components/parameters/OverallStatusFilter"
          },
          {
            "$ref": "#/components/parameters/OrganizationsFilter"
          },
          {
            "$ref": "#/components/parameters/Skip"
          },
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Sort"
          },
          {
            "$ref": "#/components/parameters/IfNoneMatch"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of the jobs that match the filters.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ListETag"
              },
              "Cache-Control": {
                "$ref": "#/components/headers/ListCacheControl"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SynchronizationJobList"
                },
                "examples": {
                  "jobPage": {
                    "$ref": "#/components/examples/SynchronizationJobPage"
                  },
                  "noMatch": {
                    "$ref": "#/components/examples/EmptySynchronizationJobPage"
                  }
                }
              }
            }
          },
          "304": {
            "description": "Not modified: `If-None-Match` names this page's `ETag`, so the page the caller holds is\nthe one it would get. No body. Sent only to a request with `If-None-Match`.\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ListETag"
              },
              "Cache-Control": {
                "$ref": "#/components/headers/ListCacheControl"
              }
            }
          },
          "400": {
            "description": "A query parameter is unknown or invalid: `skip` below 0, `limit` outside 1..1000, an `id`\nthat is not a UUID, an unknown `overall_status`, a malformed `organizations` entry, or a\n`sort` field outside the allowed set.\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationFailedProblem"
                },
                "examples": {
                  "invalidQuery": {
                    "$ref": "#/components/examples/ProblemInvalidQuery"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          }
        }
      }
    },
    "/v1/cckm/sfdc/keys/{id}/delete-backup": {
      "post": {
        "operationId": "deleteSfdcTenantSecretBackup",
        "x-cckm-groups": [
          "admin",
          "CCKM Admins"
        ],
        "summary": "Delete the backup of a destroyed Salesforce tenant secret",
        "description": "Removes the key manager's record of a Salesforce tenant secret, and with it the backup of the\nsecret's value, and answers with the record as it was. Only a secret whose Salesforce status is\n`DESTROYED` may lose its backup: for an `ACTIVE` or `ARCHIVED` secret the backup is what\nstill decrypts data, and the request is refused with 409. Once deleted, the record is gone: a\nsecond call answers 404. The call sends no body.\n\nA deletion is final. The key manager shreds the backup and remembers that it did, so a later\nsynchronization of the organization skips this Salesforce secret (the same Salesforce ID): it\nneither restores the backup nor creates a new record for it.\n\nRequires the group `admin` or `CCKM Admins`.\n",
        "tags": [
          "Salesforce tenant secrets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/TenantSecretId"
          }
        ],
        "responses": {
          "200": {
            "description": "The backup was deleted; the body is the record as it was just before.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TenantSecret"
                },
                "examples": {
                  "deletedBackup": {
                    "$ref": "#/components/examples/DeletedTenantSecretBackup"
                  }
                }
              }
            }
          },
          "400": {
            "description": "The path ID is not a UUID, or the request has a body (this operation takes none; request\nbodies are closed).\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationFailedProblem"
                },
                "examples": {
                  "invalidId": {
                    "$ref": "#/components/examples/ProblemInvalidResourceId"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "description": "No tenant secret with this ID in the caller's domain, or its backup was already deleted.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/NotFoundProblem"
                },
                "examples": {
                  "secretNotFound": {
                    "$ref": "#/components/examples/ProblemTenantSecretNotFound"
                  }
                }
              }
            }
          },
          "409": {
            "description": "The secret's status is not `DESTROYED`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/SecretNotDestroyedProblem"
                },
                "examples": {
                  "notDestroyed": {
                    "$ref": "#/components/examples/ProblemSecretNotDestroyed"
                  }
                }
              }
            }
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          }
        }
      }
    },
    "/v1/cckm/sap/synchronization-jobs": {
      "post": {
        "operationId": "createSapSynchronizationJob",
        "x-cckm-groups": [
          "admin",
          "CCKM Admins"
        ],
        "summary": "Start an SAP key synchronization job",
        "description": "Starts a background job that copies the keys of the chosen SAP Data Custodian groups (or of\nevery group of the caller's domain) into the key manager, and answers at once with the job in\n`in_progress`. Groups are named by resource ID or by SAP group ID; the job lists them by SAP\ngroup ID in `groups` and writes one line per group in `detailed_status`.\n\nThese five operations cannot read an SAP job back (the list operation lists Salesforce jobs\nonly), so the 201 carries no `Location`: the body, with the job's `id`, is all a client gets.\n\nOnly one job at a time may synchronize a given group: while one is `in_progress`, a request\nnaming any of its groups is refused with 409.\n\nRequires the group `admin` or `CCKM Admins`.\n",
        "tags": [
          "SAP synchronization"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SapSynchronizationJobRequest"
              },
              "examples": {
                "byGroups": {
                  "$ref": "#/components/examples/SapSyncByGroupsRequest"
                },
                "synchronizeAll": {
                  "$ref": "#/components/examples/SapSyncAllRequest"
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The job was created and runs in the background.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SapSynchronizationJob"
                },
                "examples": {
                  "jobStarted": {
                    "$ref": "#/components/examples/SapSyncJobStarted"
                  }
                }
              }
            }
          },
          "400": {
            "description": "There is no JSON body, or it has unknown fields, or it does not name exactly one of\n`groups` (non-empty, no repeats, `synchronize_all` absent or `false` beside it) and\n`synchronize_all: true`.\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationFailedProblem"
                },
                "examples": {
                  "noBody": {
                    "$ref": "#/components/examples/ProblemSapSyncNoBody"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "description": "A job that is still `in_progress` already synchronizes one of the groups.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/SyncJobRunningProblem"
                },
                "examples": {
                  "jobRunning": {
                    "$ref": "#/components/examples/ProblemSapSyncJobRunning"
                  }
                }
              }
            }
          },
          "415": {
            "description": "The body is not `application/json`. `Accept-Post` lists the media types this\noperation accepts (RFC 9110 §15.5.16).\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Accept-Post": {
                "description": "The media types the operation accepts.",
                "required": true,
                "schema": {
                  "type": "string"
                },
                "example": "application/json"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/UnsupportedMediaTypeProblem"
                },
                "examples": {
                  "unsupportedMediaType": {
                    "$ref": "#/components/examples/ProblemUnsupportedMediaType"
                  }
                }
              }
            }
          },
          "422": {
            "description": "A group of `groups` does not exist in the caller's domain, or `synchronize_all` was asked\nin a domain that has no SAP group.\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/UnknownGroupProblem"
                },
                "examples": {
                  "unknownGroup": {
                    "$ref": "#/components/examples/ProblemUnknownGroup"
                  }
                }
              }
            }
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          }
        }
      }
    },
    "/v1/cckm/sfdc/organizations/{id}": {
      "patch": {
        "operationId": "updateSfdcOrganization",
        "x-cckm-groups": [
          "admin",
          "CCKM Admins"
        ],
        "summary": "Switch a Salesforce organization to another connection",
        "description": "Makes the key manager reach the Salesforce organization through another connection, and\nanswers with the updated organization. The connection is named by resource ID or by name\n(an ID match wins). Before anything changes, three checks must pass, each with its own 422\nproblem type: the connection exists in the caller's domain; it is a Salesforce connection;\nand, through it, Salesforce confirms that it reaches this very organization (its organization\nID equals the organization's `organization_id`). When Salesforce does not answer in time the\nanswer is 504 and nothing changes.\n\nRequires the group `admin` or `CCKM Admins`.\n",
        "tags": [
          "Salesforce organizations"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/OrganizationId"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateOrganizationRequest"
              },
              "examples": {
                "newConnection": {
                  "$ref": "#/components/examples/UpdateOrganizationConnectionRequest"
                }
              }
            },
            "application/merge-patch+json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateOrganizationRequest"
              },
              "examples": {
                "newConnection": {
                  "$ref": "#/components/examples/UpdateOrganizationConnectionRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The organization now uses the connection.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SalesforceOrganization"
                },
                "examples": {
                  "updatedOrganization": {
                    "$ref": "#/components/examples/UpdatedOrganization"
                  }
                }
              }
            }
          },
          "400": {
            "description": "The path ID is not a UUID, or the body is not JSON, lacks `connection` or has other fields.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationFailedProblem"
                },
                "examples": {
                  "unknownField": {
                    "$ref": "#/components/examples/ProblemUnknownConnectionField"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "description": "No Salesforce organization with this ID in the caller's domain.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/NotFoundProblem"
                },
                "examples": {
                  "organizationNotFound": {
                    "$ref": "#/components/examples/ProblemOrganizationNotFound"
                  }
                }
              }
            }
          },
          "415": {
            "description": "The body is not `application/json` or `application/merge-patch+json`. `Accept-Patch` lists the media types this\noperation accepts (RFC 9110 §15.5.16).\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Accept-Patch": {
                "description": "The media types the operation accepts.",
                "required": true,
                "schema": {
                  "type": "string"
                },
                "example": "application/json, application/merge-patch+json"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/UnsupportedMediaTypeProblem"
                },
                "examples": {
                  "unsupportedMediaType": {
                    "$ref": "#/components/examples/ProblemUnsupportedMediaType"
                  }
                }
              }
            }
          },
          "422": {
            "description": "The connection does not exist, is not a Salesforce connection, or does not reach this organization.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "oneOf": [
                    {
                      "$ref": "#/components/schemas/ConnectionNotFoundProblem"
                    },
                    {
                      "$ref": "#/components/schemas/ConnectionNotSalesforceProblem"
                    },
                    {
                      "$ref": "#/components/schemas/ConnectionCannotReachOrganizationProblem"
                    }
                  ]
                },
                "examples": {
                  "connectionNotFound": {
                    "$ref": "#/components/examples/ProblemConnectionNotFound"
                  },
                  "notSalesforce": {
                    "$ref": "#/components/examples/ProblemConnectionNotSalesforce"
                  },
                  "cannotReachOrganization": {
                    "$ref": "#/components/examples/ProblemConnectionCannotReachOrganization"
                  }
                }
              }
            }
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "504": {
            "description": "Salesforce did not answer within the server's cloud timeout (`CLOUD_TIMEOUT_MS`, 10 s by\ndefault) while the connection was checked. Nothing was changed; the request may be retried.\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/CloudTimeoutProblem"
                },
                "examples": {
                  "salesforceTimeout": {
                    "$ref": "#/components/examples/ProblemSalesforceTimeout"
                  }
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "SynchronizationJob": {
        "description": "A job that copies the tenant secrets of Salesforce organizations (`cloud: sfdc`) or the keys of\nSAP Data Custodian groups (`cloud: sap`) into the key manager. `cloud` selects the shape: a\nSalesforce job lists its organizations in `kms`, an SAP job its groups in `groups`; never both.\nNo operation answers with this union (since 1.2.0 each names its own job: the Salesforce 201 and\nthe list's items are `SfdcSynchronizationJob`, the SAP 201 `SapSynchronizationJob`); it is kept\nfor code that handles jobs of either cloud, and because generated clients export it by name.\n`cloud` tells the branches apart (a `const` in each); there is no `discriminator` keyword, which\nopenapi-zod-client turns into a zod `discriminatedUnion` that zod refuses for `allOf` branches.\n",
        "oneOf": [
          {
            "$ref": "#/components/schemas/SfdcSynchronizationJob"
          },
          {
            "$ref": "#/components/schemas/SapSynchronizationJob"
          }
        ]
      },
      "OverallStatus": {
        "type": "string",
        "description": "Where a synchronization job stands. `in_progress` until every organization or group has been\nhandled; then `completed` (even if some of them failed: see `detailed_status`) or `failed` (none\nof them could be synchronized).\n",
        "enum": [
          "in_progress",
          "completed",
          "failed"
        ]
      },
      "OrganizationReference": {
        "type": "string",
        "description": "A Salesforce organization, named either by the key manager's organization resource ID (a UUID)\nor by its 18-character Salesforce organization ID (`00D...`).\n",
        "pattern": "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|00D[A-Za-z0-9]{15})$",
        "examples": [
          "2473e846-31a8-4ee6-8299-17025548b4e2",
          "00DB000000040bIMAQ"
        ]
      },
      "SynchronizationJobSortKey": {
        "type": "string",
        "description": "One sort key of the job list, a field name, prefixed with `-` for descending order.",
        "enum": [
          "createdAt",
          "-createdAt",
          "updatedAt",
          "-updatedAt",
          "completed_at",
          "-completed_at",
          "overall_status",
          "-overall_status"
        ]
      },
      "RequestId": {
        "type": "string",
        "description": "The request's ID, equal to the `X-Request-Id` response header: the caller's own `X-Request-Id`\nwhen it sent a sane one (1 to 128 of `A-Z a-z 0-9 . _ : -`), else one the server made up. The\nserver's log lines about the request carry it; quote it when reporting a problem.\n",
        "pattern": "^[A-Za-z0-9._:-]{1,128}$",
        "examples": [
          "6f1c2a0e-5b7d-4a43-9a55-3d0c9e7b2f10"
        ]
      },
      "Account": {
        "type": "string",
        "description": "The key manager account that owns the resource.",
        "minLength": 1,
        "examples": [
          "kylo:kylo:admin:accounts:kylo"
        ]
      },
      "Application": {
        "type": "string",
        "description": "The key manager application that created the resource.",
        "minLength": 1,
        "examples": [
          "ncryptify:gemalto:admin:apps:kylo"
        ]
      },
      "DevAccount": {
        "type": "string",
        "description": "The developer account of the application that created the resource.",
        "minLength": 1,
        "examples": [
          "ncryptify:gemalto:admin:accounts:gemalto"
        ]
      },
      "ResourceTimestamp": {
        "type": "string",
        "format": "date-time",
        "description": "An RFC 3339 date-time in UTC, with up to nine fractional digits.",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$",
        "examples": [
          "2021-07-27T03:06:20.002297124Z"
        ]
      },
      "SynchronizationJobCommon": {
        "type": "object",
        "description": "What every synchronization job has, whichever cloud it synchronizes.\n",
        "required": [
          "id",
          "uri",
          "account",
          "application",
          "devAccount",
          "createdAt",
          "updatedAt",
          "overall_status",
          "cloud",
          "abort"
        ],
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid",
            "description": "The job's resource ID.",
            "examples": [
              "c8d2f27b-fb4f-4557-b63c-00d4a1439c4a"
            ]
          },
          "uri": {
            "type": "string",
            "description": "The job's URI, `kylo:kylo:cckm:synchronize:<id>`. The key manager serves one account, `kylo`,\nso every URI it makes starts `kylo:kylo:`; identify the job by `id`, never by parsing `uri`.\n",
            "pattern": "^kylo:kylo:cckm:synchronize:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            "examples": [
              "kylo:kylo:cckm:synchronize:c8d2f27b-fb4f-4557-b63c-00d4a1439c4a"
            ]
          },
          "account": {
            "$ref": "#/components/schemas/Account"
          },
          "application": {
            "$ref": "#/components/schemas/Application"
          },
          "devAccount": {
            "$ref": "#/components/schemas/DevAccount"
          },
          "createdAt": {
            "$ref": "#/components/schemas/ResourceTimestamp",
            "description": "When the job was created."
          },
          "updatedAt": {
            "$ref": "#/components/schemas/ResourceTimestamp",
            "description": "When the job last changed; moves on every change of status."
          },
          "completed_at": {
            "$ref": "#/components/schemas/ResourceTimestamp",
            "description": "When the job finished. Absent while the job is `in_progress`."
          },
          "overall_status": {
            "$ref": "#/components/schemas/OverallStatus"
          },
          "detailed_status": {
            "type": "object",
            "description": "One message per organization (keyed by Salesforce organization ID) or group (keyed by SAP\ngroup ID) that the job has handled so far, e.g. `synchronized 4 tenant secrets` or the\nerror that stopped that organization. Absent until the first one is handled.\n",
            "additionalProperties": {
              "type": "string"
            },
            "examples": [
              {
                "00DB000000040bIMAQ": "synchronized 4 tenant secrets"
              }
            ]
          },
          "cloud": {
            "type": "string",
            "description": "Which cloud the job synchronizes; selects the job's shape."
          },
          "abort": {
            "type": "boolean",
            "description": "Whether cancellation of the job was requested."
          }
        }
      },
      "SalesforceOrgId": {
        "type": "string",
        "description": "An 18-character Salesforce organization ID (key prefix `00D`).",
        "pattern": "^00D[A-Za-z0-9]{15}$",
        "examples": [
          "00DB000000040bIMAQ"
        ]
      },
      "SfdcSynchronizationJob": {
        "title": "Salesforce job",
        "description": "A job that synchronizes Salesforce organizations (`cloud: sfdc`).",
        "allOf": [
          {
            "$ref": "#/components/schemas/SynchronizationJobCommon"
          },
          {
            "type": "object",
            "required": [
              "cloud",
              "kms"
            ],
            "properties": {
              "cloud": {
                "type": "string",
                "const": "sfdc",
                "enum": [
                  "sfdc"
                ]
              },
              "kms": {
                "type": "array",
                "description": "The Salesforce organization IDs (`00D...`) the job synchronizes, however the request named them.",
                "minItems": 1,
                "uniqueItems": true,
                "items": {
                  "$ref": "#/components/schemas/SalesforceOrgId"
                }
              }
            }
          }
        ]
      },
      "SynchronizationJobList": {
        "type": "object",
        "description": "One page of Salesforce synchronization jobs (the list operation lists no SAP job).",
        "required": [
          "skip",
          "limit",
          "total",
          "resources"
        ],
        "properties": {
          "skip": {
            "type": "integer",
            "minimum": 0,
            "description": "The `skip` this page was asked with."
          },
          "limit": {
            "type": "integer",
            "minimum": 1,
            "maximum": 1000,
            "description": "The `limit` this page was asked with."
          },
          "total": {
            "type": "integer",
            "minimum": 0,
            "description": "How many jobs match the filter, over all pages."
          },
          "resources": {
            "type": "array",
            "description": "The jobs of this page, in the requested order; at most `limit` of them.",
            "maxItems": 1000,
            "items": {
              "$ref": "#/components/schemas/SfdcSynchronizationJob"
            }
          }
        }
      },
      "ProblemType": {
        "type": "string",
        "format": "uri",
        "description": "The problem-type catalogue: every `type` the key manager sends. Each is a `tag:` URI\n(RFC 4151): an absolute, valid URI (`format: uri`) that identifies the kind and is never\nfetched. Clients branch on it, never on `title` or `detail`; each response names the kinds\nknown at its release. Each kind is documented under \"Problem types\" in the reference, at the\nanchor `#section/problem-types/<kind>` (the kind's schema links there in `externalDocs`).\n\n| `type` | status | when |\n| --- | --- | --- |\n| `tag:cckm-contract.github.io,2026:problem:validation-failed` | 400 | malformed JSON, unknown field or query parameter, bad parameter, xor rule broken (`errors[]` lists each location) |\n| `tag:cckm-contract.github.io,2026:problem:unauthorized` | 401 | token missing, malformed, expired, not yet valid, wrong signature or algorithm |\n| `tag:cckm-contract.github.io,2026:problem:forbidden` | 403 | valid token, but no group that may call the operation |\n| `tag:cckm-contract.github.io,2026:problem:not-found` | 404 | no resource with the path ID in the caller's domain, or no operation at the path |\n| `tag:cckm-contract.github.io,2026:problem:method-not-allowed` | 405 | the path exists, the method does not (`Allow` lists the methods) |\n| `tag:cckm-contract.github.io,2026:problem:request-timeout` | 408 | the request (headers or body) did not arrive in time |\n| `tag:cckm-contract.github.io,2026:problem:sync-job-running` | 409 | a job in progress already covers a requested organization or group (`job_id` names it) |\n| `tag:cckm-contract.github.io,2026:problem:secret-not-destroyed` | 409 | delete-backup of a secret that is `ACTIVE` or `ARCHIVED` |\n| `tag:cckm-contract.github.io,2026:problem:unsupported-media-type` | 415 | a body in a media type the operation does not accept (`Accept-Post` / `Accept-Patch` list them) |\n| `tag:cckm-contract.github.io,2026:problem:unknown-organization` | 422 | a sync names an organization the domain lacks, or `synchronize_all` in a domain without one |\n| `tag:cckm-contract.github.io,2026:problem:unknown-group` | 422 | the same for SAP groups |\n| `tag:cckm-contract.github.io,2026:problem:connection-not-found` | 422 | PATCH names a connection that does not exist |\n| `tag:cckm-contract.github.io,2026:problem:connection-not-salesforce` | 422 | PATCH names a connection of another cloud |\n| `tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization` | 422 | through the connection, Salesforce reports another organization, or none |\n| `tag:cckm-contract.github.io,2026:problem:request-header-fields-too-large` | 431 | the request headers exceed 16 KB |\n| `tag:cckm-contract.github.io,2026:problem:internal` | 500 | anything unexpected; no internals in the body, `request_id` finds the log lines |\n| `tag:cckm-contract.github.io,2026:problem:service-unavailable` | 503 | the server is shutting down or its database does not answer |\n| `tag:cckm-contract.github.io,2026:problem:cloud-timeout` | 504 | PATCH: Salesforce did not answer within the server's cloud timeout; nothing changed |\n\nThe catalogue may grow in a minor release, on a new status or on an existing one: the `type`\nconstants of each response are the kinds known at its release, not a closed list, so treat an\nunknown `type` by its status class. A kind listed on a status stays there within a major\nversion.\n",
        "x-extensible-enum": [
          "tag:cckm-contract.github.io,2026:problem:validation-failed",
          "tag:cckm-contract.github.io,2026:problem:unauthorized",
          "tag:cckm-contract.github.io,2026:problem:forbidden",
          "tag:cckm-contract.github.io,2026:problem:not-found",
          "tag:cckm-contract.github.io,2026:problem:method-not-allowed",
          "tag:cckm-contract.github.io,2026:problem:request-timeout",
          "tag:cckm-contract.github.io,2026:problem:sync-job-running",
          "tag:cckm-contract.github.io,2026:problem:secret-not-destroyed",
          "tag:cckm-contract.github.io,2026:problem:unsupported-media-type",
          "tag:cckm-contract.github.io,2026:problem:unknown-organization",
          "tag:cckm-contract.github.io,2026:problem:unknown-group",
          "tag:cckm-contract.github.io,2026:problem:connection-not-found",
          "tag:cckm-contract.github.io,2026:problem:connection-not-salesforce",
          "tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization",
          "tag:cckm-contract.github.io,2026:problem:request-header-fields-too-large",
          "tag:cckm-contract.github.io,2026:problem:internal",
          "tag:cckm-contract.github.io,2026:problem:service-unavailable",
          "tag:cckm-contract.github.io,2026:problem:cloud-timeout"
        ],
        "examples": [
          "tag:cckm-contract.github.io,2026:problem:validation-failed"
        ]
      },
      "ProblemFieldError": {
        "type": "object",
        "description": "One validation failure.",
        "required": [
          "path",
          "message"
        ],
        "properties": {
          "path": {
            "type": "string",
            "description": "Where the failure is, as a JSON pointer into the request: `/body/...` (the JSON body),\n`/query/<name>`, `/path/<name>`, `/headers/<name>`.\n",
            "examples": [
              "/query/limit"
            ]
          },
          "message": {
            "type": "string",
            "description": "What is wrong there.",
            "examples": [
              "must be <= 1000"
            ]
          }
        }
      },
      "Problem": {
        "type": "object",
        "description": "An RFC 9457 problem detail, the body of every error response. Open for RFC 9457 extension\nmembers (§3.2): besides the members below, a problem may carry others; ignore those you do not\nknow. Each response narrows `type` to the kinds known at this release (see `ProblemType`): a\nminor release may add a kind to a status, so handle a `type` you do not know by the status.\n",
        "required": [
          "type",
          "title",
          "status",
          "request_id"
        ],
        "properties": {
          "type": {
            "$ref": "#/components/schemas/ProblemType"
          },
          "title": {
            "type": "string",
            "description": "Short summary of the kind of problem; the same for every occurrence of a `type`.",
            "examples": [
              "Request validation failed"
            ]
          },
          "status": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599,
            "description": "The HTTP status code of this response."
          },
          "detail": {
            "type": "string",
            "description": "What went wrong this time, in words meant for the caller."
          },
          "instance": {
            "type": "string",
            "format": "uri-reference",
            "description": "The request path this problem is about.",
            "examples": [
              "/api/v1/cckm/sfdc/keys/synchronization-jobs"
            ]
          },
          "request_id": {
            "$ref": "#/components/schemas/RequestId"
          },
          "errors": {
            "type": "array",
            "description": "For validation problems, one entry per offending location.",
            "items": {
              "$ref": "#/components/schemas/ProblemFieldError"
            }
          }
        }
      },
      "ValidationFailedProblem": {
        "description": "A 400: the request breaks the contract; `errors[]` lists each offending location.",
        "externalDocs": {
          "description": "The `validation-failed` problem kind in the reference",
          "url": "#section/problem-types/validation-failed"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type",
              "errors"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:validation-failed"
              },
              "errors": {
                "type": "array",
                "minItems": 1,
                "description": "One entry per offending location; never empty for this kind.",
                "items": {
                  "$ref": "#/components/schemas/ProblemFieldError"
                }
              }
            }
          }
        ]
      },
      "UnauthorizedProblem": {
        "description": "A 401: the bearer token is missing, malformed, expired, not yet valid or wrongly signed.",
        "externalDocs": {
          "description": "The `unauthorized` problem kind in the reference",
          "url": "#section/problem-types/unauthorized"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:unauthorized"
              }
            }
          }
        ]
      },
      "ForbiddenProblem": {
        "description": "A 403: the token is valid, but none of its groups may call the operation.",
        "externalDocs": {
          "description": "The `forbidden` problem kind in the reference",
          "url": "#section/problem-types/forbidden"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:forbidden"
              }
            }
          }
        ]
      },
      "InternalProblem": {
        "description": "A 500: an unexpected failure; no internals, but `request_id` finds the server's log lines.",
        "externalDocs": {
          "description": "The `internal` problem kind in the reference",
          "url": "#section/problem-types/internal"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:internal"
              }
            }
          }
        ]
      },
      "SfdcSynchronizeOrganizations": {
        "type": "object",
        "title": "By organization",
        "description": "Synchronize the named Salesforce organizations.",
        "additionalProperties": false,
        "required": [
          "organization_ids"
        ],
        "properties": {
          "organization_ids": {
            "type": "array",
            "description": "The organizations to synchronize, by resource ID or Salesforce organization ID; at most 100\nper request (`synchronize_all` covers more).\n",
            "minItems": 1,
            "maxItems": 100,
            "uniqueItems": true,
            "items": {
              "$ref": "#/components/schemas/OrganizationReference"
            }
          },
          "synchronize_all": {
            "type": "boolean",
            "description": "May be sent as `false` (what many generated clients send); `true` needs the other shape.",
            "const": false,
            "enum": [
              false
            ]
          }
        }
      },
      "SfdcSynchronizeAll": {
        "type": "object",
        "title": "All organizations",
        "description": "Synchronize every Salesforce organization of the caller's domain.",
        "additionalProperties": false,
        "required": [
          "synchronize_all"
        ],
        "properties": {
          "synchronize_all": {
            "type": "boolean",
            "description": "`true`: every Salesforce organization of the caller's domain.",
            "const": true,
            "enum": [
              true
            ]
          }
        }
      },
      "SfdcSynchronizationJobRequest": {
        "description": "Which Salesforce organizations to synchronize: a non-empty list of `organization_ids` without\nrepeats (`synchronize_all` then absent or `false`), or `synchronize_all: true` alone (every\norganization of the caller's domain). Anything else is a 400: both a list and `true`, neither,\n`synchronize_all: false` alone, an empty list, an unknown field.\n",
        "oneOf": [
          {
            "$ref": "#/components/schemas/SfdcSynchronizeOrganizations"
          },
          {
            "$ref": "#/components/schemas/SfdcSynchronizeAll"
          }
        ]
      },
      "SyncJobRunningProblem": {
        "description": "A 409: a job still `in_progress` already synchronizes one of the requested organizations or groups.",
        "externalDocs": {
          "description": "The `sync-job-running` problem kind in the reference",
          "url": "#section/problem-types/sync-job-running"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:sync-job-running"
              },
              "job_id": {
                "type": "string",
                "format": "uuid",
                "description": "The resource ID of the running job that blocks this request (poll it with the list\noperation, `?id=<job_id>`). Absent only when another server instance started that job in\nthe same instant, so its ID was not known yet.\n",
                "examples": [
                  "c8d2f27b-fb4f-4557-b63c-00d4a1439c4a"
                ]
              }
            }
          }
        ]
      },
      "UnsupportedMediaTypeProblem": {
        "description": "A 415: the body is not in a media type the operation accepts (`Accept-Post` or `Accept-Patch` lists them).",
        "externalDocs": {
          "description": "The `unsupported-media-type` problem kind in the reference",
          "url": "#section/problem-types/unsupported-media-type"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:unsupported-media-type"
              }
            }
          }
        ]
      },
      "UnknownOrganizationProblem": {
        "description": "A 422: a named Salesforce organization is not in the caller's domain, or the domain has none.",
        "externalDocs": {
          "description": "The `unknown-organization` problem kind in the reference",
          "url": "#section/problem-types/unknown-organization"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:unknown-organization"
              }
            }
          }
        ]
      },
      "SalesforceDateTime": {
        "type": "string",
        "description": "A date-time in Salesforce's own form, `YYYY-MM-DDThh:mm:ss.sss+hhmm` (the offset has no colon,\nso it is not an RFC 3339 `date-time`). Kept as Salesforce sent it.\n",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}$",
        "examples": [
          "2021-08-19T14:46:44.000+0000"
        ]
      },
      "SalesforceUserId": {
        "type": "string",
        "description": "An 18-character Salesforce user ID (key prefix `005`).",
        "pattern": "^005[A-Za-z0-9]{15}$",
        "examples": [
          "0053h000000r5rKAAQ"
        ]
      },
      "SalesforceTenantSecretParams": {
        "type": "object",
        "description": "The tenant secret as Salesforce describes it (the `TenantSecret` sObject), with Salesforce's\nfield names and date format. `SecretValue` is the key manager's backup of the (encrypted) secret.\n",
        "required": [
          "SalesforceID",
          "CreatedDate",
          "CreatedById",
          "LastModifiedDate",
          "LastModifiedById",
          "SystemModstamp",
          "SecretValueHash",
          "SecretValue",
          "Version",
          "Status",
          "Source",
          "Type",
          "RemoteKeyCertificate",
          "RemoteKeyServiceID",
          "RemoteKeyIdentifier"
        ],
        "properties": {
          "SalesforceID": {
            "type": "string",
            "description": "The secret's Salesforce record ID (key prefix `02G`).",
            "pattern": "^02G[A-Za-z0-9]{15}$",
            "examples": [
              "02G190000009TlEEAU"
            ]
          },
          "CreatedDate": {
            "$ref": "#/components/schemas/SalesforceDateTime"
          },
          "CreatedById": {
            "$ref": "#/components/schemas/SalesforceUserId"
          },
          "LastModifiedDate": {
            "$ref": "#/components/schemas/SalesforceDateTime"
          },
          "LastModifiedById": {
            "$ref": "#/components/schemas/SalesforceUserId"
          },
          "SystemModstamp": {
            "$ref": "#/components/schemas/SalesforceDateTime"
          },
          "SecretValueHash": {
            "type": "string",
            "description": "Base64 hash of the secret value, as Salesforce reports it.",
            "pattern": "^[A-Za-z0-9+/]*={0,2}$",
            "examples": [
              "UNKNOWM="
            ]
          },
          "SecretValue": {
            "type": "string",
            "description": "Base64 of the encrypted secret value; the backup the key manager keeps.",
            "pattern": "^[A-Za-z0-9+/]*={0,2}$",
            "examples": [
              "CgMyMzISEO3N5nQt+DmGWZ6P5sYRM94aMCRsJDVJCLWeZApXY9E5hAE0unbb2IAEE2OMBxFjuIIVqO5ia9ypAZ9EtNHqbEVNnA=="
            ]
          },
          "Version": {
            "type": "integer",
            "minimum": 1,
            "description": "The secret's version number, as Salesforce reports it (Salesforce numbers a type's secrets from 1)."
          },
          "Status": {
            "description": "`ACTIVE` encrypts and decrypts; `ARCHIVED` only decrypts data encrypted earlier;\n`DESTROYED` does neither. Each secret type has at most one `ACTIVE` secret. Salesforce owns\nthis picklist: a value it adds later is passed on as is, so keep a default branch.\n",
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "ACTIVE",
                  "ARCHIVED",
                  "DESTROYED"
                ]
              },
              {
                "type": "string"
              }
            ],
            "x-extensible-enum": [
              "ACTIVE",
              "ARCHIVED",
              "DESTROYED"
            ]
          },
          "Source": {
            "description": "`HSM`: generated by Salesforce; `UPLOADED`: supplied by the customer; `REMOTE`: fetched from a\nremote key service. Salesforce owns this picklist: a value it adds later is passed on as is.\n",
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "HSM",
                  "UPLOADED",
                  "REMOTE"
                ]
              },
              {
                "type": "string"
              }
            ],
            "x-extensible-enum": [
              "HSM",
              "UPLOADED",
              "REMOTE"
            ]
          },
          "Type": {
            "description": "What the secret encrypts. Salesforce owns this picklist (it has grown before): a value it\nadds later is passed on as is.\n",
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "Data",
                  "SearchIndex",
                  "DeterministicData",
                  "EventBus",
                  "Analytics",
                  "Database"
                ]
              },
              {
                "type": "string"
              }
            ],
            "x-extensible-enum": [
              "Data",
              "SearchIndex",
              "DeterministicData",
              "EventBus",
              "Analytics",
              "Database"
            ]
          },
          "RemoteKeyCertificate": {
            "type": "string",
            "description": "Certificate used for a remote (cache-only) key callout; empty when none."
          },
          "RemoteKeyServiceID": {
            "type": "string",
            "description": "Named credential of the remote key service; empty when none."
          },
          "RemoteKeyIdentifier": {
            "type": "string",
            "description": "ID of the key material at the remote key service; empty when none."
          }
        }
      },
      "TenantSecret": {
        "type": "object",
        "description": "The key manager's record of a Salesforce tenant secret, with its backup.",
        "required": [
          "id",
          "uri",
          "account",
          "createdAt",
          "updatedAt",
          "cloud_name",
          "name",
          "organization_id",
          "error_msg",
          "sfdc_params",
          "sfdc_org_id",
          "auto_rotate",
          "origin"
        ],
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid",
            "description": "The record's resource ID.",
            "examples": [
              "912c7e4d-121e-42bc-ba28-33005cc665cf"
            ]
          },
          "uri": {
            "type": "string",
            "description": "The record's URI, `kylo:kylo:cckm:Tenant_Secret:<id>`. The key manager serves one account,\n`kylo`, so every URI it makes starts `kylo:kylo:`; identify the record by `id`, never by\nparsing `uri`.\n",
            "pattern": "^kylo:kylo:cckm:Tenant_Secret:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            "examples": [
              "kylo:kylo:cckm:Tenant_Secret:912c7e4d-121e-42bc-ba28-33005cc665cf"
            ]
          },
          "account": {
            "$ref": "#/components/schemas/Account"
          },
          "createdAt": {
            "$ref": "#/components/schemas/ResourceTimestamp",
            "description": "When the key manager first recorded the secret."
          },
          "updatedAt": {
            "$ref": "#/components/schemas/ResourceTimestamp",
            "description": "When the key manager last changed the record."
          },
          "cloud_name": {
            "type": "string",
            "description": "The cloud of the secret.",
            "enum": [
              "sfdc"
            ]
          },
          "name": {
            "type": "string",
            "description": "Display name. The key manager names the secrets it synchronizes `<Salesforce org ID>-<Type>`;\nrecords it did not create may be named otherwise (seed 002 shows one), so do not parse it.\n",
            "minLength": 1,
            "maxLength": 255,
            "examples": [
              "00DB000000040bIMAQ-DeterministicData"
            ]
          },
          "organization_id": {
            "type": "string",
            "format": "uuid",
            "description": "Resource ID of the key manager's Salesforce organization that holds the secret (not the\nSalesforce organization ID: that is `sfdc_org_id`).\n",
            "examples": [
              "2473e846-31a8-4ee6-8299-17025548b4e2"
            ]
          },
          "error_msg": {
            "type": "string",
            "description": "The last error the key manager met with this secret; empty when none."
          },
          "sfdc_params": {
            "$ref": "#/components/schemas/SalesforceTenantSecretParams"
          },
          "sfdc_org_id": {
            "$ref": "#/components/schemas/SalesforceOrgId"
          },
          "auto_rotate": {
            "type": "boolean",
            "description": "Whether the key manager rotates this secret on a schedule."
          },
          "origin": {
            "type": "string",
            "description": "Where the key material comes from: `native` (generated by Salesforce, `Source: HSM`),\n`byok` (uploaded from the key manager, `Source: UPLOADED`) or `cache_only` (served by a\nremote key service, `Source: REMOTE`).\n",
            "enum": [
              "native",
              "byok",
              "cache_only"
            ]
          }
        }
      },
      "NotFoundProblem": {
        "description": "A 404: no resource with the path ID in the caller's domain.",
        "externalDocs": {
          "description": "The `not-found` problem kind in the reference",
          "url": "#section/problem-types/not-found"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:not-found"
              }
            }
          }
        ]
      },
      "SecretNotDestroyedProblem": {
        "description": "A 409: the tenant secret is `ACTIVE` or `ARCHIVED`, so its backup is kept.",
        "externalDocs": {
          "description": "The `secret-not-destroyed` problem kind in the reference",
          "url": "#section/problem-types/secret-not-destroyed"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:secret-not-destroyed"
              }
            }
          }
        ]
      },
      "SapGroupReference": {
        "type": "string",
        "description": "An SAP Data Custodian group, named either by the key manager's group resource ID (a UUID) or by\nthe group's ID in SAP Data Custodian. The pattern and the 64-character bound are the key\nmanager's own sanity limits (SAP documents no format for group IDs): every ID SAP has issued so\nfar fits, and so does a UUID.\n",
        "minLength": 1,
        "maxLength": 64,
        "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]*$",
        "examples": [
          "3e732d57-5ea1-491f-b238-9f4a39a9566f",
          "00RT000000060vKLOP"
        ]
      },
      "SapSynchronizeGroups": {
        "type": "object",
        "title": "By group",
        "description": "Synchronize the named SAP Data Custodian groups.",
        "additionalProperties": false,
        "required": [
          "groups"
        ],
        "properties": {
          "groups": {
            "type": "array",
            "description": "The groups to synchronize, by resource ID or SAP group ID; at most 100 per request\n(`synchronize_all` covers more).\n",
            "minItems": 1,
            "maxItems": 100,
            "uniqueItems": true,
            "items": {
              "$ref": "#/components/schemas/SapGroupReference"
            }
          },
          "synchronize_all": {
            "type": "boolean",
            "description": "May be sent as `false` (what many generated clients send); `true` needs the other shape.",
            "const": false,
            "enum": [
              false
            ]
          }
        }
      },
      "SapSynchronizeAll": {
        "type": "object",
        "title": "All groups",
        "description": "Synchronize every SAP Data Custodian group of the caller's domain.",
        "additionalProperties": false,
        "required": [
          "synchronize_all"
        ],
        "properties": {
          "synchronize_all": {
            "type": "boolean",
            "description": "`true`: every SAP group of the caller's domain.",
            "const": true,
            "enum": [
              true
            ]
          }
        }
      },
      "SapSynchronizationJobRequest": {
        "description": "Which SAP Data Custodian groups to synchronize: a non-empty list of `groups` without repeats\n(`synchronize_all` then absent or `false`), or `synchronize_all: true` alone (every group of\nthe caller's domain). Anything else is a 400: both a list and `true`, neither,\n`synchronize_all: false` alone, an empty list, an unknown field.\n",
        "oneOf": [
          {
            "$ref": "#/components/schemas/SapSynchronizeGroups"
          },
          {
            "$ref": "#/components/schemas/SapSynchronizeAll"
          }
        ]
      },
      "SapSynchronizationJob": {
        "title": "SAP job",
        "description": "A job that synchronizes SAP Data Custodian groups (`cloud: sap`).",
        "allOf": [
          {
            "$ref": "#/components/schemas/SynchronizationJobCommon"
          },
          {
            "type": "object",
            "required": [
              "cloud",
              "groups"
            ],
            "properties": {
              "cloud": {
                "type": "string",
                "const": "sap",
                "enum": [
                  "sap"
                ]
              },
              "groups": {
                "type": "array",
                "description": "The SAP group IDs the job synchronizes, however the request named them (a group named by\nresource ID is listed by its SAP group ID).\n",
                "minItems": 1,
                "uniqueItems": true,
                "items": {
                  "$ref": "#/components/schemas/SapGroupReference"
                }
              }
            }
          }
        ]
      },
      "UnknownGroupProblem": {
        "description": "A 422: a named SAP group is not in the caller's domain, or the domain has none.",
        "externalDocs": {
          "description": "The `unknown-group` problem kind in the reference",
          "url": "#section/problem-types/unknown-group"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:unknown-group"
              }
            }
          }
        ]
      },
      "UpdateOrganizationRequest": {
        "type": "object",
        "description": "The connection to reach the organization through from now on.",
        "additionalProperties": false,
        "required": [
          "connection"
        ],
        "properties": {
          "connection": {
            "type": "string",
            "description": "Name or resource ID of a Salesforce connection of the caller's domain. An exact ID match\nwins over a name match. The connection must reach this very Salesforce organization.\nControl characters (U+0000 to U+001F, U+007F) are refused.\n",
            "minLength": 1,
            "maxLength": 255,
            "pattern": "^[^\\x00-\\x1F\\x7F]+$",
            "examples": [
              "new-sfdc-connection"
            ]
          }
        }
      },
      "SalesforceOrganization": {
        "type": "object",
        "description": "A Salesforce organization registered with the key manager, and the connection it is reached through.",
        "required": [
          "id",
          "uri",
          "account",
          "application",
          "devAccount",
          "createdAt",
          "updatedAt",
          "name",
          "organization_id",
          "connection",
          "cloud_name",
          "type"
        ],
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid",
            "description": "The organization's resource ID in the key manager.",
            "examples": [
              "2473e846-31a8-4ee6-8299-17025548b4e2"
            ]
          },
          "uri": {
            "type": "string",
            "description": "The organization's URI, `kylo:kylo:cckm:sfdc-organization:<id>`. The key manager serves one\naccount, `kylo`, so every URI it makes starts `kylo:kylo:`; identify the organization by\n`id`, never by parsing `uri`.\n",
            "pattern": "^kylo:kylo:cckm:sfdc-organization:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            "examples": [
              "kylo:kylo:cckm:sfdc-organization:2473e846-31a8-4ee6-8299-17025548b4e2"
            ]
          },
          "account": {
            "$ref": "#/components/schemas/Account"
          },
          "application": {
            "$ref": "#/components/schemas/Application"
          },
          "devAccount": {
            "$ref": "#/components/schemas/DevAccount"
          },
          "createdAt": {
            "$ref": "#/components/schemas/ResourceTimestamp",
            "description": "When the organization was added to the key manager."
          },
          "updatedAt": {
            "$ref": "#/components/schemas/ResourceTimestamp",
            "description": "When the organization record last changed."
          },
          "name": {
            "type": "string",
            "description": "The organization's name in Salesforce (Salesforce allows 80 characters).",
            "minLength": 1,
            "maxLength": 255,
            "examples": [
              "Thales"
            ]
          },
          "organization_id": {
            "$ref": "#/components/schemas/SalesforceOrgId",
            "description": "The 18-character Salesforce organization ID (not the resource ID)."
          },
          "connection": {
            "type": "string",
            "description": "Name of the key manager connection the organization is reached through. Connection names\nare 1 to 255 characters: the key manager stores no longer one, and a PATCH names one so.\n",
            "minLength": 1,
            "maxLength": 255,
            "examples": [
              "new-sfdc-connection"
            ]
          },
          "cloud_name": {
            "type": "string",
            "description": "The cloud of the organization.",
            "enum": [
              "sfdc"
            ]
          },
          "type": {
            "type": "string",
            "description": "`Regular` for a production or developer organization, `Sandbox` for a Salesforce sandbox.",
            "enum": [
              "Regular",
              "Sandbox"
            ]
          }
        }
      },
      "ConnectionNotFoundProblem": {
        "description": "A 422: no connection of the caller's domain has this name or ID.",
        "externalDocs": {
          "description": "The `connection-not-found` problem kind in the reference",
          "url": "#section/problem-types/connection-not-found"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:connection-not-found"
              }
            }
          }
        ]
      },
      "ConnectionNotSalesforceProblem": {
        "description": "A 422: the connection belongs to another cloud.",
        "externalDocs": {
          "description": "The `connection-not-salesforce` problem kind in the reference",
          "url": "#section/problem-types/connection-not-salesforce"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:connection-not-salesforce"
              }
            }
          }
        ]
      },
      "ConnectionCannotReachOrganizationProblem": {
        "description": "A 422: through the connection, Salesforce reports another organization, or none.",
        "externalDocs": {
          "description": "The `connection-cannot-reach-organization` problem kind in the reference",
          "url": "#section/problem-types/connection-cannot-reach-organization"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization"
              }
            }
          }
        ]
      },
      "CloudTimeoutProblem": {
        "description": "A 504: the cloud did not answer within the server's cloud timeout; nothing changed.",
        "externalDocs": {
          "description": "The `cloud-timeout` problem kind in the reference",
          "url": "#section/problem-types/cloud-timeout"
        },
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "const": "tag:cckm-contract.github.io,2026:problem:cloud-timeout"
              }
            }
          }
        ]
      }
    },
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A JWT issued for the caller. Claims used: `sub`, `preferred_username`,\n`cust.domain_id` (the domain the caller acts in) and `cust.groups` (its groups).\n"
      }
    },
    "parameters": {
      "SynchronizationJobIdFilter": {
        "name": "id",
        "in": "query",
        "required": false,
        "description": "Only the synchronization job with this resource ID.",
        "schema": {
          "type": "string",
          "format": "uuid"
        },
        "example": "c8d2f27b-fb4f-4557-b63c-00d4a1439c4a"
      },
      "OverallStatusFilter": {
        "name": "overall_status",
        "in": "query",
        "required": false,
        "description": "Only jobs in this overall status.",
        "schema": {
          "$ref": "#/components/schemas/OverallStatus"
        },
        "example": "completed"
      },
      "OrganizationsFilter": {
        "name": "organizations",
        "in": "query",
        "required": false,
        "description": "Comma-separated list of Salesforce organizations; only jobs that synchronize at least one of them\nare listed. Each entry is either the key manager's organization resource ID (a UUID) or the\n18-character Salesforce organization ID (`00D...`). An entry that names no organization of the\ncaller's domain matches nothing.\n",
        "style": "form",
        "explode": false,
        "schema": {
          "type": "array",
          "minItems": 1,
          "maxItems": 100,
          "items": {
            "$ref": "#/components/schemas/OrganizationReference"
          }
        },
        "example": [
          "2473e846-31a8-4ee6-8299-17025548b4e2",
          "00DB000000040bIMAQ"
        ]
      },
      "Skip": {
        "name": "skip",
        "in": "query",
        "required": false,
        "description": "How many matching records to skip before the page starts. With `skip=5`, the first five\nmatches are not returned. At most 2,147,483,647 (a larger or non-finite value is a 400).\n",
        "schema": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2147483647,
          "default": 0
        },
        "example": 0
      },
      "Limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "How many records the page holds at most, counted after the `skip` records.\n",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 1000,
          "default": 10
        },
        "example": 10
      },
      "Sort": {
        "name": "sort",
        "in": "query",
        "required": false,
        "style": "form",
        "explode": false,
        "allowReserved": true,
        "description": "Comma-separated list of the keys to order by, most significant first: a field, or a field\nprefixed with `-` for descending order. Fields: `createdAt`, `updatedAt`, `completed_at`,\n`overall_status`; a field named twice counts once, where it first appears. Ties are broken by\n`id`, so paging is stable. Jobs without `completed_at` sort after those that have one in\nascending order, and before them in descending order.\n",
        "schema": {
          "type": "array",
          "minItems": 1,
          "maxItems": 8,
          "items": {
            "$ref": "#/components/schemas/SynchronizationJobSortKey"
          },
          "default": [
            "-createdAt"
          ]
        },
        "examples": {
          "newestFirst": {
            "summary": "Newest jobs first (the default)",
            "value": [
              "-createdAt"
            ]
          },
          "byStatusThenOldest": {
            "summary": "By status, then oldest first",
            "value": [
              "overall_status",
              "createdAt"
            ]
          }
        }
      },
      "IfNoneMatch": {
        "name": "If-None-Match",
        "in": "header",
        "required": false,
        "description": "Conditional GET (RFC 9110 §13.1.2), for pollers: the `ETag`s of pages the caller holds, comma\nseparated, or `*`. When one names the page the request would get (weak comparison: a `W/`\nprefix is ignored), the answer is `304` with no body; otherwise the page, with its `ETag`. A\nvalue that names no tag is not an error: it matches nothing. A `304` answers only a request that\nsends this header.\n",
        "schema": {
          "type": "string",
          "maxLength": 4096
        },
        "example": "\"3q2-7wEFkLeL2DmBQz1Vgw\""
      },
      "TenantSecretId": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "Resource ID (a UUID) of the tenant secret whose backup to delete.",
        "schema": {
          "type": "string",
          "format": "uuid"
        },
        "example": "912c7e4d-121e-42bc-ba28-33005cc665cf"
      },
      "OrganizationId": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "Resource ID (a UUID) of the Salesforce organization in the key manager.",
        "schema": {
          "type": "string",
          "format": "uuid"
        },
        "example": "2473e846-31a8-4ee6-8299-17025548b4e2"
      }
    },
    "headers": {
      "XRequestId": {
        "description": "The request's ID: the caller's own `X-Request-Id` when it sent a sane one (1 to 128 of\n`A-Z a-z 0-9 . _ : -`), else one the server made up. Every response carries it, and a problem's\n`request_id` equals it; the server's log lines about the request carry it too.\n",
        "required": true,
        "schema": {
          "$ref": "#/components/schemas/RequestId"
        },
        "example": "6f1c2a0e-5b7d-4a43-9a55-3d0c9e7b2f10"
      },
      "ListETag": {
        "description": "The page's entity tag (RFC 9110 §8.8.3): a strong validator, a digest of the body's bytes. The\nsame page, byte for byte, has the same tag on every instance of the server. Send it back in\n`If-None-Match` to be answered `304` with no body while the page has not changed.\n",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^\"[A-Za-z0-9_-]{22}\"$"
        },
        "example": "\"3q2-7wEFkLeL2DmBQz1Vgw\""
      },
      "ListCacheControl": {
        "description": "`private, no-cache`: a browser may keep the page, and must ask again before using it (with\n`If-None-Match`); a shared cache must not keep it, since the page depends on the caller's token.\n",
        "required": true,
        "schema": {
          "type": "string",
          "const": "private, no-cache",
          "enum": [
            "private, no-cache"
          ]
        },
        "example": "private, no-cache"
      },
      "SfdcJobLocation": {
        "description": "Where the new job can be read: the list operation filtered by the job's ID,\n`/api/v1/cckm/sfdc/keys/synchronization-jobs?id=<id>` (a path on the same server). There is no\nget-by-ID among these operations.\n",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uri-reference",
          "pattern": "^/api/v1/cckm/sfdc/keys/synchronization-jobs\\?id=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
        },
        "example": "/api/v1/cckm/sfdc/keys/synchronization-jobs?id=c8d2f27b-fb4f-4557-b63c-00d4a1439c4a"
      }
    },
    "examples": {
      "SynchronizationJobPage": {
        "summary": "Two finished Salesforce jobs",
        "description": "Seed 001's response.",
        "value": {
          "skip": 0,
          "limit": 10,
          "total": 2,
          "resources": [
            {
              "id": "c8d2f27b-fb4f-4557-b63c-00d4a1439c4a",
              "uri": "kylo:kylo:cckm:synchronize:c8d2f27b-fb4f-4557-b63c-00d4a1439c4a",
              "account": "kylo:kylo:admin:accounts:kylo",
              "application": "ncryptify:gemalto:admin:apps:kylo",
              "devAccount": "ncryptify:gemalto:admin:accounts:gemalto",
              "createdAt": "2021-07-27T03:10:56.701039Z",
              "updatedAt": "2021-07-27T03:10:57.248093Z",
              "completed_at": "2021-07-27T03:10:57.247966Z",
              "overall_status": "completed",
              "detailed_status": {
                "00DB000000040bIMAQ": "Error listing keys from SFDC: "
              },
              "cloud": "sfdc",
              "kms": [
                "00DB000000040bIMAQ"
              ],
              "abort": false
            },
            {
              "id": "8d5ccc9f-0d18-482d-bb13-593665a4813c",
              "uri": "kylo:kylo:cckm:synchronize:8d5ccc9f-0d18-482d-bb13-593665a4813c",
              "account": "kylo:kylo:admin:accounts:kylo",
              "application": "ncryptify:gemalto:admin:apps:kylo",
              "devAccount": "ncryptify:gemalto:admin:accounts:gemalto",
              "createdAt": "2021-07-27T03:10:52.282288Z",
              "updatedAt": "2021-07-27T03:10:52.710539Z",
              "completed_at": "2021-07-27T03:10:52.710314Z",
              "overall_status": "completed",
              "detailed_status": {
                "00DB000000040bIMAQ": "Error listing keys from SFDC: "
              },
              "cloud": "sfdc",
              "kms": [
                "00DB000000040bIMAQ"
              ],
              "abort": false
            }
          ]
        }
      },
      "EmptySynchronizationJobPage": {
        "summary": "No job matches the filter",
        "value": {
          "skip": 0,
          "limit": 10,
          "total": 0,
          "resources": []
        }
      },
      "ProblemInvalidQuery": {
        "summary": "A query parameter is out of range",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "limit must be <= 1000",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "request_id": "4d2a0006-7c1e-4b8a-9f3d-6e5b1c0a0006",
          "errors": [
            {
              "path": "/query/limit",
              "message": "must be <= 1000"
            }
          ]
        }
      },
      "ProblemMissingToken": {
        "summary": "No token was sent",
        "description": "The request had no `Authorization` header; `WWW-Authenticate` is then `Bearer realm=\"cckm\"`, without an error code.",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:unauthorized",
          "title": "Unauthorized",
          "status": 401,
          "detail": "Authorization header required",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "request_id": "4d2a0101-7c1e-4b8a-9f3d-6e5b1c0a0101"
        }
      },
      "ProblemExpiredToken": {
        "summary": "The token has expired",
        "description": "A token past its `exp` (beyond the server's clock tolerance); get a new one and retry once.",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:unauthorized",
          "title": "Unauthorized",
          "status": 401,
          "detail": "The bearer token has expired",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "request_id": "4d2a0102-7c1e-4b8a-9f3d-6e5b1c0a0102"
        }
      },
      "ProblemForbidden": {
        "summary": "The caller's groups do not allow the operation",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:forbidden",
          "title": "Forbidden",
          "status": 403,
          "detail": "This operation needs one of the groups admin, CCKM Admins",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "request_id": "4d2a0004-7c1e-4b8a-9f3d-6e5b1c0a0004"
        }
      },
      "ProblemInternal": {
        "summary": "An unexpected failure; no internals are disclosed",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:internal",
          "title": "Internal server error",
          "status": 500,
          "detail": "The server could not complete the request; it has been logged; quote its request ID",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "request_id": "6f1c2a0e-5b7d-4a43-9a55-3d0c9e7b2f10"
        }
      },
      "SfdcSyncAllRequest": {
        "summary": "Synchronize every organization",
        "description": "Seed 000's request body.",
        "value": {
          "synchronize_all": true
        }
      },
      "SfdcSyncByOrganizationsRequest": {
        "summary": "Synchronize chosen organizations",
        "description": "One organization by resource ID, one by Salesforce organization ID.",
        "value": {
          "organization_ids": [
            "2473e846-31a8-4ee6-8299-17025548b4e2",
            "00DB000000012ABCDE"
          ]
        }
      },
      "SfdcSyncJobStarted": {
        "summary": "A Salesforce synchronization job, just started",
        "description": "Seed 000's response.",
        "value": {
          "id": "c8d2f27b-fb4f-4557-b63c-00d4a1439c4a",
          "uri": "kylo:kylo:cckm:synchronize:c8d2f27b-fb4f-4557-b63c-00d4a1439c4a",
          "account": "kylo:kylo:admin:accounts:kylo",
          "application": "ncryptify:gemalto:admin:apps:kylo",
          "devAccount": "ncryptify:gemalto:admin:accounts:gemalto",
          "createdAt": "2021-07-27T03:06:20.002297124Z",
          "updatedAt": "2021-07-27T03:06:20.006691656Z",
          "overall_status": "in_progress",
          "cloud": "sfdc",
          "kms": [
            "00DB000000040bIMAQ"
          ],
          "abort": false
        }
      },
      "ProblemSfdcSyncBothGiven": {
        "summary": "Both organization_ids and synchronize_all were sent",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "body must have exactly one of organization_ids or synchronize_all: true",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "request_id": "4d2a0014-7c1e-4b8a-9f3d-6e5b1c0a0014",
          "errors": [
            {
              "path": "/body",
              "message": "must have exactly one of organization_ids or synchronize_all: true"
            }
          ]
        }
      },
      "ProblemSfdcSyncJobRunning": {
        "summary": "A job is already in progress for one of the organizations",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:sync-job-running",
          "title": "Synchronization job already running",
          "status": 409,
          "detail": "Job c8d2f27b-fb4f-4557-b63c-00d4a1439c4a is still synchronizing organization 00DB000000040bIMAQ",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "job_id": "c8d2f27b-fb4f-4557-b63c-00d4a1439c4a",
          "request_id": "4d2a0015-7c1e-4b8a-9f3d-6e5b1c0a0015"
        }
      },
      "ProblemUnsupportedMediaType": {
        "summary": "The body was sent as a form",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:unsupported-media-type",
          "title": "Unsupported media type",
          "status": 415,
          "detail": "Send the body as application/json",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "request_id": "4d2a0006-7c1e-4b8a-9f3d-6e5b1c0a0415"
        }
      },
      "ProblemUnknownOrganization": {
        "summary": "An organization of the request does not exist in the caller's domain",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:unknown-organization",
          "title": "Unknown Salesforce organization",
          "status": 422,
          "detail": "No Salesforce organization 00DB00000009999ZZZ in this domain",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "request_id": "4d2a0019-7c1e-4b8a-9f3d-6e5b1c0a0019"
        }
      },
      "ProblemNoOrganizations": {
        "summary": "synchronize_all in a domain without organizations",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:unknown-organization",
          "title": "Unknown Salesforce organization",
          "status": 422,
          "detail": "synchronize_all was requested, but this domain has no Salesforce organizations",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "request_id": "4d2a0008-7c1e-4b8a-9f3d-6e5b1c0a0008"
        }
      },
      "DeletedTenantSecretBackup": {
        "summary": "The record of a destroyed tenant secret, as it was before deletion",
        "description": "Seed 002's response without its `application/json` wrapper, with the ID of the request\n(`912c7e4d-...`) in place of the seed's mismatched `2cf88f46-...`.\n",
        "value": {
          "id": "912c7e4d-121e-42bc-ba28-33005cc665cf",
          "uri": "kylo:kylo:cckm:Tenant_Secret:912c7e4d-121e-42bc-ba28-33005cc665cf",
          "account": "kylo:kylo:admin:accounts:kylo",
          "createdAt": "2021-08-25T04:31:20.32725Z",
          "updatedAt": "2021-08-25T05:24:04.200853337Z",
          "cloud_name": "sfdc",
          "name": "12345678901ABCDEFG-DeterministicData",
          "organization_id": "ce0ffe4b-fbda-4e87-88af-4b9b4e6484f9",
          "error_msg": "",
          "sfdc_params": {
            "SalesforceID": "02G190000009TlEEAU",
            "CreatedDate": "2021-08-19T14:46:44.000+0000",
            "CreatedById": "0053h000000r5rKAAQ",
            "LastModifiedDate": "2021-08-19T16:34:26.000+0000",
            "LastModifiedById": "0053h000000r5rKAAQ",
            "SystemModstamp": "2021-08-19T16:34:26.000+0000",
            "SecretValueHash": "UNKNOWM=",
            "SecretValue": "CgMyMzISEO3N5nQt+DmGWZ6P5sYRM94aMCRsJDVJCLWeZApXY9E5hAE0unbb2IAEE2OMBxFjuIIVqO5ia9ypAZ9EtNHqbEVNnA==",
            "Version": 20,
            "Status": "DESTROYED",
            "Source": "HSM",
            "Type": "DeterministicData",
            "RemoteKeyCertificate": "",
            "RemoteKeyServiceID": "",
            "RemoteKeyIdentifier": ""
          },
          "sfdc_org_id": "00DB000000012ABCDE",
          "auto_rotate": false,
          "origin": "native"
        }
      },
      "ProblemInvalidResourceId": {
        "summary": "The path ID is not a UUID",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "path.id must match format \"uuid\"",
          "instance": "/api/v1/cckm/sfdc/keys/not-a-uuid/delete-backup",
          "request_id": "4d2a0007-7c1e-4b8a-9f3d-6e5b1c0a0007",
          "errors": [
            {
              "path": "/path/id",
              "message": "must match format \"uuid\""
            }
          ]
        }
      },
      "ProblemTenantSecretNotFound": {
        "summary": "No such tenant secret in the caller's domain (or its backup was already deleted)",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:not-found",
          "title": "Resource not found",
          "status": 404,
          "detail": "No tenant secret 912c7e4d-121e-42bc-ba28-33005cc665cf",
          "instance": "/api/v1/cckm/sfdc/keys/912c7e4d-121e-42bc-ba28-33005cc665cf/delete-backup",
          "request_id": "4d2a0016-7c1e-4b8a-9f3d-6e5b1c0a0016"
        }
      },
      "ProblemSecretNotDestroyed": {
        "summary": "The secret is ACTIVE or ARCHIVED",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:secret-not-destroyed",
          "title": "Tenant secret is not destroyed",
          "status": 409,
          "detail": "The backup of tenant secret 912c7e4d-121e-42bc-ba28-33005cc665cf can only be deleted once the secret is DESTROYED; its status is ACTIVE",
          "instance": "/api/v1/cckm/sfdc/keys/912c7e4d-121e-42bc-ba28-33005cc665cf/delete-backup",
          "request_id": "4d2a0013-7c1e-4b8a-9f3d-6e5b1c0a0013"
        }
      },
      "SapSyncByGroupsRequest": {
        "summary": "Synchronize chosen SAP groups",
        "description": "The groups of seed 003's response, two by resource ID and one by SAP group ID.",
        "value": {
          "groups": [
            "3e732d57-5ea1-491f-b238-9f4a39a9566f",
            "c4e5bd34-af39-4027-9058-6f1a4bb3519d",
            "00RT000000060vKLOP"
          ]
        }
      },
      "SapSyncAllRequest": {
        "summary": "Synchronize every SAP group",
        "value": {
          "synchronize_all": true
        }
      },
      "SapSyncJobStarted": {
        "summary": "An SAP synchronization job, just started",
        "description": "Seed 003's response, with `in_progress` for the seed's `in progress`, and the groups listed by\nSAP group ID (the seed echoes the request's references; the key manager normalises them, as it\ndoes for `kms`).\n",
        "value": {
          "id": "bf27cde1-e2ed-4244-9d5a-8a4e12ad1837",
          "uri": "kylo:kylo:cckm:synchronize:bf27cde1-e2ed-4244-9d5a-8a4e12ad1837",
          "account": "kylo:kylo:admin:accounts:kylo",
          "application": "ncryptify:gemalto:admin:apps:kylo",
          "devAccount": "ncryptify:gemalto:admin:accounts:gemalto",
          "createdAt": "2020-08-06T09:49:34.605578452Z",
          "updatedAt": "2020-08-06T09:49:34.609059131Z",
          "overall_status": "in_progress",
          "cloud": "sap",
          "groups": [
            "00RT000000041aBCDE",
            "00RT000000052fGHIJ",
            "00RT000000060vKLOP"
          ],
          "abort": false
        }
      },
      "ProblemSapSyncNoBody": {
        "summary": "No body was sent (seed 003's curl)",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "A JSON body is required: send {\"groups\":[\"3e732d57-5ea1-491f-b238-9f4a39a9566f\",\"c4e5bd34-af39-4027-9058-6f1a4bb3519d\",\"00RT000000060vKLOP\"]} or {\"synchronize_all\":true} with Content-Type: application/json",
          "instance": "/api/v1/cckm/sap/synchronization-jobs",
          "request_id": "4d2a0012-7c1e-4b8a-9f3d-6e5b1c0a0012",
          "errors": [
            {
              "path": "/body",
              "message": "is required"
            }
          ]
        }
      },
      "ProblemSapSyncJobRunning": {
        "summary": "A job is already in progress for one of the groups",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:sync-job-running",
          "title": "Synchronization job already running",
          "status": 409,
          "detail": "Job bf27cde1-e2ed-4244-9d5a-8a4e12ad1837 is still synchronizing group 00RT000000060vKLOP",
          "instance": "/api/v1/cckm/sap/synchronization-jobs",
          "job_id": "bf27cde1-e2ed-4244-9d5a-8a4e12ad1837",
          "request_id": "4d2a0011-7c1e-4b8a-9f3d-6e5b1c0a0011"
        }
      },
      "ProblemUnknownGroup": {
        "summary": "A group of the request does not exist in the caller's domain",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:unknown-group",
          "title": "Unknown SAP group",
          "status": 422,
          "detail": "No SAP group 00RT000000099zzZZZ in this domain",
          "instance": "/api/v1/cckm/sap/synchronization-jobs",
          "request_id": "4d2a0018-7c1e-4b8a-9f3d-6e5b1c0a0018"
        }
      },
      "UpdateOrganizationConnectionRequest": {
        "summary": "Switch to the connection named new-sfdc-connection",
        "description": "Seed 004's request body.",
        "value": {
          "connection": "new-sfdc-connection"
        }
      },
      "UpdatedOrganization": {
        "summary": "The organization, now reached through new-sfdc-connection",
        "description": "Seed 004's response.",
        "value": {
          "id": "2473e846-31a8-4ee6-8299-17025548b4e2",
          "uri": "kylo:kylo:cckm:sfdc-organization:2473e846-31a8-4ee6-8299-17025548b4e2",
          "account": "kylo:kylo:admin:accounts:kylo",
          "application": "ncryptify:gemalto:admin:apps:kylo",
          "devAccount": "ncryptify:gemalto:admin:accounts:gemalto",
          "createdAt": "2021-07-22T07:10:29.96176Z",
          "updatedAt": "2021-07-22T09:16:23.647946784Z",
          "name": "Thales",
          "organization_id": "00DB000000040bIMAQ",
          "connection": "new-sfdc-connection",
          "cloud_name": "sfdc",
          "type": "Regular"
        }
      },
      "ProblemUnknownConnectionField": {
        "summary": "The body has a field the operation does not take",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "must NOT have additional properties: name",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2",
          "request_id": "4d2a0017-7c1e-4b8a-9f3d-6e5b1c0a0017",
          "errors": [
            {
              "path": "/body/name",
              "message": "must NOT have additional properties"
            }
          ]
        }
      },
      "ProblemOrganizationNotFound": {
        "summary": "No such organization in the caller's domain",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:not-found",
          "title": "Resource not found",
          "status": 404,
          "detail": "No Salesforce organization 2473e846-31a8-4ee6-8299-17025548b4e2",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2",
          "request_id": "4d2a0009-7c1e-4b8a-9f3d-6e5b1c0a0009"
        }
      },
      "ProblemConnectionNotFound": {
        "summary": "The connection does not exist",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:connection-not-found",
          "title": "Connection not found",
          "status": 422,
          "detail": "No connection named or identified new-sfdc-connection in this domain",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2",
          "request_id": "4d2a0002-7c1e-4b8a-9f3d-6e5b1c0a0002"
        }
      },
      "ProblemConnectionNotSalesforce": {
        "summary": "The connection is for another cloud",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:connection-not-salesforce",
          "title": "Not a Salesforce connection",
          "status": 422,
          "detail": "Connection sap-dc-connection is a sap connection, not a Salesforce connection",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2",
          "request_id": "4d2a0003-7c1e-4b8a-9f3d-6e5b1c0a0003"
        }
      },
      "ProblemConnectionCannotReachOrganization": {
        "summary": "The connection reaches another organization, or none",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization",
          "title": "Connection cannot reach the organization",
          "status": 422,
          "detail": "Connection other-sfdc-connection reaches Salesforce organization 00DB000000012ABCDE, not 00DB000000040bIMAQ",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2",
          "request_id": "4d2a0001-7c1e-4b8a-9f3d-6e5b1c0a0001"
        }
      },
      "ProblemSalesforceTimeout": {
        "summary": "Salesforce did not confirm the organization in time",
        "value": {
          "type": "tag:cckm-contract.github.io,2026:problem:cloud-timeout",
          "title": "The cloud did not answer in time",
          "status": 504,
          "detail": "Salesforce did not answer within 10 s while connection new-sfdc-connection was checked; nothing was changed. Try again later.",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2",
          "request_id": "4d2a0010-7c1e-4b8a-9f3d-6e5b1c0a0010"
        }
      }
    },
    "responses": {
      "Unauthorized": {
        "description": "The bearer token is missing, malformed, expired, not yet valid, wrongly signed or signed with an\nalgorithm the server does not accept. `detail` says which; `WWW-Authenticate` carries no error\ncode when no token was sent at all (RFC 6750 §3.1).\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "WWW-Authenticate": {
            "description": "The authentication scheme to use, with the reason for the refusal (RFC 6750).",
            "required": true,
            "schema": {
              "type": "string"
            },
            "example": "Bearer realm=\"cckm\", error=\"invalid_token\", error_description=\"The bearer token has expired\""
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/UnauthorizedProblem"
            },
            "examples": {
              "missingToken": {
                "$ref": "#/components/examples/ProblemMissingToken"
              },
              "expiredToken": {
                "$ref": "#/components/examples/ProblemExpiredToken"
              }
            }
          }
        }
      },
      "Forbidden": {
        "description": "The token is valid, but none of its groups may call this operation.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ForbiddenProblem"
            },
            "examples": {
              "forbidden": {
                "$ref": "#/components/examples/ProblemForbidden"
              }
            }
          }
        }
      },
      "InternalServerError": {
        "description": "An unexpected failure. The body never carries internals (stack traces, SQL); the failure is logged under the request ID.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/InternalProblem"
            },
            "examples": {
              "internal": {
                "$ref": "#/components/examples/ProblemInternal"
              }
            }
          }
        }
      }
    }
  }
};
