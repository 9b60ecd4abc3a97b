export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "unknown";
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

export const formatCount = (n: number) => new Intl.NumberFormat("en").format(n);

export const OBJECT_LABELS: Record<string, string> = {
  companies: "Accounts",
  contacts: "Contacts and leads",
  products: "Products",
  deals: "Deals (with line items)",
  activities: "Tasks, notes and appointments",
  attachments: "Documents",
};
