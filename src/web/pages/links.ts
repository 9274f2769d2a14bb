/** Hrefs of the pages: ids and fingerprints hold `:` and `|`, so they are always encoded. */
export function actionHref(id: string): string {
  return `/actions/${encodeURIComponent(id)}`;
}

export function conflictHref(fingerprint: string): string {
  return `/conflicts/${encodeURIComponent(fingerprint)}`;
}
