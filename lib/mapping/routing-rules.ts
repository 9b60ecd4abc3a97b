/**
 * Object routing as data: which Freshsales object each Visual Practice record becomes. The
 * admin sees these rules on the review screen and may change the choices the seed leaves open
 * (Lead target, notes as Tasks or Freshsales notes); the approval records their hash.
 */
import { z } from "zod";

/** Freshsales' documented per-file ceiling (150 MB); plan storage limits apply on top. */
export const FRESHSALES_MAX_FILE_BYTES = 150 * 1024 * 1024;

export const routingRulesSchema = z.object({
  company: z.object({
    target: z.literal("sales_accounts"),
    /** Parent company becomes the Parent Account; a cycle is cut at the record that closes it. */
    keepParentHierarchy: z.boolean(),
  }),
  contact: z.object({
    withCompany: z.literal("contacts"),
    /** The Leads module exists only on classic accounts; elsewhere a Lead is a Contact at a lifecycle stage. */
    withoutCompany: z.enum(["leads_module", "contact_lifecycle_lead"]),
    leadLifecycleStage: z.string().min(1),
  }),
  deal: z.object({
    target: z.literal("deals"),
    /** Deals whose pipeline is not in the confirmed stage map: use the default pipeline, or fail them. */
    unmappedPipeline: z.enum(["default_pipeline", "fail"]),
  }),
  activity: z.object({
    call: z.object({ target: z.literal("tasks"), taskType: z.string().min(1) }),
    email: z.object({ target: z.literal("tasks"), taskType: z.string().min(1) }),
    note: z.object({ target: z.enum(["tasks", "notes"]), taskType: z.string().min(1) }),
    meeting: z.object({ target: z.literal("appointments"), includeAttendees: z.boolean() }),
  }),
  attachment: z.object({
    target: z.literal("documents"),
    maxBytes: z.number().int().positive().max(FRESHSALES_MAX_FILE_BYTES),
  }),
  product: z.object({ target: z.literal("products"), dealLineItems: z.boolean() }),
  user: z.object({ target: z.literal("owners") }),
});
export type RoutingRules = z.infer<typeof routingRulesSchema>;

/** The seed's object map. */
export const DEFAULT_ROUTING_RULES: RoutingRules = {
  company: { target: "sales_accounts", keepParentHierarchy: true },
  contact: { withCompany: "contacts", withoutCompany: "contact_lifecycle_lead", leadLifecycleStage: "Lead" },
  deal: { target: "deals", unmappedPipeline: "default_pipeline" },
  activity: {
    call: { target: "tasks", taskType: "Call" },
    email: { target: "tasks", taskType: "Email" },
    note: { target: "tasks", taskType: "Note" },
    meeting: { target: "appointments", includeAttendees: true },
  },
  attachment: { target: "documents", maxBytes: FRESHSALES_MAX_FILE_BYTES },
  product: { target: "products", dealLineItems: true },
  user: { target: "owners" },
};

/** One line per rule, for the review screen. */
export function describeRules(rules: RoutingRules): string[] {
  const lead = rules.contact.withoutCompany === "leads_module" ? "Lead (Leads module)" : `Contact at lifecycle stage "${rules.contact.leadLifecycleStage}"`;
  return [
    `Company → Account${rules.company.keepParentHierarchy ? ", parent company as Parent Account" : ""}`,
    "Contact with a company → Contact linked to its Account",
    `Contact without a company → ${lead}`,
    `Deal → Deal in the mapped pipeline (unmapped pipeline: ${rules.deal.unmappedPipeline === "fail" ? "fail the deal" : "default pipeline"})`,
    `Call → Task of type "${rules.activity.call.taskType}"; email → Task of type "${rules.activity.email.taskType}"`,
    rules.activity.note.target === "notes" ? "Note → Freshsales note on its record" : `Note → Task of type "${rules.activity.note.taskType}"`,
    `Meeting → Appointment${rules.activity.meeting.includeAttendees ? " with attendees" : ""}`,
    `Attachment → Document on its record (up to ${Math.round(rules.attachment.maxBytes / 1024 / 1024)} MB)`,
    `Product → Product${rules.product.dealLineItems ? ", deal line items as deal products" : ""}`,
    "User → Freshsales owner, by email",
  ];
}
