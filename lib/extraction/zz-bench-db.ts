import { createFreshDatabase } from "../../test/fresh-database.ts";
const database = await createFreshDatabase("bench_extraction");
console.log(database.url);
process.on("SIGTERM", () => void database.drop().then(() => process.exit(0)));
setInterval(() => {}, 1 << 30);
