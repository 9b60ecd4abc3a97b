import { z } from "zod";
import { CONNECTION_PLANS, CUSTOM_CALLS_PER_HOUR } from "./plans";

const migrationId = z.string().min(1).max(100);
/** Empty means "keep the stored one" when editing. */
const optionalSecret = z.string().trim().max(4000).optional();

export const saveVisualPracticeApiInput = z.object({
  migrationId,
  baseUrl: z.string().trim().min(1, "Enter the Visual Practice API URL").max(2000),
  token: optionalSecret,
});
export type SaveVisualPracticeApiInput = z.infer<typeof saveVisualPracticeApiInput>;

export const saveFreshsalesInput = z.object({
  migrationId,
  domain: z.string().trim().min(1, "Enter the Freshsales domain or API URL").max(2000),
  apiKey: optionalSecret,
  plan: z.enum(CONNECTION_PLANS, { message: "Choose the Freshsales plan" }),
  /** A limit bought above the plan's; empty means the plan's own. */
  callsPerHour: z.coerce
    .number({ message: "Custom API limit: enter calls per hour as a whole number" })
    .int("Custom API limit: enter calls per hour as a whole number")
    .min(CUSTOM_CALLS_PER_HOUR.min, `Custom API limit: at least ${CUSTOM_CALLS_PER_HOUR.min} calls per hour`)
    .max(CUSTOM_CALLS_PER_HOUR.max, `Custom API limit: at most ${CUSTOM_CALLS_PER_HOUR.max.toLocaleString("en")} calls per hour`)
    .nullish(),
});
export type SaveFreshsalesInput = z.infer<typeof saveFreshsalesInput>;

export const connectionRefInput = z.object({
  migrationId,
  kind: z.enum(["VISUAL_PRACTICE", "FRESHSALES"]),
});
export type ConnectionRefInput = z.infer<typeof connectionRefInput>;
