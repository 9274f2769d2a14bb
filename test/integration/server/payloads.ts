import type { PostedMessage } from "./harness.js";

/**
 * Slack payloads shaped as the reference documents them:
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload,
 * https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload,
 * https://docs.slack.dev/apis/events-api/ (event_callback envelope),
 * https://docs.slack.dev/interactivity/implementing-slash-commands (command fields).
 */
const TEAM = { id: "T_TEST", domain: "acme" };

function user(id: string) {
  return { id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: TEAM.id };
}

type Block = Record<string, unknown>;

/** The element with `actionId` in the posted message, as Slack echoes it back in `actions[]`. */
export function elementIn(message: PostedMessage, actionId: string): { blockId: string; element: Block } {
  for (const block of message.blocks) {
    const elements = block.elements;
    if (block.type !== "actions" || !Array.isArray(elements)) continue;
    for (const el of elements) {
      if (el && typeof el === "object" && Reflect.get(el, "action_id") === actionId) {
        return { blockId: String(block.block_id), element: el };
      }
    }
  }
  throw new Error(`no ${actionId} element in the message`);
}

export function blockActions(
  clicker: string,
  message: PostedMessage,
  actionId: string,
  choose?: { value: string; label: string },
) {
  const { blockId, element } = elementIn(message, actionId);
  const action = choose
    ? {
        type: "static_select",
        action_id: actionId,
        block_id: blockId,
        selected_option: {
          text: { type: "plain_text", text: choose.label, emoji: true },
          value: choose.value,
        },
        placeholder: element.placeholder,
        action_ts: "1767000100.123456",
      }
    : { ...element, block_id: blockId, action_ts: "1767000100.123456" };
  return {
    type: "block_actions",
    user: user(clicker),
    api_app_id: "A_TEST",
    token: "verification-token-unused",
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: "1767000100123.1234.abcdef0123456789",
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: "directmessage" },
    message: {
      type: "message",
      subtype: "bot_message",
      user: "U_BOT",
      bot_id: "B_BOT",
      app_id: "A_TEST",
      ts: message.ts,
      text: message.text,
      team: TEAM.id,
      blocks: message.blocks,
    },
    state: { values: {} },
    response_url: "https://hooks.slack.test/actions/T_TEST/1/abc",
    actions: [action],
  };
}

export function viewSubmission(clicker: string, view: Block, selectedDate: string | null) {
  return {
    type: "view_submission",
    team: TEAM,
    user: user(clicker),
    api_app_id: "A_TEST",
    token: "verification-token-unused",
    trigger_id: "1767000200123.1234.fedcba9876543210",
    view: {
      id: "V_TEST",
      team_id: TEAM.id,
      type: "modal",
      blocks: view.blocks,
      private_metadata: view.private_metadata,
      callback_id: view.callback_id,
      state: { values: { date: { date: { type: "datepicker", selected_date: selectedDate } } } },
      hash: "1767000200.abcdefgh",
      title: view.title,
      clear_on_close: false,
      notify_on_close: false,
      close: view.close,
      submit: view.submit,
      previous_view_id: null,
      root_view_id: "V_TEST",
      app_id: "A_TEST",
      external_id: "",
      app_installed_team_id: TEAM.id,
      bot_id: "B_BOT",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function appHomeOpened(userId: string, eventId: string) {
  return {
    token: "verification-token-unused",
    team_id: TEAM.id,
    api_app_id: "A_TEST",
    event: {
      type: "app_home_opened",
      user: userId,
      channel: "D_HOME",
      tab: "home",
      event_ts: "1767000300.000100",
    },
    type: "event_callback",
    event_id: eventId,
    event_time: 1767000300,
    authorizations: [
      { enterprise_id: null, team_id: TEAM.id, user_id: "U_BOT", is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

export function slashCommand(userId: string, text: string): string {
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: "C_GENERAL",
    channel_name: "general",
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: "/sightline",
    text,
    api_app_id: "A_TEST",
    is_enterprise_install: "false",
    response_url: "https://hooks.slack.test/commands/T_TEST/2/xyz",
    trigger_id: "1767000400123.1234.0011223344",
  }).toString();
}
