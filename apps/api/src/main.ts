import { type CommandContext, createProcessLogger } from './commands/command-context.js';
import { createOperatorCommand } from './commands/create-operator-command.js';
import { migrateCommand } from './commands/migrate-command.js';
import { serveCommand } from './commands/serve-command.js';
import { workerCommand } from './commands/worker-command.js';
import { loadSettings, SettingsError } from './settings/index.js';

const USAGE =
  'Usage: main.js <serve | worker | migrate [up|down|status] | create-operator --email <email> [--tenant-name <name>]>';

const COMMANDS: Record<string, (context: CommandContext, args: readonly string[]) => Promise<number>> = {
  serve: serveCommand,
  worker: workerCommand,
  migrate: migrateCommand,
  'create-operator': createOperatorCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let context: CommandContext;
  try {
    const settings = loadSettings(process.env);
    context = {
      settings,
      logger: createProcessLogger(settings),
      env: process.env,
      print: (text) => process.stdout.write(`${text}\n`),
      printError: (text) => process.stderr.write(`${text}\n`),
    };
  } catch (error) {
    // A configuration mistake, not a crash: the message lists every bad variable, a stack adds nothing.
    if (!(error instanceof SettingsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  try {
    return await command(context, args);
  } catch (error) {
    context.logger.error(
      {
        event: 'process.failed',
        command: name,
        exc_type: error instanceof Error ? error.name : typeof error,
        exc_message: error instanceof Error ? error.message : String(error),
        exc_traceback: error instanceof Error ? error.stack : undefined,
      },
      'process.failed',
    );
    return 1;
  } finally {
    // The logger writes asynchronously; flush before `process.exit` drops buffered lines.
    await new Promise<void>((resolve) => context.logger.pino.flush(() => resolve()));
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
