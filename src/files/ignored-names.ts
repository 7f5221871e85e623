import { relative, sep } from 'node:path';

/**
 * Names the inbox watcher never reads: files still being written by another program, or
 * not meant for us. Data, not code: add a row, not a branch.
 */
export const IGNORED_NAMES: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /^\./, why: 'dotfiles and dot-folders: editor/sync state, and the temp names of rsync and our own stores' },
  { pattern: /\.part$/i, why: 'partial downloads of Firefox, wget --continue, curl -C and rsync --partial' },
  { pattern: /\.tmp$/i, why: 'temp files of most writers that rename into place when done' },
  { pattern: /\.crdownload$/i, why: 'Chrome and Edge partial downloads' },
  { pattern: /~$/, why: 'editor backup files (vim, emacs, gedit)' },
  { pattern: /\.(swp|swx)$/i, why: 'vim swap files' },
];

/** True for one name (no folders) the watcher never reads nor enters. */
export function isIgnoredName(name: string): boolean {
  return IGNORED_NAMES.some(({ pattern }) => pattern.test(name));
}

/** True when path (absolute, inside inbox) or any folder between inbox and it has an ignored name. */
export function isIgnoredPath(inbox: string, path: string): boolean {
  const rel = relative(inbox, path);
  if (rel === '') return false;
  return rel.split(sep).some(isIgnoredName);
}

/** The name recorded for a file: its path relative to the inbox, with forward slashes. */
export function inboxName(inbox: string, path: string): string {
  return relative(inbox, path).split(sep).join('/');
}
