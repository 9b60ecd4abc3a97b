import pino from "pino";

/**
 * Structured JSON logs. Secrets are redacted by key wherever they appear, so a connection
 * config or a request header logged by mistake still never shows a token.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.SERVICE_NAME ?? "console" },
  redact: {
    paths: [
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "token",
      "*.token",
      "apiKey",
      "*.apiKey",
      "secret",
      "*.secret",
      "authorization",
      "*.authorization",
      "*.headers.authorization",
      "config.token",
      "config.apiKey",
    ],
    censor: "[redacted]",
  },
});
