import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Connection secrets at rest: AES-256-GCM with a random 96-bit nonce per secret, stored as
 * "v1.<nonce>.<tag>.<ciphertext>" (base64url). The key comes from ENCRYPTION_KEY; the
 * connection id is bound as additional data, so a ciphertext copied onto another
 * connection does not decrypt.
 */
const VERSION = "v1";

function keyBytes(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes in base64");
  return key;
}

export function encryptSecret(plaintext: string, base64Key: string, boundTo: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyBytes(base64Key), nonce);
  cipher.setAAD(Buffer.from(boundTo));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, nonce, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(stored: string, base64Key: string, boundTo: string): string {
  const [version, nonce, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !nonce || !tag || ciphertext === undefined) throw new Error("unreadable secret");
  const decipher = createDecipheriv("aes-256-gcm", keyBytes(base64Key), Buffer.from(nonce, "base64url"));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** For display: the last four characters only. */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? "••••" : `••••${secret.slice(-4)}`;
}
