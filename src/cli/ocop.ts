import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { runCommand, usage, CliUsageError } from './commands.js';
import { DomainError } from '../core/errors.js';
import { UserCliError } from '../accounts/user.cli.js';

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      products: { type: 'string' },
      seed: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      'only-valid': { type: 'boolean' },
      choose: { type: 'string', multiple: true },
      role: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      scope: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(usage());
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  return runCommand(config, positionals, values);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof DomainError) {
      // Localized refusals (bad input, conflicts): the message and each detail, no stack.
      const en = (process.env.LANG ?? '').toLowerCase().startsWith('en');
      const lines = [en ? error.messageEn : error.message];
      process.stderr.write(`${lines.join('\n')}\n`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof ConfigError || error instanceof CliUsageError || error instanceof UserCliError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${error.message}\n\n${usage()}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
