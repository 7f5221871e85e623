import type { Command } from 'commander';
import * as add from './add.js';
import * as clean from './clean.js';
import * as dashboard from './dashboard.js';
import * as exportCommand from './export.js';
import * as healthcheck from './healthcheck.js';
import * as producer from './producer.js';
import * as reconcile from './reconcile.js';
import * as reprocess from './reprocess.js';
import * as start from './start.js';
import * as status from './status.js';
import * as worker from './worker.js';

/**
 * Every sub-command module exports `register(program)`. This list is the one place that
 * says what the CLI can do; add a module with one import and one entry.
 */
interface CommandModule {
  register(program: Command): void;
}

const commands: CommandModule[] = [dashboard, start, producer, worker, add, status, reconcile, reprocess, clean, healthcheck, exportCommand];

export function registerCommands(program: Command): void {
  for (const command of commands) command.register(program);
}
