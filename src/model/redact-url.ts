/**
 * A URL fit for a log line or an error: its password replaced by `***`, so messages can name the host a process
 * cannot reach without leaking the secret. `unparseable` stands in for a URL that does not parse.
 */
export function redactUrl(url: string, unparseable = "(a URL that does not parse)"): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return unparseable;
  }
}
