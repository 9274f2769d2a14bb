import { z } from "zod";

/**
 * `view.state.values` of a view_submission (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload):
 * block_id → action_id → the element's state; each element type fills its own field.
 */
const ElementStateSchema = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});
export const ViewStateValuesSchema = z.record(z.string(), z.record(z.string(), ElementStateSchema));
export type ViewStateValues = z.infer<typeof ViewStateValuesSchema>;

/** The view_submission fields the Slack-source modals use. */
export function submissionSchema<C extends string>(callbackId: C) {
  return z.object({
    type: z.literal("view_submission"),
    user: z.object({ id: z.string().min(1) }),
    team: z.object({ id: z.string().min(1) }).nullish(),
    view: z.object({
      id: z.string().min(1),
      callback_id: z.literal(callbackId),
      private_metadata: z.string(),
      state: z.object({ values: ViewStateValuesSchema }),
    }),
  });
}

/** The state of the element in `blockId` (each of these modals has one element per input block). */
function element(values: ViewStateValues, blockId: string) {
  const block = values[blockId];
  return block ? Object.values(block)[0] : undefined;
}

export function textIn(values: ViewStateValues, blockId: string): string | null {
  const v = element(values, blockId)?.value?.trim();
  return v ? v : null;
}

export function dateIn(values: ViewStateValues, blockId: string): string | null {
  return element(values, blockId)?.selected_date ?? null;
}

export function userIn(values: ViewStateValues, blockId: string): string | null {
  return element(values, blockId)?.selected_user ?? null;
}

export function optionIn(values: ViewStateValues, blockId: string): string | null {
  return element(values, blockId)?.selected_option?.value ?? null;
}

export type Ack = (response?: { response_action: "errors"; errors: Record<string, string> }) => Promise<void>;
