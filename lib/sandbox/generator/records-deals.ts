import { customProperties } from "./custom-properties";
import type { BuildContext } from "./dataset";
import { cleanRef, dateOnly, farYear, money, moneyTooPrecise, ownerId } from "./fields";
import { isoSeconds } from "./ids";
import type { Json, JsonObject } from "./json";
import { stagesOf } from "./pipelines";
import { SERVICES } from "./words";

const DAY_MS = 86_400_000;

export function productFields({ index, rng, dirty }: BuildContext): JsonObject {
  const service = SERVICES[index % SERVICES.length] ?? "Service";
  const round = Math.floor(index / SERVICES.length);
  const units = rng.int(40, 400);
  return {
    name: round === 0 ? service : `${service} (package ${round + 1})`,
    sku: `VP-${String(index + 1).padStart(5, "0")}`,
    unit_price: dirty === "excess_decimals" ? moneyTooPrecise(rng, units) : money(units * 100),
    currency: "USD",
    description: `${service}: ${rng.int(30, 90)} minutes with a licensed practitioner.`,
    active: rng.chance(0.9),
  };
}

export function dealFields(ctx: BuildContext): JsonObject {
  const { ds, index, rng, dirty, createdAtMs, updatedAtMs } = ctx;
  const pipelines = ds.count("pipelines");
  const pipeline = rng.int(0, Math.max(0, pipelines - 1));
  const stages = stagesOf(pipeline);
  let stage = rng.pick(stages);
  if (dirty === "cross_pipeline_stage") {
    const other = (pipeline + rng.int(1, pipelines - 1)) % pipelines;
    stage = rng.pick(stagesOf(other));
  }
  const closed = stage.is_won || stage.is_lost;
  const service = rng.pick(SERVICES);
  const lineItems: Json[] = [];
  const items = rng.int(0, 3);
  for (let k = 0; k < items; k++) {
    const product = cleanRef(ctx, "products");
    if (product) lineItems.push({ product_id: product, quantity: rng.int(1, 12), unit_price: money(rng.int(40, 400) * 100) });
  }
  const contacts: string[] = [];
  const contactCount = rng.int(1, 2);
  for (let k = 0; k < contactCount; k++) {
    const contact = cleanRef(ctx, "contacts");
    if (contact && !contacts.includes(contact)) contacts.push(contact);
  }
  const amountUnits = rng.int(80, 25_000);
  let amount: string | null = rng.chance(0.95) ? money(amountUnits * 100) : null;
  if (dirty === "excess_decimals") amount = moneyTooPrecise(rng, amountUnits);
  const closeMs = createdAtMs + rng.int(7, 180) * DAY_MS;
  let expected: string | null = rng.chance(0.9) ? new Date(closeMs).toISOString().slice(0, 10) : null;
  if (dirty === "far_date") expected = dateOnly(farYear(rng), rng);
  const company = rng.chance(0.9) ? cleanRef(ctx, "companies") : null;
  return {
    name: `${service} #${index + 1}`,
    amount,
    currency: "USD",
    expected_close_date: expected,
    pipeline_id: ds.idOf("pipelines", pipeline),
    stage_id: stage.id,
    owner_id: ownerId(ctx),
    company_id: company,
    contact_ids: contacts,
    line_items: lineItems,
    closed_at: closed ? isoSeconds(Math.floor(Math.min(closeMs, updatedAtMs) / 1000) * 1000) : null,
    custom_properties: customProperties("deal", rng, dirty),
  };
}
