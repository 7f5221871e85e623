// The bench's own PostgreSQL client, for the end-to-end runs on the PostgreSQL stores:
// checks the server answers, finds its processes in /proc to read their CPU, and drops the
// schema a run created (the schema is the run's queue prefix).
import pg from 'pg';
import { existsSync, readFileSync } from 'node:fs';
import { childPids, cpuTimesOf, reapedChildCpuTimesOf } from './processes.mjs';

/** The URL without its password, for logs. */
export function pgWhere(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * { client, url, postmasterPid } when the server answers within a few seconds, else
 * { client: null, why }. postmasterPid is null when the server's processes are not in this
 * machine's /proc (another host or container): its CPU is then not measured.
 */
export async function connectPgOrNull(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000, application_name: 'scour-bench' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    return { client, url, postmasterPid: postmasterOf(rows[0].pid) };
  } catch (err) {
    await client.end().catch(() => undefined);
    return { client: null, url, why: `no PostgreSQL answers at ${pgWhere(url)} (${err.code ?? err.message})` };
  }
}

/** A backend's parent, when it is a postgres process readable here (the postmaster). */
function postmasterOf(backendPid) {
  try {
    const stat = readFileSync(`/proc/${backendPid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmd = readFileSync(`/proc/${ppid}/cmdline`, 'utf8');
    return /postgres/.test(cmd) ? ppid : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + kernel, and the kernel part) of the whole PostgreSQL server so far: the
 * postmaster, its live children (backends, WAL writer, checkpointer, …) and the children it has
 * already reaped (cutime/cstime), so a backend that ends during a run is still counted. It
 * counts every client of that server, like Redis's INFO cpu. null where /proc has no postmaster.
 */
export function pgServerCpu(pgc) {
  if (!pgc?.postmasterPid || !existsSync(`/proc/${pgc.postmasterPid}`)) return null;
  const own = cpuTimesOf(pgc.postmasterPid);
  const reaped = reapedChildCpuTimesOf(pgc.postmasterPid);
  if (!own || !reaped) return null;
  let total = own.user + own.sys + reaped.user + reaped.sys;
  let sys = own.sys + reaped.sys;
  for (const pid of childPids(pgc.postmasterPid)) {
    const t = cpuTimesOf(pid);
    if (!t) continue;
    total += t.user + t.sys;
    sys += t.sys;
  }
  return { total, sys };
}

/**
 * CPU seconds so far of each backend serving one of `pids` (scour names its connections
 * `scour <pid>`): Map backend pid → seconds. Only this pipeline's share of the server.
 */
export async function pipelineBackendCpu(pgc, pids) {
  const out = new Map();
  if (!pgc?.postmasterPid) return out;
  const { rows } = await pgc.client.query("SELECT pid, application_name FROM pg_stat_activity WHERE application_name LIKE 'scour %'");
  const ours = new Set(pids.map((p) => `scour ${p}`));
  for (const row of rows) {
    if (!ours.has(row.application_name)) continue;
    const t = cpuTimesOf(row.pid);
    if (t) out.set(row.pid, t.user + t.sys);
  }
  return out;
}

/** DROP SCHEMA … CASCADE of one run's schema (its queue prefix). */
export async function dropSchema(pgc, schema) {
  await pgc.client.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
}

/** Schemas whose name starts with `start` (what a bench run would have left behind). */
export async function schemasStartingWith(pgc, start) {
  const { rows } = await pgc.client.query('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [start]);
  return rows.map((r) => r.nspname);
}
