import { notFound } from "./api-error";
import { userView } from "./record-view";
import { ok, type Router } from "./router";
import type { Store } from "./store";
import type { FieldDef, FieldEntity, Pipeline, SelectorKey, Stage } from "./types";

const SELECTORS: SelectorKey[] = [
  "lifecycle_stages", "contact_statuses", "sales_activity_types", "sales_activity_outcomes", "industry_types",
  "business_types", "territories", "lead_sources", "deal_reasons", "deal_types", "deal_payment_statuses",
  "campaigns", "task_types",
];

const BASE_MODEL: Record<FieldEntity, string> = {
  contacts: "Contact",
  sales_accounts: "SalesAccount",
  deals: "Deal",
  sales_activities: "SalesActivity",
};

function stageView(s: Stage): Record<string, unknown> {
  return { id: s.id, name: s.name, position: s.position, probability: s.probability, forecast_type: s.forecast_type, deal_pipeline_id: s.deal_pipeline_id, choice_type: s.forecast_type === "Open" ? 1 : s.forecast_type === "Won" ? 2 : 3 };
}

function pipelineView(p: Pipeline): Record<string, unknown> {
  return { id: p.id, name: p.name, is_default: p.is_default, position: p.position, deal_stages: p.stages.map(stageView) };
}

/** System dropdowns list their options as choices too, so a client can map values to ids. */
function choicesOf(store: Store, f: FieldDef): Array<{ id: number; value: string; position: number }> {
  if (!f.system) return f.choices;
  if (f.ref === "owner") return store.users.map((u, i) => ({ id: u.id, value: u.display_name, position: i + 1 }));
  if (f.name === "deal_pipeline_id") return store.pipelines.map((p) => ({ id: p.id, value: p.name, position: p.position }));
  if (f.name === "deal_stage_id") return store.pipelines.flatMap((p) => p.stages).map((s, i) => ({ id: s.id, value: s.name, position: i + 1 }));
  if (f.ref && f.ref !== "special") return store.selectors[f.ref].map((x) => ({ id: x.id, value: x.name, position: x.position }));
  return [];
}

/** The other spelling of the types whose names the doc leaves open (profile `fieldTypes: "short"`). */
const SHORT_TYPES: Partial<Record<FieldDef["type"], string>> = {
  textarea: "paragraph",
  multi_select_dropdown: "multiselect",
  phone_number: "phone",
  auto_complete: "autocomplete",
};

export function fieldView(store: Store, entity: FieldEntity, f: FieldDef, typeNames: "long" | "short" = "long"): Record<string, unknown> {
  return {
    id: f.id,
    name: f.name,
    label: f.label,
    type: typeNames === "short" ? (SHORT_TYPES[f.type] ?? f.type) : f.type,
    required: f.required,
    visible: true,
    default: f.system,
    position: f.position,
    quick_add_position: f.system ? f.position : null,
    base_model: BASE_MODEL[entity],
    actionable: true,
    choices: choicesOf(store, f),
    field_options: { unique: f.unique },
  };
}

export function registerSelectorRoutes(router: Router): void {
  router.add("GET", "/selector/owners", (ctx) => ok({ users: ctx.core.store.users.map(userView) }));
  router.add("GET", "/selector/deal_pipelines", (ctx) => ok({ deal_pipelines: ctx.core.store.pipelines.map(pipelineView) }));
  router.add("GET", "/selector/deal_pipelines/:id/deal_stages", (ctx) => {
    const p = ctx.core.store.pipelines.find((x) => String(x.id) === ctx.params.id);
    if (!p) throw notFound(`Pipeline ${ctx.params.id ?? ""}`);
    return ok({ deal_stages: p.stages.map(stageView) });
  });
  router.add("GET", "/selector/deal_stages", (ctx) => ok({ deal_stages: ctx.core.store.pipelines.flatMap((p) => p.stages.map(stageView)) }));
  router.add("GET", "/selector/currencies", (ctx) =>
    ok({ currencies: ctx.core.store.selectors.currencies.map((c, i) => ({ id: c.id, currency_code: c.name, is_base: i === 0, exchange_rate: "1.0", position: c.position })) }),
  );
  router.add("GET", "/selector/deal_products", (ctx) =>
    ok({ deal_products: [...ctx.core.store.products.values()].map((p) => ({ id: p.id, name: p.data.name })) }),
  );
  router.add("GET", "/selector/sales_activity_entity_types", () =>
    ok({ sales_activity_entity_types: ["Contact", "SalesAccount", "Deal"].map((name, i) => ({ id: i + 1, name })) }),
  );
  for (const key of SELECTORS) {
    router.add("GET", `/selector/${key}`, (ctx) => ok({ [key]: ctx.core.store.selectors[key] }));
  }
  router.add("GET", "/selector/sales_activity_types/:id/sales_activity_outcomes", (ctx) => {
    if (!ctx.core.store.selectors.sales_activity_types.some((t) => String(t.id) === ctx.params.id)) {
      throw notFound(`Sales activity type ${ctx.params.id ?? ""}`);
    }
    return ok({ sales_activity_outcomes: ctx.core.store.selectors.sales_activity_outcomes });
  });
  for (const entity of ["contacts", "sales_accounts", "deals", "sales_activities"] as FieldEntity[]) {
    router.add("GET", `/settings/${entity}/fields`, (ctx) =>
      ok({ fields: ctx.core.store.fields[entity].map((f) => fieldView(ctx.core.store, entity, f, ctx.core.profile.fieldTypes)) }),
    );
  }
}
