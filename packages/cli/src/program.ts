// `cckm`: the operator command line, one command per CCKM operation, on the typed client.
// Parsing and help are commander's; every command resolves its connection (flags, environment or
// token command), calls one client method, and prints a table (default) or JSON (--json).
// Exit codes (exit-codes.ts): 0 ok, 1 problem or failed job, 2 usage, 3 network.
import { createRequire } from 'node:module';
import {
  type CckmClient,
  CckmProblemError,
  CckmRequestError,
  CckmWaitError,
  createCckmClient,
  type JobListQuery,
  type SynchronizationJob,
  type SynchronizationJobSortKey,
  unwrap,
} from '@cckm/client';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type ConnectionFlags, connectionOptions, type Environment } from './connection.ts';
import { ExitCode, UsageError } from './exit-codes.ts';
import { createProgress, type ProgressStream } from './progress.ts';
import {
  apiRootHint,
  failureJson,
  failureLines,
  jobListTable,
  jobTable,
  json,
  organizationTable,
  secretTable,
} from './render.ts';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

export interface CliIo {
  stdout: ProgressStream;
  stderr: { write(chunk: string): unknown };
  env: Environment;
  /** A fetch for the client (tests); default the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
}

interface GlobalFlags extends ConnectionFlags {
  json?: boolean;
  requestTimeout: number;
}

const STATUSES = ['in_progress', 'completed', 'failed'] as const;
const SORT_FIELDS = ['createdAt', 'updatedAt', 'completed_at', 'overall_status'];

function integer(name: string, min: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return parsed;
  };
}

function sortKeys(value: string, previous: SynchronizationJobSortKey[] = []): SynchronizationJobSortKey[] {
  const keys = value.split(',').filter(Boolean);
  for (const key of keys) {
    if (!SORT_FIELDS.includes(key.replace(/^-/, ''))) {
      throw new InvalidArgumentError(
        `unknown sort key ${key}; one of ${SORT_FIELDS.join(', ')}, each may start with -`,
      );
    }
  }
  return [...previous, ...(keys as SynchronizationJobSortKey[])];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A job ID is a UUID: anything else is a usage error, not a request the server refuses. */
function jobId(value: string): string {
  if (!UUID.test(value)) throw new InvalidArgumentError('the job ID must be a UUID');
  return value;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

/** Runs cckm with `argv` (without node and script) and returns the exit code; never exits itself. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.ok;
  const out = (text: string) => io.stdout.write(text);
  const program = new Command('cckm');
  // Errors are JSON problems with --json, commander's own included (it reports some before the
  // options are known, so the flag is looked for in argv).
  const jsonErrors = argv.includes('--json');
  /** The API root the command used, for the hint when it lacks /api. */
  let baseUrl: string | undefined;

  const globals = (command: Command) => command.optsWithGlobals() as GlobalFlags;
  const clientFor = (command: Command): CckmClient => {
    const options = connectionOptions(globals(command), io.env);
    baseUrl = options.baseUrl;
    return createCckmClient({ ...options, ...(io.fetch ? { fetch: io.fetch } : {}) });
  };
  /** Per-call options: a timeout for one request (kept referenced until the call settles). */
  const call = async <T>(command: Command, send: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const signal = AbortSignal.timeout(globals(command).requestTimeout);
    const result = await send(signal);
    void signal.aborted;
    return result;
  };
  const watch = async (command: Command, client: CckmClient, job: SynchronizationJob | string) => {
    const flags = command.opts() as { interval: number; timeout: number };
    const quiet = globals(command).json;
    const progress = quiet ? undefined : createProgress(io.stdout);
    let finished: SynchronizationJob;
    try {
      finished = await client.waitForJob(job, {
        interval: flags.interval,
        timeout: flags.timeout * 1000,
        ...(progress ? { onProgress: (current: SynchronizationJob) => progress.update(current) } : {}),
      });
    } finally {
      progress?.stop();
    }
    out(quiet ? json(finished) : jobTable(finished));
    if (finished.overall_status === 'failed') {
      io.stderr.write(`Synchronization failed: job ${finished.id} ended failed (see its detailed status)\n`);
      exitCode = ExitCode.problem;
    }
  };
  const waitOptions = (command: Command) =>
    command
      .addOption(
        new Option('--interval <ms>', 'time between polls')
          .default(1000)
          .argParser(integer('--interval', 100)),
      )
      .addOption(
        new Option('--timeout <seconds>', 'give up waiting after')
          .default(600)
          .argParser(integer('--timeout', 1)),
      );

  program
    .description(
      'Operate CCKM: Salesforce and SAP synchronization jobs, tenant-secret backups, organizations.',
    )
    .version(version, '-V, --version')
    .option('--url <url>', 'API root, e.g. https://cm.example.com/api (env CCKM_URL)')
    .option('--token <token>', 'bearer token (env CCKM_TOKEN)')
    .option(
      '--token-command <command>',
      'shell command that prints a token on stdout (env CCKM_TOKEN_COMMAND)',
    )
    .option('--json', 'print JSON instead of tables (no progress display)')
    .addOption(
      new Option('--request-timeout <ms>', 'time limit of each request')
        .default(30_000)
        .argParser(integer('--request-timeout', 1)),
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 ok, 1 the server answered with a problem (or a watched job failed), 2 usage or
settings error, 3 network error (no answer, timeout).

Examples:
  export CCKM_URL=http://127.0.0.1:4010/api CCKM_TOKEN=<the token pnpm mock prints>
  cckm sfdc sync --all --wait
  cckm jobs list --status completed --sort -createdAt --limit 20
  cckm orgs set-connection 2473e846-31a8-4ee6-8299-17025548b4e2 new-sfdc-connection`,
    )
    // Inherited by every command below: usage errors with a hint, and never exiting the process.
    .showHelpAfterError(jsonErrors ? false : '(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) =>
        write(jsonErrors ? failureJson({ usage: text.replace(/^error: /, '').trim() }) : text),
    });

  const sfdc = program.command('sfdc').description('Salesforce: synchronize tenant secrets');
  waitOptions(
    sfdc
      .command('sync')
      .description('start a Salesforce tenant-secret synchronization job (for some organizations or all)')
      .option('--org <id...>', 'organization resource ID or Salesforce organization ID (repeatable)', collect)
      .addOption(new Option('--all', 'every organization of your domain').conflicts('org'))
      .option('--wait', 'follow the job until it completes or fails, with per-organization progress'),
  ).action(async (flags: { org?: string[]; all?: boolean; wait?: boolean }, command: Command) => {
    if (!flags.all && !flags.org?.length)
      throw new UsageError('Name organizations with --org <id...>, or pass --all');
    const client = clientFor(command);
    const job = unwrap(
      await call(command, (signal) =>
        client.createSfdcSynchronizationJob(
          flags.all ? { synchronize_all: true } : { organization_ids: flags.org as string[] },
          { signal },
        ),
      ),
    );
    if (flags.wait) await watch(command, client, job);
    else out(globals(command).json ? json(job) : jobTable(job));
  });

  const sap = program.command('sap').description('SAP Data Custodian: synchronize keys');
  sap
    .command('sync')
    .description('start an SAP Data Custodian key synchronization job (for some groups or all)')
    .option('--group <id...>', 'SAP group ID (repeatable)', collect)
    .addOption(new Option('--all', 'every group of your domain').conflicts('group'))
    .addOption(new Option('--wait').hideHelp())
    .addHelpText(
      'after',
      '\nSAP jobs cannot be followed: the API lists only Salesforce jobs, so an SAP job is seen once, when it starts.',
    )
    .action(async (flags: { group?: string[]; all?: boolean; wait?: boolean }, command: Command) => {
      if (flags.wait) {
        throw new UsageError(
          "SAP jobs cannot be waited for: the five CCKM operations list only Salesforce jobs, so an SAP job's progress is not observable",
        );
      }
      if (!flags.all && !flags.group?.length)
        throw new UsageError('Name groups with --group <id...>, or pass --all');
      const client = clientFor(command);
      const job = unwrap(
        await call(command, (signal) =>
          client.createSapSynchronizationJob(
            flags.all ? { synchronize_all: true } : { groups: flags.group as string[] },
            { signal },
          ),
        ),
      );
      if (globals(command).json) out(json(job));
      else out(`${jobTable(job)}SAP jobs cannot be followed: the API lists only Salesforce jobs.\n`);
    });

  const jobs = program.command('jobs').description('Salesforce synchronization jobs');
  jobs
    .command('list')
    .description('list Salesforce synchronization jobs, newest first')
    .option('--id <id>', 'only this job', jobId)
    .addOption(new Option('--status <status>', 'only jobs in this status').choices(STATUSES))
    .option('--org <id...>', 'only jobs that synchronize one of these organizations (repeatable)', collect)
    .option(
      '--sort <keys>',
      `sort keys, comma-separated or repeated; - for descending (${SORT_FIELDS.join(', ')})`,
      sortKeys,
    )
    .option('--skip <n>', 'skip this many jobs', integer('--skip', 0))
    .option('--limit <n>', 'at most this many jobs (server default 10, at most 1000)', integer('--limit', 0))
    .option('--all', 'every matching job, page by page (ignores --skip/--limit)')
    .action(
      async (
        flags: {
          id?: string;
          status?: (typeof STATUSES)[number];
          org?: string[];
          sort?: SynchronizationJobSortKey[];
          skip?: number;
          limit?: number;
          all?: boolean;
        },
        command: Command,
      ) => {
        const client = clientFor(command);
        const filter: JobListQuery = {
          ...(flags.id ? { id: flags.id } : {}),
          ...(flags.status ? { overall_status: flags.status } : {}),
          ...(flags.org?.length ? { organizations: flags.org } : {}),
          ...(flags.sort?.length ? { sort: flags.sort } : {}),
        };
        if (flags.all) {
          const found: SynchronizationJob[] = [];
          for await (const job of client.iterateSfdcSynchronizationJobs(filter)) found.push(job);
          out(globals(command).json ? json(found) : jobListTable(found));
          return;
        }
        const query = {
          ...filter,
          ...(flags.skip !== undefined ? { skip: flags.skip } : {}),
          ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
        };
        const page = unwrap(
          await call(command, (signal) => client.listSfdcSynchronizationJobs(query, { signal })),
        );
        out(globals(command).json ? json(page) : jobListTable(page.resources, page));
      },
    );
  waitOptions(
    jobs
      .command('watch')
      .description('follow a Salesforce job until it completes or fails, with per-organization progress')
      .argument('<id>', 'the job ID', jobId),
  ).action(async (id: string, _flags: unknown, command: Command) => {
    await watch(command, clientFor(command), id);
  });

  program
    .command('secrets')
    .description('Salesforce tenant secrets')
    .command('delete-backup')
    .description("delete the key manager's backup of a DESTROYED tenant secret")
    .argument('<id>', 'the tenant secret resource ID')
    .action(async (id: string, _flags: unknown, command: Command) => {
      const client = clientFor(command);
      const secret = unwrap(
        await call(command, (signal) => client.deleteSfdcTenantSecretBackup(id, { signal })),
      );
      out(globals(command).json ? json(secret) : secretTable(secret));
    });

  program
    .command('orgs')
    .description('Salesforce organizations')
    .command('set-connection')
    .description('reach an organization through another connection')
    .argument('<id>', 'the organization resource ID')
    .argument('<connection>', 'the connection name or ID')
    .action(async (id: string, connection: string, _flags: unknown, command: Command) => {
      const client = clientFor(command);
      const organization = unwrap(
        await call(command, (signal) => client.updateSfdcOrganization(id, { connection }, { signal })),
      );
      out(globals(command).json ? json(organization) : organizationTable(organization));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, io, { json: jsonErrors, baseUrl });
  }
}

function report(
  error: unknown,
  io: CliIo,
  context: { json: boolean; baseUrl: string | undefined },
): ExitCode {
  const { json: asJson, baseUrl } = context;
  if (error instanceof CommanderError) {
    // Help and version were asked for; anything else commander has already printed.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof UsageError) {
    io.stderr.write(
      asJson
        ? failureJson({ usage: error.message })
        : `error: ${error.message}\n(run with --help for usage)\n`,
    );
    return ExitCode.usage;
  }
  if (
    error instanceof CckmRequestError ||
    error instanceof CckmProblemError ||
    error instanceof CckmWaitError
  ) {
    const hint =
      error instanceof CckmProblemError
        ? apiRootHint(baseUrl, error.status)
        : error instanceof CckmRequestError && error.kind === 'invalid-response'
          ? apiRootHint(baseUrl, 'not-json')
          : undefined;
    io.stderr.write(asJson ? failureJson(error, hint) : failureLines(error, hint));
    return error instanceof CckmRequestError ? ExitCode.network : ExitCode.problem;
  }
  const unexpected = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(
    asJson
      ? `${JSON.stringify({ type: 'about:blank', title: 'Unexpected error', detail: unexpected })}\n`
      : `Unexpected error: ${unexpected}\n`,
  );
  return ExitCode.problem;
}
