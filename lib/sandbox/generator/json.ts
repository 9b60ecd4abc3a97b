export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A Visual Practice record as served: id and timestamps plus the collection's fields. */
export interface VpRecord extends JsonObject {
  id: string;
  created_at: string;
  updated_at: string;
}
