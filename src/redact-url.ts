/** A URL as logs and error lines may show it: the password blanked, or a placeholder when it does not parse. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
