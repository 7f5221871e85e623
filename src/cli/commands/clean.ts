import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { inboxName, isIgnoredName } from '../../files/ignored-names.js';
import { walkFolder } from '../../files/walk-folder.js';
import { VERSION } from '../../version.js';
import { z } from 'zod';
import type { CleanResult } from '../../clean/types.js';
import { Config, ConfigError } from '../../config.js';
import type { CleanRecord } from '../../schemas/index.js';
import { StoryGrouper } from '../../stories/group-records.js';

/** Files a folder input contributes (a file named on the command line is always read). */
const INPUT_FILE = /\.(?:txt|html?)(?:\.gz)?$/i;
const INPUT_SUFFIX = /(?:\.(?:txt|html?))?(?:\.gz)?$/i;
/** Progress is shown on a terminal, or when a run has more inputs than this. */
const PROGRESS_MIN_INPUTS = 50;
const PROGRESS_EVERY_MS = 1000;

const CleanFlags = z.object({
  out: z.string().min(1, 'a folder path').optional(),
  referenceDate: Config.shape.referenceDate,
  maxBytes: Config.shape.maxBytes,
  stories: z.boolean().default(true),
});
type CleanFlags = z.infer<typeof CleanFlags>;

const FLAG_NAMES: Record<string, string> = { out: '--out', referenceDate: '--reference-date', maxBytes: '--max-bytes', stories: '--no-stories' };

function parseFlags(options: Record<string, unknown>): CleanFlags {
  const parsed = CleanFlags.safeParse(options);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    return `invalid setting ${FLAG_NAMES[key] ?? key}=${JSON.stringify(options[key])}: ${issue.message}`;
  });
  throw new ConfigError(lines.join('\n'));
}

interface InputFile {
  path: string;
  /** Name relative to the folder given (or the base name of a file given): source.name and the --out name. */
  name: string;
}

/** The input files under a folder, by the walker and skip rules the inbox uses, sorted by name for a stable run order. */
async function filesUnder(root: string, onError: (input: string, err: Error) => void): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for await (const entry of walkFolder(root, isIgnoredName, (path, err) => onError(path, err as Error))) {
    if (entry.kind === 'file' && INPUT_FILE.test(entry.path)) files.push({ path: entry.path, name: inboxName(root, entry.path) });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function collectInputs(inputs: readonly string[], onError: (input: string, err: Error) => void): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const input of inputs) {
    const path = resolve(input);
    try {
      const info = await stat(path);
      if (info.isDirectory()) files.push(...(await filesUnder(path, onError)));
      else files.push({ path, name: basename(path) });
    } catch (err) {
      onError(input, err as Error);
    }
  }
  return files;
}

/**
 * One output name per input: the name without its input suffix (`x.txt` → `x.json`), unless
 * two inputs of the run would share it (`x.txt` and `x.html.gz`): then each keeps its whole
 * name (`x.txt.json`, `x.html.gz.json`), and a name still taken gets `-2`, `-3`…
 */
export function outputNames(names: readonly string[]): string[] {
  const stem = (name: string) => name.replace(INPUT_SUFFIX, '');
  const uses = new Map<string, number>();
  for (const name of names) uses.set(stem(name).toLowerCase(), (uses.get(stem(name).toLowerCase()) ?? 0) + 1);
  const taken = new Set<string>();
  return names.map((name) => {
    const base = uses.get(stem(name).toLowerCase())! > 1 ? name : stem(name);
    let candidate = `${base}.json`;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}-${n}.json`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** What a run prints or writes for one input: the record, or the rejection with the input's name. */
function outputOf(result: CleanResult, name: string): unknown {
  return result.ok ? result.record : { ok: false, reason: result.reason, detail: result.detail, name };
}

function writeLine(line: string): Promise<void> {
  return new Promise((done) => {
    if (process.stdout.write(`${line}\n`)) done();
    else process.stdout.once('drain', done);
  });
}

class Progress {
  private readonly started = Date.now();
  private lastShown = 0;
  records = 0;
  rejected = 0;
  constructor(
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  count(result: CleanResult): void {
    if (result.ok) this.records++;
    else this.rejected++;
    const now = Date.now();
    if (this.enabled && now - this.lastShown >= PROGRESS_EVERY_MS) {
      this.lastShown = now;
      process.stderr.write(`scour clean: ${this.line()}\n`);
    }
  }

  done(): void {
    if (this.enabled) process.stderr.write(`scour clean: done, ${this.line()}\n`);
  }

  private line(): string {
    const n = this.records + this.rejected;
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    return `${n}/${this.total} files, ${this.records} records, ${this.rejected} rejected, ${Math.round(n / seconds)} files/s`;
  }
}

/**
 * `scour clean [--out DIR] [--reference-date YYYY-MM-DD] INPUT...`: the cleaner offline, no
 * Redis. Records (or rejections) go to stdout as JSON lines, or to DIR/<name>.json.
 * receivedAt is the file's mtime (a record field only: it never decides a date).
 */
export function register(program: Command): void {
  program
    .command('clean')
    .description('clean files offline: JSON lines on stdout, or one DIR/<name>.json per input with --out')
    .argument('<input...>', 'files, or folders searched recursively for .txt .html .htm (and .gz of them)')
    .option('--out <dir>', 'write one <name>.json per input into this folder instead of stdout')
    .option('--reference-date <YYYY-MM-DD>', 'resolves relative dates such as "on Friday" (never the clock)')
    .option('--max-bytes <n>', 'reject larger inputs as too-large (default 16 MiB)')
    .option('--no-stories', 'do not group the records into stories (nor date them from their stories)')
    .action(async (inputs: string[], options: Record<string, unknown>) => {
      const flags = parseFlags(options);
      // Loaded here, not at the top: every scour process loads this module to register the
      // command, and the producer, worker supervisor and dashboard never clean.
      const { clean } = await import('../../clean/index.js');
      let failures = 0;
      const reportError = (input: string, err: Error): void => {
        failures++;
        process.stderr.write(`scour clean: cannot read ${input}: ${err.message}\n`);
      };
      const files = await collectInputs(inputs, reportError);
      const progress = new Progress(files.length, process.stderr.isTTY === true || files.length > PROGRESS_MIN_INPUTS);
      const outDir = flags.out ? resolve(flags.out) : null;
      if (outDir) await mkdir(outDir, { recursive: true });
      const names = outputNames(files.map((f) => f.name));
      const grouper = flags.stories ? new StoryGrouper() : null;
      // With stories, a later member may date an earlier record: stdout lines wait for the end.
      const lines: { id: string | null; output: unknown }[] = [];
      const targetOf = new Map<string, string>();
      const emit = async (output: unknown, target: string | null) => {
        if (target) {
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, `${JSON.stringify(output, null, 2)}\n`);
        } else if (grouper) {
          lines.push({ id: (output as { id?: string }).id ?? null, output });
        } else {
          await writeLine(JSON.stringify(output));
        }
      };
      const update = async (record: CleanRecord) => {
        const target = targetOf.get(record.id);
        if (target) await emit(record, target);
        for (const line of lines) if (line.id === record.id) line.output = record;
      };
      for (const [i, file] of files.entries()) {
        let bytes: Buffer;
        let receivedAt: string;
        try {
          [bytes, receivedAt] = await Promise.all([readFile(file.path), stat(file.path).then((s) => s.mtime.toISOString())]);
        } catch (err) {
          reportError(file.path, err as Error);
          continue;
        }
        const result = clean(
          { bytes, name: file.name, receivedAt },
          { processedAt: new Date().toISOString(), pipelineVersion: VERSION, referenceDate: flags.referenceDate, maxBytes: flags.maxBytes },
        );
        progress.count(result);
        const target = outDir ? join(outDir, names[i]!) : null;
        if (result.ok && grouper) {
          const placed = await grouper.place(result.record, update);
          if (target) targetOf.set(placed.id, target);
          await emit(placed, target);
        } else {
          await emit(outputOf(result, file.name), target);
        }
      }
      for (const line of lines) await writeLine(JSON.stringify(line.output));
      progress.done();
      if (failures > 0) process.exitCode = 1;
    });
}
