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
    ['{"errors":{"code":400,"message":"a"}}', ["a"]],
    ['{"errors":[{"field":"email","message":"is invalid"}]}', ["email is invalid"]],
    ['{"error":{"message":"a"}}', ["a"]],
    ['{"code":"invalid_token"}', ["code invalid_token"]],
    ['"bad gateway"', ["bad gateway"]],
    ["not json at all", ["not json at all"]],
    // A gateway's page: its words (the title when there is one), not the markup.
    ["<html>Bad Gateway</html>", ["Bad Gateway"]],
    ["<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>p{}</style></head><body><h1>502</h1></body></html>", ["502 Bad Gateway"]],
  ])("%s", (body, expected) => {
    expect(errorMessages(body)).toEqual(expected);
  });
});
