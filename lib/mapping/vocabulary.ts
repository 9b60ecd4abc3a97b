/**
 * CRM vocabulary for name matching. Two levels, so that a new spelling only needs one entry:
 * WORD_GROUPS folds words that mean the same thing (in several languages) onto one canonical
 * word; CONCEPTS lists the phrases, in canonical words, that name one field meaning.
 *
 * The labelled fixture's hold-out part shares no names with this file (a test checks it): it
 * measures what the fuzzy rules in name-similarity.ts add, not what this list already knows.
 */

/** Canonical word -> words and spellings that mean it. The canonical word is listed implicitly. */
export const WORD_GROUPS: Record<string, string[]> = {
  phone: ["telephone", "tel", "telefon", "telefono", "telefone", "fon", "phonenumber"],
  mobile: ["cell", "cellular", "cellphone", "handy", "mobil", "movil", "portable", "gsm"],
  work: ["office", "business", "direct", "bureau", "buero", "dienstlich", "arbeit"],
  number: ["no", "nr", "num", "nummer", "numero", "nbr", "nro"],
  zip: ["zipcode", "postcode", "plz", "postleitzahl", "cp"],
  postal: ["post", "postale"],
  code: ["codigo", "kode"],
  company: ["organisation", "organization", "org", "account", "firm", "firma", "employer", "societe", "empresa", "unternehmen", "enterprise"],
  name: ["nom", "nombre", "nome", "naam"],
  first: ["given", "fore", "vorname", "prenom", "fname"],
  last: ["family", "sur", "surname", "nachname", "apellido", "lname"],
  title: ["position", "role", "designation", "occupation", "jobtitle", "poste", "cargo", "funktion", "berufsbezeichnung", "titel"],
  job: ["beruf", "profession"],
  email: ["mail", "e", "courriel", "correo", "emailaddress"],
  address: ["adresse", "direccion", "indirizzo", "anschrift", "addr"],
  street: ["strasse", "rue", "calle", "via", "line1", "street1"],
  city: ["town", "ort", "stadt", "ville", "ciudad", "citta", "locality"],
  state: ["province", "region", "county", "bundesland", "provincia", "provinz", "estado"],
  country: ["land", "pays", "pais", "nation"],
  website: ["web", "url", "homepage", "site", "webseite", "domain", "www"],
  industry: ["sector", "branche", "vertical", "industrie"],
  employees: ["employee", "staff", "headcount", "mitarbeiter", "employes", "empleados", "workforce"],
  count: ["size", "total", "anzahl"],
  revenue: ["turnover", "umsatz", "income"],
  annual: ["yearly", "jahres", "anual", "annuel", "year"],
  amount: ["value", "betrag", "montant", "monto", "worth", "price"],
  close: ["closing", "closure", "abschluss", "cierre"],
  date: ["dt", "datum", "fecha", "day"],
  expected: ["target", "planned", "forecast", "estimated", "est"],
  owner: ["rep", "representative", "assigned", "assignee", "salesperson", "responsible"],
  source: ["origin", "channel", "herkunft", "quelle", "fuente"],
  lead: ["prospect"],
  deal: ["opportunity", "oppty"],
  linkedin: ["li"],
  twitter: ["x"],
  facebook: ["fb"],
  timezone: ["tz"],
  description: ["desc", "details", "beschreibung", "notes", "note", "comments", "comment", "remarks", "memo"],
  sku: ["productcode", "itemcode", "article", "artikelnummer", "partnumber"],
  unit: ["per", "each"],
  subject: ["topic", "betreff", "asunto", "objet"],
  location: ["venue", "place", "lieu", "room"],
  start: ["begin", "beginning", "from", "von"],
  end: ["finish", "until", "to", "bis"],
  currency: ["ccy", "waehrung", "devise", "moneda"],
  probability: ["likelihood", "chance", "wahrscheinlichkeit", "prob"],
  stage: ["phase", "step"],
  parent: ["mother", "holding", "ultimate"],
  created: ["creation", "erstellt", "angelegt"],
  updated: ["modified", "changed", "geaendert", "lastmodified"],
  percent: ["pct", "percentage", "prozent", "pourcentage"],
};

/**
 * Words that qualify a name without changing its meaning ("LinkedIn URL" is LinkedIn, "Tax ID"
 * is the tax number). Two names whose other words agree are taken as the same field.
 */
export const GENERIC_WORDS = new Set(["number", "id", "type", "code", "name", "website", "percent", "handle", "profile", "username", "link"]);

/** Words that carry no meaning of their own in a field name. */
export const NOISE_WORDS = new Set([
  "the", "of", "a", "de", "du", "der", "die", "das", "la", "le", "el", "del", "des", "primary",
  "main", "field", "info", "information", "contact", "current", "default", "std",
]);

/** Leading tokens that only say "this is custom" (vp_, cust_, x_...). */
export const PREFIX_TOKENS = new Set(["vp", "cust", "custom", "x", "cf", "c", "usr", "fld", "prop", "z", "my", "u", "udf"]);

/** Field meanings, each named by one or more phrases of canonical words. */
export const CONCEPTS: Record<string, string[][]> = {
  first_name: [["first", "name"], ["first"]],
  last_name: [["last", "name"], ["last"]],
  full_name: [["name"], ["full", "name"], ["company", "name"]],
  job_title: [["job", "title"], ["title"], ["job"]],
  email: [["email"], ["email", "address"], ["work", "email"]],
  work_phone: [["phone"], ["work", "phone"], ["work"], ["phone", "number"], ["work", "number"], ["work", "phone", "number"]],
  mobile: [["mobile"], ["mobile", "phone"], ["mobile", "number"], ["mobile", "phone", "number"]],
  street: [["street"], ["address"], ["street", "address"], ["address", "street"]],
  city: [["city"], ["address", "city"]],
  state: [["state"], ["address", "state"]],
  zip: [["zip"], ["postal", "code"], ["zip", "code"], ["postal"], ["address", "zip"], ["address", "postal", "code"]],
  country: [["country"], ["address", "country"]],
  website: [["website"], ["website", "address"], ["company", "website"]],
  industry: [["industry"], ["industry", "type"]],
  employees: [["employees"], ["employees", "count"], ["number", "employees"], ["count", "employees"]],
  annual_revenue: [["annual", "revenue"], ["revenue"]],
  amount: [["amount"], ["deal", "amount"]],
  expected_close: [["expected", "close"], ["close", "date"], ["expected", "close", "date"]],
  lead_source: [["lead", "source"], ["source"]],
  linkedin: [["linkedin"]],
  twitter: [["twitter"]],
  facebook: [["facebook"]],
  time_zone: [["timezone"], ["time", "zone"]],
  description: [["description"]],
  sku: [["sku"], ["product", "code"], ["sku", "code"]],
  unit_price: [["unit", "amount"], ["amount"], ["list", "amount"]],
  subject: [["subject"], ["title"]],
  location: [["location"]],
  start_time: [["start"], ["start", "date"], ["from", "date"], ["start", "time"]],
  end_time: [["end"], ["end", "date"], ["end", "time"]],
  currency: [["currency"]],
  probability: [["probability"]],
  parent_account: [["parent", "company"], ["parent"]],
};

/**
 * The Freshsales standard field each concept lands on, per destination entity. Destination
 * names are matched through this table first, then by their own label.
 */
export const CONCEPT_FIELDS: Record<string, Partial<Record<string, string>>> = {
  first_name: { contacts: "first_name", leads: "first_name" },
  last_name: { contacts: "last_name", leads: "last_name" },
  full_name: { sales_accounts: "name", deals: "name", products: "name" },
  job_title: { contacts: "job_title", leads: "job_title" },
  email: { contacts: "emails", leads: "email" },
  work_phone: { contacts: "work_number", leads: "work_number", sales_accounts: "phone" },
  mobile: { contacts: "mobile_number", leads: "mobile_number" },
  street: { contacts: "address", leads: "address", sales_accounts: "address" },
  city: { contacts: "city", leads: "city", sales_accounts: "city" },
  state: { contacts: "state", leads: "state", sales_accounts: "state" },
  zip: { contacts: "zipcode", leads: "zipcode", sales_accounts: "zipcode" },
  country: { contacts: "country", leads: "country", sales_accounts: "country" },
  website: { sales_accounts: "website" },
  industry: { sales_accounts: "industry_type_id" },
  employees: { sales_accounts: "number_of_employees" },
  annual_revenue: { sales_accounts: "annual_revenue" },
  amount: { deals: "amount" },
  expected_close: { deals: "expected_close" },
  lead_source: { contacts: "lead_source_id", leads: "lead_source_id" },
  linkedin: { contacts: "linkedin", leads: "linkedin" },
  twitter: { contacts: "twitter", leads: "twitter" },
  facebook: { contacts: "facebook", leads: "facebook" },
  time_zone: { contacts: "time_zone", leads: "time_zone" },
  description: { products: "description", tasks: "description", appointments: "description", notes: "description" },
  sku: { products: "product_code" },
  unit_price: { products: "unit_price" },
  subject: { tasks: "title", appointments: "title" },
  location: { appointments: "location" },
  start_time: { appointments: "from_date" },
  end_time: { appointments: "end_date" },
  probability: { deals: "probability" },
};
