import type { Store } from "../../store/index.js";

/** Person id → display name, from the directory. */
export async function personNames(store: Store): Promise<Map<string, string>> {
  return new Map((await store.directory.load()).people.map((p) => [p.id, p.name]));
}

/**
 * Alert recipients are keys such as `slack-dm:U05…`, `slack-channel:#marketing`, `email:x@y`: the person
 * behind a Slack id or an e-mail when the directory knows one, the key itself otherwise.
 */
export async function recipientNames(store: Store): Promise<(recipient: string) => string | null> {
  const { people, teams } = await store.directory.load();
  const bySlack = new Map(people.flatMap((p) => (p.slackUserId ? [[p.slackUserId, p.name] as const] : [])));
  const byEmail = new Map(people.flatMap((p) => p.emails.map((e) => [e, p.name] as const)));
  const byChannel = new Map(
    teams.flatMap((t) => (t.slackChannel ? [[t.slackChannel, t.name] as const] : [])),
  );
  return (recipient) => {
    const [kind, ...rest] = recipient.split(":");
    const value = rest.join(":");
    if (kind === "slack-dm") return bySlack.get(value) ?? null;
    if (kind === "slack-channel") return byChannel.get(value) ? `${byChannel.get(value)} channel` : null;
    if (kind === "email") return byEmail.get(value.toLowerCase()) ?? null;
    return null;
  };
}
