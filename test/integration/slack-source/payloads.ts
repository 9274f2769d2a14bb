/**
 * Slack payloads shaped as the reference documents them:
 * https://docs.slack.dev/interactivity/implementing-slash-commands (command fields, form-encoded),
 * https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload (type message_action),
 * https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload (view_submission),
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload (a button in the App Home).
 */
export const TEAM = { id: "T0ACMEPAY", domain: "acmepay" };
export const APP_ID = "A0SIGHTLINE";
export const CHANNEL = { id: "C0LAUNCH", name: "payouts-launch" };

function user(id: string) {
  return { id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: TEAM.id };
}

export function slashCommand(userId: string, text: string, responseUrl: string, triggerId: string): string {
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: CHANNEL.id,
    channel_name: CHANNEL.name,
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: "/sightline",
    text,
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
}

export interface SlackMessage {
  user: string;
  ts: string;
  text: string;
}

export function messageShortcut(userId: string, message: SlackMessage) {
  return {
    type: "message_action",
    token: "verification-token-unused",
    action_ts: "1768208500.123456",
    team: TEAM,
    user: user(userId),
    channel: CHANNEL,
    is_enterprise_install: false,
    enterprise: null,
    callback_id: "track_as_action",
    trigger_id: "1768208500123.1234.5566778899aabbcc",
    response_url: "https://hooks.slack.test/app/T0ACMEPAY/3/shortcut",
    message_ts: message.ts,
    message: {
      type: "message",
      user: message.user,
      ts: message.ts,
      text: message.text,
      team: TEAM.id,
      blocks: [{ type: "rich_text", block_id: "b1", elements: [] }],
    },
  };
}

type Block = Record<string, unknown>;
type ElementState = Record<string, unknown>;

/**
 * What Slack sends when the modal is submitted: the view as opened plus `state.values`, one entry per input
 * block (block_id → action_id → the element's state).
 */
export function viewSubmission(
  userId: string,
  viewId: string,
  view: Block,
  values: Record<string, ElementState>,
) {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const state: Record<string, Record<string, ElementState>> = {};
  for (const b of blocks) {
    if (b && typeof b === "object" && Reflect.get(b, "type") === "input") {
      const blockId = String(Reflect.get(b, "block_id"));
      const element: unknown = Reflect.get(b, "element");
      if (!element || typeof element !== "object") continue;
      const type = String(Reflect.get(element, "type"));
      const actionId = String(Reflect.get(element, "action_id"));
      state[blockId] = { [actionId]: { type, ...(values[blockId] ?? emptyState(type)) } };
    }
  }
  return {
    type: "view_submission",
    team: TEAM,
    user: user(userId),
    api_app_id: APP_ID,
    token: "verification-token-unused",
    trigger_id: "1768208600123.1234.ffeeddccbbaa9988",
    view: {
      id: viewId,
      team_id: TEAM.id,
      type: "modal",
      blocks,
      private_metadata: view.private_metadata,
      callback_id: view.callback_id,
      state: { values: state },
      hash: "1768208600.abcdefgh",
      title: view.title,
      clear_on_close: false,
      notify_on_close: false,
      close: view.close,
      submit: view.submit,
      previous_view_id: null,
      root_view_id: viewId,
      app_id: APP_ID,
      external_id: "",
      app_installed_team_id: TEAM.id,
      bot_id: "B_BOT",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

function emptyState(type: string): ElementState {
  switch (type) {
    case "datepicker":
      return { selected_date: null };
    case "users_select":
      return { selected_user: null };
    case "static_select":
      return { selected_option: null };
    default:
      return { value: null };
  }
}

/** The initial state a modal's element shows, as Slack would submit it untouched. */
export function initialValues(view: Block): Record<string, ElementState> {
  const out: Record<string, ElementState> = {};
  for (const b of Array.isArray(view.blocks) ? view.blocks : []) {
    if (!b || typeof b !== "object" || Reflect.get(b, "type") !== "input") continue;
    const blockId = String(Reflect.get(b, "block_id"));
    const el: unknown = Reflect.get(b, "element");
    if (!el || typeof el !== "object") continue;
    const get = (k: string): unknown => Reflect.get(el, k);
    switch (get("type")) {
      case "datepicker":
        out[blockId] = { selected_date: get("initial_date") ?? null };
        break;
      case "users_select":
        out[blockId] = { selected_user: get("initial_user") ?? null };
        break;
      case "static_select":
        out[blockId] = { selected_option: get("initial_option") ?? null };
        break;
      default:
        out[blockId] = { value: get("initial_value") ?? null };
    }
  }
  return out;
}

export function appHomeOpened(userId: string, eventId: string) {
  return {
    token: "verification-token-unused",
    team_id: TEAM.id,
    api_app_id: APP_ID,
    event: {
      type: "app_home_opened",
      user: userId,
      channel: "D0HOME",
      tab: "home",
      event_ts: "1768208700.000100",
    },
    type: "event_callback",
    event_id: eventId,
    event_time: 1768208700,
    authorizations: [
      { enterprise_id: null, team_id: TEAM.id, user_id: "U_BOT", is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

/** A click on a button of the App Home (container type `view`: no channel, no message). */
export function homeButtonClick(userId: string, home: Block, actionId: string, value: string) {
  const blocks = Array.isArray(home.blocks) ? home.blocks : [];
  const block = blocks.find((b) => {
    const acc: unknown = b && typeof b === "object" ? Reflect.get(b, "accessory") : null;
    return acc && typeof acc === "object" && Reflect.get(acc, "value") === value;
  });
  if (!block || typeof block !== "object") throw new Error(`no button with value ${value} in the home view`);
  const accessory: unknown = Reflect.get(block, "accessory");
  return {
    type: "block_actions",
    user: user(userId),
    api_app_id: APP_ID,
    token: "verification-token-unused",
    container: { type: "view", view_id: "V0HOME" },
    trigger_id: "1768208800123.1234.0123456789abcdef",
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    view: { id: "V0HOME", team_id: TEAM.id, type: "home", blocks, private_metadata: "", callback_id: "" },
    actions: [
      {
        ...(accessory && typeof accessory === "object" ? accessory : {}),
        action_id: actionId,
        block_id: String(Reflect.get(block, "block_id") ?? "b0"),
        action_ts: "1768208800.654321",
      },
    ],
  };
}
