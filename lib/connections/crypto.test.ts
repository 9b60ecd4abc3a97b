import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, maskSecret } from "./crypto";

const key = randomBytes(32).toString("base64");

describe("connection secret encryption", () => {
  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("fs-api-key-12345", key, "conn_1");
    expect(stored).not.toContain("fs-api-key");
    expect(decryptSecret(stored, key, "conn_1")).toBe("fs-api-key-12345");
  });

  it("uses a fresh nonce each time", () => {
    expect(encryptSecret("same", key, "c")).not.toBe(encryptSecret("same", key, "c"));
  });

  it("refuses another key, another connection, or a tampered ciphertext", () => {
    const stored = encryptSecret("secret", key, "conn_1");
    expect(() => decryptSecret(stored, randomBytes(32).toString("base64"), "conn_1")).toThrow();
    expect(() => decryptSecret(stored, key, "conn_2")).toThrow();
    const parts = stored.split(".");
    parts[3] = Buffer.from("x" + Buffer.from(parts[3]!, "base64url").toString("latin1"), "latin1").toString("base64url");
    expect(() => decryptSecret(parts.join("."), key, "conn_1")).toThrow();
  });

  it("masks all but the last four characters", () => {
    expect(maskSecret("abcdefgh")).toBe("••••efgh");
  });
});
