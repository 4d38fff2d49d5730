import { parseArgs } from 'node:util';
import { AppError } from '@starter/contracts';
import { grantPlatformOperator } from '@starter/identity';
import { type AppDependencies, closeDependencies } from '../dependencies/index.js';
import type { CommandContext } from './command-context.js';
import { openDependencies } from './open-dependencies.js';

const USAGE =
  'Usage: create-operator --email <email> [--tenant-name <name>] ' +
  '(password from OPERATOR_PASSWORD, or --password; email also from OPERATOR_EMAIL)';

/** The operator to create or promote, from flags and environment. */
export type CreateOperatorInput = { email: string; password?: string; tenantName?: string };

function parseInput(args: readonly string[], env: CommandContext['env']): CreateOperatorInput | string {
  let values: { email?: string; password?: string; 'tenant-name'?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        'tenant-name': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const email = values.email ?? env.OPERATOR_EMAIL;
  if (email === undefined || email.trim() === '') return 'An email is required.';
  // The environment is preferred: a flag's value shows up in the process list and shell history.
  const password = values.password ?? env.OPERATOR_PASSWORD;
  return {
    email,
    ...(password === undefined || password === '' ? {} : { password }),
    ...(values['tenant-name'] === undefined ? {} : { tenantName: values['tenant-name'] }),
  };
}

/**
 * Grants the operator role on open dependencies and reports it on `print`; returns the exit code (1 when
 * the input is refused: weak password, bad email). Leaves the dependencies open.
 */
export async function runCreateOperator(
  deps: AppDependencies,
  input: CreateOperatorInput,
  io: Pick<CommandContext, 'logger' | 'print' | 'printError'>,
): Promise<number> {
  const { identity } = deps;
  try {
    const result = await grantPlatformOperator(
      {
        db: identity.db,
        clock: deps.clock,
        hasher: identity.passwords,
        policy: identity.passwordPolicy,
        activity: identity.activity,
        via: 'cli',
      },
      input,
    );
    io.logger.info(
      {
        event: 'platform.operator_granted',
        user_id: result.userId,
        created: result.created,
        promoted: result.promoted,
        tenant_id: result.tenantId,
      },
      'platform.operator_granted',
    );
    const what = result.created
      ? 'Created platform operator'
      : result.promoted
        ? 'Promoted to platform operator'
        : 'Already a platform operator';
    io.print(`${what}: ${result.email} (user ${result.userId}).`);
    if (!result.created && input.password !== undefined) {
      io.print('The existing account keeps its password; the one given was not used.');
    }
    if (result.tenantId !== null) io.print(`Created tenant ${result.tenantId} owned by the operator.`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const problems = (error.details as { problems?: unknown } | undefined)?.problems;
    io.printError(`create-operator refused: ${error.message}`);
    if (Array.isArray(problems)) for (const problem of problems) io.printError(`- ${String(problem)}`);
    return 1;
  }
}

/**
 * `create-operator`: creates the platform operator account for an email, or promotes the existing user,
 * in one transaction (see `grantPlatformOperator`). Prompts for nothing. Exit 0 on success, 2 on a usage
 * error, 1 when the input is refused or the database is not ready.
 */
export async function createOperatorCommand(
  context: CommandContext,
  args: readonly string[],
  open: (context: CommandContext) => Promise<AppDependencies | null> = openDependencies,
): Promise<number> {
  const input = parseInput(args, context.env);
  if (typeof input === 'string') {
    context.printError(`${input}\n${USAGE}`);
    return 2;
  }
  const deps = await open(context);
  if (deps === null) return 1;
  try {
    return await runCreateOperator(deps, input, context);
  } finally {
    await closeDependencies(deps, context.logger);
  }
}
