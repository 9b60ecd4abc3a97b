import { parseArgs } from "node:util";
import { SandboxClock } from "../shared/clock";
import { startVisualPracticeServer } from "./server";

/**
 * Runs the sandbox on its own and prints one JSON line {url, baseUrl, token}:
 *   npx tsx lib/sandbox/visual-practice/cli.ts --seed 1 --total 100000 [--port 4010]
 *     [--rate 20 | --rate 0] [--token t] [--clock-scale 720]
 */
const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    total: { type: "string", default: "10000" },
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    rate: { type: "string", default: "20" },
    token: { type: "string" },
    "clock-scale": { type: "string", default: "1" },
  },
});
const server = await startVisualPracticeServer({
  seed: Number(values.seed),
  total: Number(values.total),
  port: Number(values.port),
  host: values.host,
  ratePerSecond: Number(values.rate),
  clock: new SandboxClock(Number(values["clock-scale"])),
  ...(values.token ? { token: values.token } : {}),
});
console.log(JSON.stringify({ url: server.url, baseUrl: server.baseUrl, token: server.token }));
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
