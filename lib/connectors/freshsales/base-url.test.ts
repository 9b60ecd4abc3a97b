import { describe, expect, it } from "vitest";
import { normalizeFreshsalesBaseUrl } from "./base-url";
import { errorMessages } from "./errors";

describe("normalizeFreshsalesBaseUrl", () => {
  it.each([
    ["acme", "https://acme.myfreshworks.com/crm/sales/api"],
    ["acme.myfreshworks.com", "https://acme.myfreshworks.com/crm/sales/api"],
    ["https://acme.myfreshworks.com/crm/sales/api/", "https://acme.myfreshworks.com/crm/sales/api"],
    ["https://acme.freshworks.com/crm/sales", "https://acme.freshworks.com/crm/sales/api"],
    ["http://127.0.0.1:4321/crm/sales/api", "http://127.0.0.1:4321/crm/sales/api"],
    ["http://127.0.0.1:4321", "http://127.0.0.1:4321/crm/sales/api"],
    ["https://proxy.example/fs/v2", "https://proxy.example/fs/v2"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeFreshsalesBaseUrl(input)).toBe(expected);
  });
});

describe("errorMessages", () => {
  it.each([
    ['{"errors":{"code":400,"message":["a","b"]}}', ["a", "b"]],
    ['{"errors":[{"message":"a"}]}', ["a"]],
    ['{"message":"a"}', ["a"]],
    ['{"error":"a"}', ["a"]],
    ['{"errors":{"email":["is taken"]}}', ["email is taken"]],
    ["<html>Bad Gateway</html>", ["<html>Bad Gateway</html>"]],
  ])("%s", (body, expected) => {
    expect(errorMessages(body)).toEqual(expected);
  });
});
