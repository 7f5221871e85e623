import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { VERSION } from '../version.js';
import { registerCommands } from './commands/index.js';

/** Entry point of the `scour` bin. Each sub-command lives in ./commands/<name>.ts. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('scour')
    .description('Turn raw scraped news files (HTML or text dumps) into clean, validated JSON records.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof ConfigError) {
      process.stderr.write(`scour: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
