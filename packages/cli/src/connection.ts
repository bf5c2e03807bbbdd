// Where cckm connects and with which token: flags first, then the environment. A token command
// (--token-command / CCKM_TOKEN_COMMAND) is run through the shell; its trimmed stdout is the token.
// It runs once before the first request and once more if the server rejects the token.
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import type { CckmClientOptions, TokenContext } from '@cckm/client';
import { UsageError } from './exit-codes.ts';

const execShell = promisify(exec);

export interface ConnectionFlags {
  url?: string;
  token?: string;
  tokenCommand?: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** The token command failed or printed nothing; a settings problem (exit 2). */
export class TokenCommandError extends UsageError {
  override name = 'TokenCommandError';
}

export function connectionOptions(flags: ConnectionFlags, env: Environment): CckmClientOptions {
  const url = flags.url ?? env.CCKM_URL;
  if (!url)
    throw new UsageError('No server URL: pass --url <url> or set CCKM_URL (e.g. http://127.0.0.1:4010/api)');
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url / CCKM_URL is not a URL: ${url}`);
  }
  if (flags.token !== undefined && flags.tokenCommand !== undefined) {
    throw new UsageError('Pass either --token or --token-command, not both');
  }
  // A flag beats the environment; of the two variables, CCKM_TOKEN beats CCKM_TOKEN_COMMAND.
  const fromFlags = flags.token !== undefined || flags.tokenCommand !== undefined;
  const token = fromFlags ? flags.token : env.CCKM_TOKEN;
  const command = fromFlags ? flags.tokenCommand : env.CCKM_TOKEN ? undefined : env.CCKM_TOKEN_COMMAND;
  if (token) return { baseUrl: url, token };
  if (!command) {
    throw new UsageError(
      'No token: pass --token <token> or --token-command <command>, or set CCKM_TOKEN or CCKM_TOKEN_COMMAND',
    );
  }
  let cached: Promise<string> | undefined;
  return {
    baseUrl: url,
    getToken: ({ reason }: TokenContext) => {
      if (!cached || reason === 'rejected') cached = runTokenCommand(command, env);
      return cached;
    },
  };
}

export async function runTokenCommand(command: string, env: Environment): Promise<string> {
  let stdout: string;
  try {
    ({ stdout } = await execShell(command, { env: { ...env }, timeout: 30_000, maxBuffer: 1 << 20 }));
  } catch (error) {
    const failure = error as { code?: unknown; stderr?: string; message: string };
    const detail = failure.stderr?.trim() || failure.message;
    throw new TokenCommandError(`The token command failed (exit ${String(failure.code ?? '?')}): ${detail}`);
  }
  const token = stdout.trim();
  if (!token) throw new TokenCommandError('The token command printed no token on stdout');
  return token;
}
