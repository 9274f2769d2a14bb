/**
 * The route a request is counted under: a bounded set of labels whatever the URL (a label per conflict id or
 * per random path would grow the metrics without end). Webhooks keep their kind; the web admin and the API
 * keep their first one or two segments; anything answered 404 is `unmatched`.
 */
export function routeLabel(path: string, status: number, mounts: readonly string[] = []): string {
  if (status === 404) return "unmatched";
  if (path === "/") return "/";
  const mount = mounts.find((m) => path === m || path.startsWith(`${m}/`));
  if (mount) return mount;
  const segments = path.split("/").filter(Boolean);
  if (segments[0] === "webhooks")
    return segments[1] ? `/webhooks/${safe(segments[1])}/:instance` : "/webhooks";
  const keep = segments[0] === "api" ? 2 : 1;
  const head = segments.slice(0, keep).map(safe).join("/");
  return `/${head}${segments.length > keep ? "/*" : ""}`;
}

/** A segment as a label: only ordinary route words, anything else collapsed. */
function safe(segment: string): string {
  return /^[a-z][a-z0-9-]{0,30}$/.test(segment) ? segment : ":param";
}
