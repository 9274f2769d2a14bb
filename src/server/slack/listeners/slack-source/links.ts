/**
 * Where an action typed as a command links to: the Sightline app in Slack, whose App Home lists it with an
 * Edit button. An https link (https://docs.slack.dev/interactivity/deep-linking, `app_redirect`) rather
 * than `slack://app?…&tab=home`, because the alerts and the web pages only link http(s) URLs.
 */
export function appLink(appId: string | null | undefined, teamId: string | null | undefined): string | null {
  if (!appId || !teamId) return null;
  return `https://slack.com/app_redirect?${new URLSearchParams({ app: appId, team: teamId }).toString()}`;
}
