import type { Collection } from "./config";
import type { BuildContext } from "./dataset";
import type { JsonObject } from "./json";
import { pipelineFields } from "./pipelines";
import { activityFields } from "./records-activities";
import { attachmentFields } from "./records-attachments";
import { companyFields } from "./records-companies";
import { dealFields, productFields } from "./records-deals";
import { catalogueFields, workflowFields } from "./records-meta";
import { contactFields, userFields } from "./records-people";

const BUILDERS: Record<Collection, (ctx: BuildContext) => JsonObject> = {
  users: userFields,
  "custom-properties": catalogueFields,
  pipelines: (ctx) => pipelineFields(ctx.index),
  products: productFields,
  companies: companyFields,
  contacts: contactFields,
  deals: dealFields,
  activities: activityFields,
  attachments: attachmentFields,
  workflows: workflowFields,
};

export function buildRecord(ctx: BuildContext): JsonObject {
  return BUILDERS[ctx.collection](ctx);
}
