import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { runCommand, usage, CliUsageError } from './commands.js';

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
    if (error instanceof ConfigError || error instanceof CliUsageError) {
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
