import { z } from "zod";
import { crmPlatformsEnterprise } from "./crm-platforms-enterprise";
import { crmPlatformsSmb } from "./crm-platforms-smb";
import { freshsales } from "./freshsales";
import {
  CRM_CATEGORY_OBJECTS,
  categorySchema,
  platformSchema,
  type Category,
  type Platform,
  type PlatformData,
} from "./platform-schema";
import { visualPractice } from "./visual-practice";

const categoryData: z.input<typeof categorySchema>[] = [
  { id: "crm", name: "CRM", objects: [...CRM_CATEGORY_OBJECTS], typicalDays: [2, 7] },
];

// Visual Practice and Freshsales first: the product page is about that pair.
const platformData: PlatformData[] = [visualPractice, freshsales, ...crmPlatformsEnterprise, ...crmPlatformsSmb];

/** Parses data files; throws with every problem listed (a bad data file is a deploy bug). */
export function loadCatalogue(platforms: readonly unknown[], categories: readonly unknown[]) {
  const parsedCategories = z.array(categorySchema).parse(categories);
  const parsed = z.array(platformSchema).parse(platforms);
  const ids = new Set<string>();
  for (const p of parsed) {
    if (ids.has(p.id)) throw new Error(`duplicate platform id ${p.id}`);
    ids.add(p.id);
    for (const c of p.categories) {
      if (!parsedCategories.some((cat) => cat.id === c)) throw new Error(`${p.id}: unknown category ${c}`);
    }
  }
  return { platforms: parsed, categories: parsedCategories };
}

const catalogue = loadCatalogue(platformData, categoryData);

export function listCategories(): readonly Category[] {
  return catalogue.categories;
}

export function getCategory(id: string): Category | undefined {
  return catalogue.categories.find((c) => c.id === id);
}

export function listPlatforms(categoryId: string): readonly Platform[] {
  return catalogue.platforms.filter((p) => p.categories.includes(categoryId));
}

export function getPlatform(id: string): Platform | undefined {
  return catalogue.platforms.find((p) => p.id === id);
}

export function requirePlatform(id: string): Platform {
  const platform = getPlatform(id);
  if (!platform) throw new Error(`unknown platform ${id}`);
  return platform;
}
