import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './ensure-dist.js';

/** A `node bin/scour.js …` child with its stderr log lines kept for assertions and debugging. */
export interface ScourProcess {
  child: ChildProcess;
  pid: number;
  /** stderr lines (pino JSON) and stdout lines, in arrival order. */
  stderr: string[];
  stdout: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first stderr line matching pattern. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): void;
}

export function spawnScour(args: string[], env: Record<string, string>, root = REPO_ROOT): ScourProcess {
  const child = spawn(process.execPath, [join(root, 'bin', 'scour.js'), ...args], {
    cwd: root,
    env: { ...process.env, SCOUR_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const stdout: string[] = [];
  const watchers: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const collect = (sink: string[], notify: boolean) => {
    let partial = '';
    return (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        sink.push(line);
        if (!notify) continue;
        for (const watcher of watchers.splice(0)) {
          if (watcher.pattern.test(line)) watcher.resolve(line);
          else watchers.push(watcher);
        }
      }
    };
  };
  child.stderr!.on('data', collect(stderr, true));
  child.stdout!.on('data', collect(stdout, false));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    pid: child.pid ?? 0,
    stderr,
    stdout,
    exited,
    waitForLog(pattern, timeoutMs = 20_000) {
      const seen = stderr.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms; last lines:\n${stderr.slice(-10).join('\n')}`)), timeoutMs);
        watchers.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** Runs a scour command to completion and returns its exit code and output. */
export async function runScour(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawnScour(args, env);
  const { code } = await proc.exited;
  return { code, stdout: proc.stdout.join('\n'), stderr: proc.stderr.join('\n') };
}
