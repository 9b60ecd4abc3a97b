import type { TestProject } from "vitest/node";
import { createFreshDatabase } from "./fresh-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createFreshDatabase("test_db");
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.drop();
  };
}
