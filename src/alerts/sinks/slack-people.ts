import type { webApi } from "@slack/bolt";
import { toSlackSinkError } from "./slack-errors.js";
import { TtlCache } from "./ttl-cache.js";

export interface SlackPeopleOptions {
  /** How long an answer (found or not found) is trusted. */
  ttlMs: number;
  nowMs?: () => number;
}

/**
 * Who is who in Slack, cached: users.lookupByEmail is rate tier 3 (about 50 a minute), and every alert for a
 * person known only by e-mail, and every button click by someone outside the directory, would otherwise
 * spend one call. A "not found" is cached too, so a person without Slack does not cost a call per alert.
 */
export class SlackPeople {
  private readonly idByEmail: TtlCache<string, string | null>;
  private readonly emailById: TtlCache<string, string | null>;
  constructor(
    private readonly client: webApi.WebClient,
    opts: SlackPeopleOptions,
  ) {
    this.idByEmail = new TtlCache(opts.ttlMs, 10_000, opts.nowMs);
    this.emailById = new TtlCache(opts.ttlMs, 10_000, opts.nowMs);
  }

  /** The Slack user id for an e-mail address, or null when the workspace has nobody with it. */
  async idForEmail(email: string): Promise<string | null> {
    const key = email.trim().toLowerCase();
    const cached = this.idByEmail.get(key);
    if (cached !== undefined) return cached;
    try {
      // https://docs.slack.dev/reference/methods/users.lookupByEmail
      const res = await this.client.users.lookupByEmail({ email: key });
      const id = res.user?.id ?? null;
      this.idByEmail.set(key, id);
      return id;
    } catch (error) {
      const e = toSlackSinkError(error, `users.lookupByEmail ${key}`);
      if (e.slackCode !== "users_not_found") throw e;
      this.idByEmail.set(key, null);
      return null;
    }
  }

  /** The e-mail on a Slack user's profile (needs the users:read.email scope), or null when hidden or gone. */
  async emailOf(userId: string): Promise<string | null> {
    const cached = this.emailById.get(userId);
    if (cached !== undefined) return cached;
    try {
      // https://docs.slack.dev/reference/methods/users.info
      const res = await this.client.users.info({ user: userId });
      const email = res.user?.profile?.email?.toLowerCase() ?? null;
      this.emailById.set(userId, email);
      if (email) this.idByEmail.set(email, userId);
      return email;
    } catch (error) {
      const e = toSlackSinkError(error, `users.info ${userId}`);
      if (e.slackCode !== "user_not_found") throw e;
      this.emailById.set(userId, null);
      return null;
    }
  }
}
