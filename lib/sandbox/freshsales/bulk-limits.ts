/** Records per bulk_upsert request unless the emulator is told otherwise (§2.10: "100?"). */
export const BULK_MAX = 100;
