/**
 * `npm run sandbox`: both sandbox CRMs on a generated dataset, printing their URLs and keys.
 * Options: --seed N --total N --vp-port N --fs-port N --vp-rate N (0 = unlimited)
 * --plan growth --clock-scale N (e.g. 720: an emulated hour in five real seconds)
 * --fs-profile default|variant (else FRESHSALES_EMULATOR_PROFILE): how Freshsales answers the doc's open points.
 */
import { parseArgs } from "node:util";
import { profileFromEnv } from "../lib/sandbox/freshsales/profile.ts";
import { startSandbox } from "../lib/sandbox/start-sandbox.ts";
import { onShutdown } from "../lib/server/shutdown.ts";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    total: { type: "string", default: "5000" },
    "vp-port": { type: "string", default: "4010" },
    "fs-port": { type: "string", default: "4020" },
    "vp-rate": { type: "string", default: "20" },
    plan: { type: "string", default: "growth" },
    "clock-scale": { type: "string", default: "1" },
    "fs-profile": { type: "string" },
  },
});
const sandbox = await startSandbox({
  seed: Number(values.seed),
  total: Number(values.total),
  vpPort: Number(values["vp-port"]),
  fsPort: Number(values["fs-port"]),
  vpRatePerSecond: Number(values["vp-rate"]),
  freshsalesPlan: values.plan as "growth",
  clockScale: Number(values["clock-scale"]),
  freshsalesProfile: profileFromEnv(values["fs-profile"] ?? process.env.FRESHSALES_EMULATOR_PROFILE),
});
onShutdown("sandbox", () => sandbox.close());
console.log(`Visual Practice: ${sandbox.visualPractice.baseUrl}   token: ${sandbox.visualPractice.token}`);
console.log(`Freshsales:      ${sandbox.freshsales.apiBase}   API key: ${sandbox.freshsales.apiKey}   profile: ${sandbox.freshsales.profile}`);
console.log(`Freshsales admin (emulator only): ${sandbox.freshsales.url}/_emulator/dump`);
console.log(`${values.total} source records from seed ${values.seed}. Ctrl-C stops both.`);
