import type { Command } from 'commander';
import * as clean from './clean.js';
import * as dashboard from './dashboard.js';

/**
 * Every sub-command module exports `register(program)`. This list is the one place that
 * says what the CLI can do; add a module with one import and one entry.
 */
interface CommandModule {
  register(program: Command): void;
}

const commands: CommandModule[] = [dashboard, clean];

export function registerCommands(program: Command): void {
  for (const command of commands) command.register(program);
}
