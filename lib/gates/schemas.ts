import { z } from "zod";

export const createMigrationInput = z.object({
  name: z.string().trim().min(2, "Give the migration a name of at least 2 characters").max(120),
  sourcePlatform: z.literal("visual-practice"),
  destinationPlatform: z.literal("freshsales"),
});
export type CreateMigrationInput = z.infer<typeof createMigrationInput>;

export const renameMigrationInput = z.object({
  migrationId: z.string().min(1),
  name: z.string().trim().min(2).max(120),
});
