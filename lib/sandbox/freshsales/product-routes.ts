import { ApiError, badRequest, notFound } from "./api-error";
import { writeContext } from "./crm-routes";
import { paginate, parsePaging } from "./paging";
import { productView } from "./record-view";
import type { WriteContext } from "./record-writer";
import { createdAnswer } from "./single-answers";
import { idParam, objectBody, ok, unwrap, type Ctx, type Router } from "./router";
import type { StoredRecord } from "./types";

const TEXT = ["name", "description", "display_name", "product_code", "sku_number", "category"];

/** Validates and writes a CPQ product (name required, prices as numbers, known currencies). */
export function writeProduct(ctx: WriteContext, body: Record<string, unknown>, existing?: StoredRecord): StoredRecord {
  const errors: string[] = [];
  const data: Record<string, unknown> = existing ? { ...existing.data } : {};
  for (const key of TEXT) {
    const v = body[key];
    if (v === undefined) continue;
    if (v === null || v === "") delete data[key];
    else if (typeof v !== "string") errors.push(`${key} must be a string`);
    else data[key] = v;
  }
  for (const key of ["unit_price", "base_currency_value"]) {
    const v = body[key];
    if (v === undefined) continue;
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (v === null) delete data[key];
    else if (!Number.isFinite(n)) errors.push(`${key} must be a number`);
    else data[key] = n;
  }
  if (body.is_active !== undefined) {
    if (typeof body.is_active !== "boolean") errors.push("is_active must be true or false");
    else data.is_active = body.is_active;
  }
  if (body.owner_id !== undefined && body.owner_id !== null) {
    const u = ctx.store.user(Number(body.owner_id));
    if (!u || !u.is_active) errors.push(`owner_id: user ${String(body.owner_id)} does not exist or is not active`);
    else data.owner_id = u.id;
  }
  if (body.product_pricings !== undefined) {
    if (!Array.isArray(body.product_pricings)) errors.push("product_pricings must be an array");
    else {
      const pricings = [];
      for (const p of body.product_pricings as Array<Record<string, unknown>>) {
        const code = p?.currency_code;
        const value = Number(p?.currency_value);
        if (!ctx.store.selectors.currencies.some((c) => c.name === code)) errors.push(`product_pricings: unknown currency_code ${String(code)}`);
        else if (!Number.isFinite(value)) errors.push("product_pricings: currency_value must be a number");
        else pricings.push({ currency_code: code, currency_value: value });
      }
      data.product_pricings = pricings;
      if (data.unit_price === undefined && pricings[0]) data.unit_price = pricings[0].currency_value;
    }
  }
  if (typeof data.name !== "string" || !data.name) errors.push("name is required");
  if (errors.length > 0) throw new ApiError(400, errors);
  if (!existing && data.owner_id === undefined) data.owner_id = ctx.actorId;
  const record: StoredRecord = existing ?? { id: ctx.store.nextId("product"), createdAt: ctx.now, updatedAt: ctx.now, data, cf: undefined };
  record.data = data;
  record.updatedAt = ctx.now;
  ctx.store.products.set(record.id, record);
  return record;
}

function productOr404(ctx: Ctx): StoredRecord {
  const p = ctx.core.store.products.get(idParam(ctx));
  if (!p) throw notFound(`Product ${ctx.params.id ?? ""}`);
  return p;
}

function filterize(ctx: Ctx): unknown {
  const rules = objectBody(ctx).filter_rule;
  if (!Array.isArray(rules)) throw badRequest("filter_rule must be an array");
  let list = [...ctx.core.store.products.values()];
  for (const rule of rules as Array<Record<string, unknown>>) {
    const attr = rule?.attribute;
    if (attr !== "name" && attr !== "product_code" && attr !== "id") throw badRequest(`filter_rule: unsupported attribute ${String(attr)}`);
    if (rule.operator !== "is_in") throw badRequest(`filter_rule: unsupported operator ${String(rule.operator)}`);
    const wanted = new Set((Array.isArray(rule.value) ? rule.value : [rule.value]).map((v) => String(v).toLowerCase()));
    list = list.filter((p) => wanted.has(String(attr === "id" ? p.id : p.data[attr]).toLowerCase()));
  }
  return { products: list.map(productView) };
}

export function registerProductRoutes(router: Router): void {
  router.add("POST", "/cpq/products/filterize", (ctx) => ok(filterize(ctx)));
  router.add("POST", "/cpq/products", (ctx) => createdAnswer(ctx.core.profile, "product", productView(writeProduct(writeContext(ctx), unwrap(ctx, "product")))));
  router.add("GET", "/cpq/products", (ctx) => {
    const { items, meta } = paginate([...ctx.core.store.products.values()], parsePaging(ctx.query.get("page"), ctx.query.get("per_page")));
    return ok({ products: items.map(productView), meta });
  });
  router.add("GET", "/cpq/products/:id", (ctx) => ok({ product: productView(productOr404(ctx)) }));
  router.add("PUT", "/cpq/products/:id", (ctx) => {
    const p = productOr404(ctx);
    return ok({ product: productView(writeProduct(writeContext(ctx), unwrap(ctx, "product"), p)) });
  });
  router.add("DELETE", "/cpq/products/:id", (ctx) => {
    const p = productOr404(ctx);
    // Deal lines that point at it are dropped lazily (pruneRefs).
    ctx.core.store.products.delete(p.id);
    return { status: 204 };
  });
}
