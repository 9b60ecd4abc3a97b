import { z } from "zod";
import { categoryObjectSchema } from "../catalogue/platform-schema";

export const cardinalitySchema = z.enum(["1:1", "1:many", "many:1", "none"]);
export type Cardinality = z.infer<typeof cardinalitySchema>;

export const compatibilitySchema = z.enum(["Fully supported", "Needs a mapping", "Not supported"]);
export type Compatibility = z.infer<typeof compatibilitySchema>;

export const mappingRowSchema = z.object({
  sourceObjectId: z.string(),
  /** Display name; may qualify the object ("Contact (unassigned)"). */
  sourceLabel: z.string().min(1),
  destinationObjectId: z.string().nullable(),
  destinationLabel: z.string().nullable(),
  /** null for schema or automation rows (custom fields, workflows). */
  categoryObject: categoryObjectSchema.nullable(),
  cardinality: cardinalitySchema,
  compatibility: compatibilitySchema,
  /** True when a rule routes part of a source object's records to this destination object. */
  routed: z.boolean(),
  note: z.string().optional(),
});
export type MappingRow = z.infer<typeof mappingRowSchema>;

export const curatedPairSchema = z.object({
  sourceId: z.string(),
  destinationId: z.string(),
  rows: z.array(mappingRowSchema).min(1),
});
export type CuratedPair = z.input<typeof curatedPairSchema>;
