/** True for ENOENT: the file or folder is not there (any more). */
export function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
