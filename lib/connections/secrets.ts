import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { decryptSecret, encryptSecret, maskSecret } from "./crypto";

/** Encrypts a connection's secret, bound to the connection id (a ciphertext moved to another row does not open). */
export function sealSecret(connectionId: string, secret: string): string {
  return encryptSecret(secret, env().ENCRYPTION_KEY, connectionId);
}

export class SecretUnreadableError extends AppError {
  constructor() {
    super("The stored secret of this connection can no longer be read (the encryption key changed). Enter it again.", 409, "secret_unreadable");
  }
}

/** Server-side only: the plaintext for a connector. */
export function openSecret(connection: { id: string; secretCiphertext: string | null }): string {
  if (!connection.secretCiphertext) throw new SecretUnreadableError();
  try {
    return decryptSecret(connection.secretCiphertext, env().ENCRYPTION_KEY, connection.id);
  } catch {
    throw new SecretUnreadableError();
  }
}

/** What the browser may see: the last four characters, "set" when it cannot be read, or null. */
export function secretHint(connection: { id: string; secretCiphertext: string | null }): string | null {
  if (!connection.secretCiphertext) return null;
  try {
    return maskSecret(openSecret(connection));
  } catch {
    return "set";
  }
}
