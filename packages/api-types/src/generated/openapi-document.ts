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
    "version": "1.0.0",
    "summary": "Five operations of the CipherTrust Manager cloud key manager (CCKM).",
    "description": "The contract of five CCKM operations: starting and listing synchronization jobs that copy\nSalesforce tenant secrets and SAP Data Custodian keys into the key manager, deleting the key\nmanager's backup of a destroyed Salesforce tenant secret, and switching a Salesforce\norganization to another connection.\n\n**Authentication.** Every operation needs a bearer JWT (`Authorization: Bearer <token>`).\nThe token's `cust.domain_id` claim selects the domain: resources are only ever visible to\ntokens of the domain that created or synchronized them. The groups in `cust.groups` decide\nwhat the caller may do: `admin` and `CCKM Admins` may call every operation, `CCKM Users` may\nonly list synchronization jobs.\n\n**Errors.** Every error is an RFC 9457 problem (`application/problem+json`) with `type`,\n`title`, `status`, `detail` and `instance`; validation failures add `errors[]`, one entry per\noffending location. Problem types are URNs of the form `urn:cckm:problem:<kind>`.\n\n**Lists.** Lists answer `{skip, limit, total, resources}`; `total` counts every match of the\nfilter, not only the page.\n\n**Time stamps.** The key manager's own fields are RFC 3339 date-times in UTC (`...Z`).\nFields copied from Salesforce (`sfdc_params`) keep Salesforce's own form\n(`2021-08-19T14:46:44.000+0000`).\n",
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
      "url": "/api",
      "description": "The key manager's API root, on the host that serves it (`https://<host>/api`)."
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
        "description": "Starts a background job that copies the tenant secrets of the chosen Salesforce organizations\n(or of every organization of the caller's domain) into the key manager, and answers at once\nwith the job in `in_progress`. Poll the job with the list operation (`?id=<job id>`) until\n`overall_status` is `completed` or `failed`.\n\nOrganizations are named by resource ID or by Salesforce organization ID. For each one the job\nlists its tenant secrets in Salesforce, records every secret with its Salesforce parameters and\na backup of its value, marks records that Salesforce no longer has, and writes one line in\n`detailed_status`. Afterwards each secret type has at most one `ACTIVE` secret; the others are\n`ARCHIVED` or `DESTROYED`.\n\nOnly one job at a time may synchronize a given organization: while one is `in_progress`, a\nrequest naming any of its organizations is refused with 409.\n\nRequires the group `admin` or `CCKM Admins`.\n",
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
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SynchronizationJob"
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
            "description": "The body is not JSON, has unknown fields, or does not name exactly one of\n`organization_ids` (non-empty, no repeats, each a resource ID or Salesforce organization ID)\nand `synchronize_all: true`.\n",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                },
                "examples": {
                  "jobRunning": {
                    "$ref": "#/components/examples/ProblemSfdcSyncJobRunning"
                  }
                }
              }
            }
          },
          "422": {
            "description": "An organization of `organization_ids` does not exist in the caller's domain, or\n`synchronize_all` was asked in a domain that has no Salesforce organization.\n",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
        "description": "Lists the Salesforce synchronization jobs of the caller's domain, one page at a time, newest\nfirst unless `sort` says otherwise. Filters combine with AND. `total` counts every job that\nmatches the filters, so a client pages with `skip` until `skip >= total`.\n\nRequires the group `admin`, `CCKM Admins` or `CCKM Users`.\n",
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
          }
        ],
        "responses": {
          "200": {
            "description": "One page of the jobs that match the filters.",
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
          "400": {
            "description": "A query parameter is unknown or invalid: `skip` below 0, `limit` outside 1..1000, an `id`\nthat is not a UUID, an unknown `overall_status`, a malformed `organizations` entry, or a\n`sort` field outside the allowed set.\n",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
            "$ref": "#/components/parameters/ResourceId",
            "description": "Resource ID of the tenant secret whose backup to delete."
          }
        ],
        "responses": {
          "200": {
            "description": "The backup was deleted; the body is the record as it was just before.",
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
            "description": "The path ID is not a UUID.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
        "description": "Starts a background job that copies the keys of the chosen SAP Data Custodian groups (or of\nevery group of the caller's domain) into the key manager, and answers at once with the job in\n`in_progress`. Groups are named by resource ID or by SAP group ID; the job lists them by SAP\ngroup ID in `groups` and writes one line per group in `detailed_status`.\n\nOnly one job at a time may synchronize a given group: while one is `in_progress`, a request\nnaming any of its groups is refused with 409.\n\nRequires the group `admin` or `CCKM Admins`.\n",
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
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SynchronizationJob"
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
            "description": "There is no JSON body, or it has unknown fields, or it does not name exactly one of\n`groups` (non-empty, no repeats) and `synchronize_all: true`.\n",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                },
                "examples": {
                  "jobRunning": {
                    "$ref": "#/components/examples/ProblemSapSyncJobRunning"
                  }
                }
              }
            }
          },
          "422": {
            "description": "A group of `groups` does not exist in the caller's domain, or `synchronize_all` was asked\nin a domain that has no SAP group.\n",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
            "$ref": "#/components/parameters/ResourceId",
            "description": "Resource ID of the Salesforce organization."
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
            }
          }
        },
        "responses": {
          "200": {
            "description": "The organization now uses the connection.",
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
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                },
                "examples": {
                  "organizationNotFound": {
                    "$ref": "#/components/examples/ProblemOrganizationNotFound"
                  }
                }
              }
            }
          },
          "422": {
            "description": "The connection does not exist, is not a Salesforce connection, or does not reach this organization.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
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
        "allowReserved": true,
        "description": "Comma-separated list of the fields to order by, most significant first. A field prefixed with\n`-` sorts in descending order. Allowed fields: `createdAt`, `updatedAt`, `completed_at`,\n`overall_status`. Ties are broken by `id`, so paging is stable. Jobs without `completed_at`\nsort after those that have one in ascending order, and before them in descending order.\n",
        "schema": {
          "type": "string",
          "pattern": "^-?(createdAt|updatedAt|completed_at|overall_status)(,-?(createdAt|updatedAt|completed_at|overall_status))*$",
          "default": "-createdAt",
          "maxLength": 200
        },
        "examples": {
          "newestFirst": {
            "summary": "Newest jobs first (the default)",
            "value": "-createdAt"
          },
          "byStatusThenOldest": {
            "summary": "By status, then oldest first",
            "value": "overall_status,createdAt"
          }
        }
      },
      "ResourceId": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "The key manager's resource ID (a UUID) of the resource.",
        "schema": {
          "type": "string",
          "format": "uuid"
        },
        "example": "2473e846-31a8-4ee6-8299-17025548b4e2"
      }
    },
    "schemas": {
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
      "SalesforceOrgId": {
        "type": "string",
        "description": "An 18-character Salesforce organization ID (key prefix `00D`).",
        "pattern": "^00D[A-Za-z0-9]{15}$",
        "examples": [
          "00DB000000040bIMAQ"
        ]
      },
      "SapGroupReference": {
        "type": "string",
        "description": "An SAP Data Custodian group, named either by the key manager's group resource ID (a UUID) or by\nthe group's ID in SAP Data Custodian.\n",
        "minLength": 1,
        "maxLength": 64,
        "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]*$",
        "examples": [
          "3e732d57-5ea1-491f-b238-9f4a39a9566f",
          "00RT000000060vKLOP"
        ]
      },
      "SynchronizationJob": {
        "type": "object",
        "description": "A job that copies the tenant secrets of Salesforce organizations (`cloud: sfdc`) or the keys of\nSAP Data Custodian groups (`cloud: sap`) into the key manager. A Salesforce job lists its\norganizations in `kms`; an SAP job lists its groups in `groups`; never both.\n",
        "additionalProperties": false,
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
            "description": "The job's URI, `kylo:kylo:cckm:synchronize:<id>`.",
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
              "type": "string",
              "maxLength": 1000
            },
            "examples": [
              {
                "00DB000000040bIMAQ": "synchronized 4 tenant secrets"
              }
            ]
          },
          "cloud": {
            "type": "string",
            "description": "Which cloud the job synchronizes.",
            "enum": [
              "sfdc",
              "sap"
            ]
          },
          "kms": {
            "type": "array",
            "description": "The Salesforce organizations the job synchronizes (Salesforce jobs only).",
            "minItems": 1,
            "uniqueItems": true,
            "items": {
              "$ref": "#/components/schemas/SalesforceOrgId"
            }
          },
          "groups": {
            "type": "array",
            "description": "The SAP Data Custodian group IDs the job synchronizes (SAP jobs only).",
            "minItems": 1,
            "uniqueItems": true,
            "items": {
              "$ref": "#/components/schemas/SapGroupReference"
            }
          },
          "abort": {
            "type": "boolean",
            "description": "Whether cancellation of the job was requested."
          }
        },
        "if": {
          "properties": {
            "cloud": {
              "const": "sfdc"
            }
          }
        },
        "then": {
          "required": [
            "kms"
          ],
          "properties": {
            "kms": true,
            "groups": false
          }
        },
        "else": {
          "required": [
            "groups"
          ],
          "properties": {
            "groups": true,
            "kms": false
          }
        }
      },
      "SynchronizationJobList": {
        "type": "object",
        "description": "One page of synchronization jobs.",
        "additionalProperties": false,
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
              "$ref": "#/components/schemas/SynchronizationJob"
            }
          }
        }
      },
      "ProblemFieldError": {
        "type": "object",
        "description": "One validation failure.",
        "additionalProperties": false,
        "required": [
          "path",
          "message"
        ],
        "properties": {
          "path": {
            "type": "string",
            "description": "Where the failure is, as a JSON pointer into the request (`/body/organization_ids/0`, `/query/limit`).",
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
        "description": "An RFC 9457 problem detail, the body of every error response.",
        "additionalProperties": false,
        "required": [
          "type",
          "title",
          "status"
        ],
        "properties": {
          "type": {
            "type": "string",
            "format": "uri-reference",
            "description": "Identifies the kind of problem, `urn:cckm:problem:<kind>`. Clients branch on this, not on\n`title` or `detail`.\n",
            "examples": [
              "urn:cckm:problem:validation-failed"
            ]
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
          "errors": {
            "type": "array",
            "description": "For validation problems, one entry per offending location.",
            "items": {
              "$ref": "#/components/schemas/ProblemFieldError"
            }
          }
        }
      },
      "SfdcSynchronizationJobRequest": {
        "type": "object",
        "description": "Which Salesforce organizations to synchronize: exactly one of `organization_ids` (a non-empty\nlist without repeats) or `synchronize_all: true` (every organization of the caller's domain).\nSending both, neither, or `synchronize_all: false` is invalid.\n",
        "additionalProperties": false,
        "properties": {
          "organization_ids": {
            "type": "array",
            "description": "The organizations to synchronize, by resource ID or Salesforce organization ID.",
            "minItems": 1,
            "maxItems": 100,
            "uniqueItems": true,
            "items": {
              "$ref": "#/components/schemas/OrganizationReference"
            }
          },
          "synchronize_all": {
            "type": "boolean",
            "description": "`true` synchronizes every Salesforce organization of the caller's domain.",
            "const": true
          }
        },
        "oneOf": [
          {
            "title": "By organization",
            "required": [
              "organization_ids"
            ]
          },
          {
            "title": "All organizations",
            "required": [
              "synchronize_all"
            ]
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
        "additionalProperties": false,
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
            "description": "The secret's version, unique within its organization."
          },
          "Status": {
            "type": "string",
            "description": "`ACTIVE` encrypts and decrypts; `ARCHIVED` only decrypts data encrypted earlier;\n`DESTROYED` does neither. Each secret type has at most one `ACTIVE` secret.\n",
            "enum": [
              "ACTIVE",
              "ARCHIVED",
              "DESTROYED"
            ]
          },
          "Source": {
            "type": "string",
            "description": "`HSM`: generated by Salesforce; `UPLOADED`: supplied by the customer; `REMOTE`: fetched from a remote key service.",
            "enum": [
              "HSM",
              "UPLOADED",
              "REMOTE"
            ]
          },
          "Type": {
            "type": "string",
            "description": "What the secret encrypts.",
            "enum": [
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
        "additionalProperties": false,
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
            "description": "The record's URI, `kylo:kylo:cckm:Tenant_Secret:<id>`.",
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
            "description": "Display name, `<Salesforce org ID>-<Type>` for synchronized secrets.",
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
            "description": "The last error the key manager met with this secret; empty when none.",
            "maxLength": 1000
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
      "SapSynchronizationJobRequest": {
        "type": "object",
        "description": "Which SAP Data Custodian groups to synchronize: exactly one of `groups` (a non-empty list\nwithout repeats) or `synchronize_all: true` (every group of the caller's domain). Sending both,\nneither, or `synchronize_all: false` is invalid.\n",
        "additionalProperties": false,
        "properties": {
          "groups": {
            "type": "array",
            "description": "The groups to synchronize, by resource ID or SAP group ID.",
            "minItems": 1,
            "maxItems": 100,
            "uniqueItems": true,
            "items": {
              "$ref": "#/components/schemas/SapGroupReference"
            }
          },
          "synchronize_all": {
            "type": "boolean",
            "description": "`true` synchronizes every SAP group of the caller's domain.",
            "const": true
          }
        },
        "oneOf": [
          {
            "title": "By group",
            "required": [
              "groups"
            ]
          },
          {
            "title": "All groups",
            "required": [
              "synchronize_all"
            ]
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
        "additionalProperties": false,
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
            "description": "The organization's URI, `kylo:kylo:cckm:sfdc-organization:<id>`.",
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
            "description": "The organization's name in Salesforce.",
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
            "description": "Name of the key manager connection the organization is reached through.",
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
          "type": "urn:cckm:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "limit must be <= 1000",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
          "errors": [
            {
              "path": "/query/limit",
              "message": "must be <= 1000"
            }
          ]
        }
      },
      "ProblemUnauthorized": {
        "summary": "The token is missing, malformed, expired or wrongly signed",
        "value": {
          "type": "urn:cckm:problem:unauthorized",
          "title": "Unauthorized",
          "status": 401,
          "detail": "The bearer token has expired",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs"
        }
      },
      "ProblemForbidden": {
        "summary": "The caller's groups do not allow the operation",
        "value": {
          "type": "urn:cckm:problem:forbidden",
          "title": "Forbidden",
          "status": 403,
          "detail": "This operation needs one of the groups admin, CCKM Admins",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs"
        }
      },
      "ProblemInternal": {
        "summary": "An unexpected failure; no internals are disclosed",
        "value": {
          "type": "urn:cckm:problem:internal",
          "title": "Internal server error",
          "status": 500,
          "detail": "The server could not complete the request; it has been logged with request ID 6f1c2a0e-5b7d-4a43-9a55-3d0c9e7b2f10",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs"
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
          "type": "urn:cckm:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "Send exactly one of organization_ids or synchronize_all: true",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs",
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
          "type": "urn:cckm:problem:sync-job-running",
          "title": "Synchronization job already running",
          "status": 409,
          "detail": "Job c8d2f27b-fb4f-4557-b63c-00d4a1439c4a is still synchronizing organization 00DB000000040bIMAQ",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs"
        }
      },
      "ProblemUnknownOrganization": {
        "summary": "An organization of the request does not exist in the caller's domain",
        "value": {
          "type": "urn:cckm:problem:unknown-organization",
          "title": "Unknown Salesforce organization",
          "status": 422,
          "detail": "No Salesforce organization 00DB00000009999ZZZ in this domain",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs"
        }
      },
      "ProblemNoOrganizations": {
        "summary": "synchronize_all in a domain without organizations",
        "value": {
          "type": "urn:cckm:problem:unknown-organization",
          "title": "Unknown Salesforce organization",
          "status": 422,
          "detail": "synchronize_all was requested, but this domain has no Salesforce organizations",
          "instance": "/api/v1/cckm/sfdc/keys/synchronization-jobs"
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
          "type": "urn:cckm:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "id must be a UUID",
          "instance": "/api/v1/cckm/sfdc/keys/not-a-uuid/delete-backup",
          "errors": [
            {
              "path": "/params/id",
              "message": "must match format \"uuid\""
            }
          ]
        }
      },
      "ProblemTenantSecretNotFound": {
        "summary": "No such tenant secret in the caller's domain (or its backup was already deleted)",
        "value": {
          "type": "urn:cckm:problem:not-found",
          "title": "Resource not found",
          "status": 404,
          "detail": "No tenant secret 912c7e4d-121e-42bc-ba28-33005cc665cf",
          "instance": "/api/v1/cckm/sfdc/keys/912c7e4d-121e-42bc-ba28-33005cc665cf/delete-backup"
        }
      },
      "ProblemSecretNotDestroyed": {
        "summary": "The secret is ACTIVE or ARCHIVED",
        "value": {
          "type": "urn:cckm:problem:secret-not-destroyed",
          "title": "Tenant secret is not destroyed",
          "status": 409,
          "detail": "The backup of tenant secret 912c7e4d-121e-42bc-ba28-33005cc665cf can only be deleted once the secret is DESTROYED; its status is ACTIVE",
          "instance": "/api/v1/cckm/sfdc/keys/912c7e4d-121e-42bc-ba28-33005cc665cf/delete-backup"
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
        "description": "Seed 003's response, with `in_progress` for the seed's `in progress`.",
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
            "3e732d57-5ea1-491f-b238-9f4a39a9566f",
            "c4e5bd34-af39-4027-9058-6f1a4bb3519d",
            "00RT000000060vKLOP"
          ],
          "abort": false
        }
      },
      "ProblemSapSyncNoBody": {
        "summary": "No body was sent (seed 003's curl)",
        "value": {
          "type": "urn:cckm:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "A JSON body is required: send {\"groups\": [...]} or {\"synchronize_all\": true}",
          "instance": "/api/v1/cckm/sap/synchronization-jobs",
          "errors": [
            {
              "path": "/body",
              "message": "must have exactly one of groups or synchronize_all: true"
            }
          ]
        }
      },
      "ProblemSapSyncJobRunning": {
        "summary": "A job is already in progress for one of the groups",
        "value": {
          "type": "urn:cckm:problem:sync-job-running",
          "title": "Synchronization job already running",
          "status": 409,
          "detail": "Job bf27cde1-e2ed-4244-9d5a-8a4e12ad1837 is still synchronizing group 3e732d57-5ea1-491f-b238-9f4a39a9566f",
          "instance": "/api/v1/cckm/sap/synchronization-jobs"
        }
      },
      "ProblemUnknownGroup": {
        "summary": "A group of the request does not exist in the caller's domain",
        "value": {
          "type": "urn:cckm:problem:unknown-group",
          "title": "Unknown SAP group",
          "status": 422,
          "detail": "No SAP group 00RT000000099zzZZZ in this domain",
          "instance": "/api/v1/cckm/sap/synchronization-jobs"
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
          "type": "urn:cckm:problem:validation-failed",
          "title": "Request validation failed",
          "status": 400,
          "detail": "must NOT have additional properties: name",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2",
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
          "type": "urn:cckm:problem:not-found",
          "title": "Resource not found",
          "status": 404,
          "detail": "No Salesforce organization 2473e846-31a8-4ee6-8299-17025548b4e2",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2"
        }
      },
      "ProblemConnectionNotFound": {
        "summary": "The connection does not exist",
        "value": {
          "type": "urn:cckm:problem:connection-not-found",
          "title": "Connection not found",
          "status": 422,
          "detail": "No connection named or identified new-sfdc-connection in this domain",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2"
        }
      },
      "ProblemConnectionNotSalesforce": {
        "summary": "The connection is for another cloud",
        "value": {
          "type": "urn:cckm:problem:connection-not-salesforce",
          "title": "Not a Salesforce connection",
          "status": 422,
          "detail": "Connection sap-dc-connection is a sap connection, not a Salesforce connection",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2"
        }
      },
      "ProblemConnectionCannotReachOrganization": {
        "summary": "The connection reaches another organization, or none",
        "value": {
          "type": "urn:cckm:problem:connection-cannot-reach-organization",
          "title": "Connection cannot reach the organization",
          "status": 422,
          "detail": "Connection other-sfdc-connection reaches Salesforce organization 00DB000000012ABCDE, not 00DB000000040bIMAQ",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2"
        }
      },
      "ProblemSalesforceTimeout": {
        "summary": "Salesforce did not confirm the organization in time",
        "value": {
          "type": "urn:cckm:problem:cloud-timeout",
          "title": "The cloud did not answer in time",
          "status": 504,
          "detail": "Salesforce did not answer within 10 s while connection new-sfdc-connection was checked; nothing was changed. Try again later.",
          "instance": "/api/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2"
        }
      }
    },
    "responses": {
      "Unauthorized": {
        "description": "The bearer token is missing, malformed, expired, not yet valid, wrongly signed or signed with an\nalgorithm the server does not accept.\n",
        "headers": {
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
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "unauthorized": {
                "$ref": "#/components/examples/ProblemUnauthorized"
              }
            }
          }
        }
      },
      "Forbidden": {
        "description": "The token is valid, but none of its groups may call this operation.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
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
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
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
