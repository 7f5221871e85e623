// Child processes of the pipeline runs: `scour producer` / `scour worker` from bin/, the
// no-op worker, and their memory read from /proc.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Starts a node program with its stderr (pino JSON logs) scanned line by line; stdout is
 * ignored. Returns { child, pid, waitForLog(regex, ms), stop(ms), exited, tail() }.
 */
export function startNode(script, args, { cwd, ipc = false, nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe', ...(ipc ? ['ipc'] : [])],
  });
  const lines = [];
  const waiters = [];
  let buffered = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop();
    for (const line of parts) {
      lines.push(line);
      if (lines.length > 200) lines.shift();
      for (const w of [...waiters]) if (w.regex.test(line)) w.resolve();
    }
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const tail = () => lines.slice(-8).join('\n');
  return {
    child,
    pid: child.pid,
    exited,
    tail,
    /** Resolves once `count` stderr lines (from the start) have matched regex. */
    waitForLog(regex, ms = 30_000, count = 1) {
      let matched = lines.filter((l) => regex.test(l)).length;
      if (matched >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const waiter = {
          regex,
          resolve: () => {
            if (++matched < count) return;
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(waiter), 1);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`${script} ${args[0] ?? ''}: no log line matching ${regex} within ${ms} ms\n${tail()}`));
        }, ms);
        waiters.push(waiter);
        exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`${script} ${args[0] ?? ''} exited (${code ?? signal}) before logging ${regex}\n${tail()}`));
        });
      });
    },
    /** SIGTERM (graceful stop), then SIGKILL if it is still running after ms. */
    async stop(ms = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * `node bin/scour.js <command> ...` with the bench's data dir, stores (default: the data dir's
 * folders), prefix and Redis; `nodeArgs` go to node itself (e.g. --cpu-prof), and to the
 * workers a supervisor forks.
 */
export function startScour(root, command, { dataDir, prefix, redisUrl, store = `file:${dataDir}`, extra = [], nodeArgs }) {
  const args = [command, '--data', dataDir, '--store', store, '--prefix', prefix, '--redis-url', redisUrl, '--log-level', 'info', ...extra];
  return startNode(join(root, 'bin', 'scour.js'), args, { cwd: root, nodeArgs });
}

/** Current and peak resident set of a process in MB, from /proc/<pid>/status; null once it is gone. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Direct children of a process (a `scour worker --workers N` supervisor's forked workers). */
export function childPids(pid) {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  try {
    return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Whether /proc can be read here (Linux); memory figures are skipped elsewhere. */
export const hasProc = () => existsSync(`/proc/${process.pid}/status`);

/** CPU seconds a process has used so far in user and kernel mode, from /proc/<pid>/stat; null once it is gone. */
export function cpuTimesOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / CLOCK_TICKS_PER_SECOND, sys: Number(fields[12]) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/**
 * CPU seconds of a process's children that have ended and been waited for (cutime and cstime,
 * /proc/<pid>/stat fields 16 and 17); null once it is gone.
 */
export function reapedChildCpuTimesOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[13]) / CLOCK_TICKS_PER_SECOND, sys: Number(fields[14]) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU seconds (user + kernel) a process has used so far; null once it is gone. */
export function cpuSecondsOf(pid) {
  const times = cpuTimesOf(pid);
  return times ? times.user + times.sys : null;
}

/** USER_HZ: 100 on every Linux that Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;
