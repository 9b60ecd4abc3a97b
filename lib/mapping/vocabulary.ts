/**
 * CRM vocabulary for name matching, kept as data in this one file. Two levels, so that a new
 * spelling only needs one entry: WORD_GROUPS folds words that mean the same thing (in English,
 * French, Spanish, German and Portuguese, accents folded) onto one canonical word; CONCEPTS
 * lists the phrases, in canonical words, that name one field meaning. PHRASES rewrites idioms
 * whose words mean something else one by one ("raison sociale" is the company name).
 *
 * Sources, from general knowledge of them rather than from any fixture: the standard field
 * labels of Salesforce, HubSpot, Pipedrive, Zoho CRM, Dynamics 365 and Freshsales in their
 * English, French, Spanish, German and Portuguese localisations; the export column names of
 * Salesforce (Mailing/Billing address parts, "Acct", "Opp"); ordinary bilingual dictionaries
 * for the business words; and the common abbreviations of CRM and ERP field names (acct, amt,
 * mgr, qty, no./nr./n°).
 *
 * The labelled fixture's hold-out parts share no names with this file (a test checks it): they
 * measure what the fuzzy rules in name-similarity.ts add, not what this list already knows. The
 * bench's CRM exports (bench/crm-exports.ts) were written as exports, not copied from here.
 */

/** Canonical word -> words, spellings and abbreviations that mean it. The canonical word is listed implicitly. */
export const WORD_GROUPS: Record<string, string[]> = {
  phone: ["telephone", "tel", "telefon", "telefono", "telefone", "fon", "phonenumber", "ph", "phon", "fone"],
  mobile: ["cell", "cellular", "cellphone", "handy", "mobil", "movil", "portable", "gsm", "telemovel", "celular", "portatil"],
  work: ["office", "business", "direct", "bureau", "buero", "dienstlich", "arbeit", "oficina", "geschaftlich", "comercial", "commercial", "professionnel", "profesional", "profissional", "pro"],
  home: ["domicile", "residencial", "privat", "casa", "particular", "personnel", "personal"],
  fax: ["telecopie", "telefax", "facsimile"],
  number: ["no", "nr", "num", "nummer", "numero", "nbr", "nro", "nb"],
  zip: ["zipcode", "postcode", "plz", "postleitzahl", "cp", "cep"],
  postal: ["post", "postale", "postales"],
  code: ["codigo", "kode", "cod"],
  reference: ["referencia"],
  company: ["organisation", "organization", "org", "account", "acct", "acc", "firm", "firma", "firmen", "employer", "societe", "empresa", "unternehmen", "enterprise", "entreprise", "compania", "cuenta", "conta", "compte", "konto", "gesellschaft", "sociedad", "sociedade"],
  customer: ["client", "cliente", "kunde", "kunden", "clientes", "clients"],
  name: ["nom", "nombre", "nome", "naam", "nm", "bezeichnung", "denominacion", "denominacao"],
  first: ["given", "fore", "vorname", "prenom", "fname", "primeiro", "primer", "pila"],
  last: ["family", "sur", "surname", "nachname", "apellido", "apellidos", "lname", "sobrenome", "apelido", "famille", "familia", "familienname"],
  title: ["position", "role", "designation", "occupation", "jobtitle", "poste", "cargo", "funktion", "berufsbezeichnung", "titel", "fonction", "puesto", "funcao"],
  job: ["beruf", "profession", "metier"],
  email: ["mail", "e", "courriel", "correo", "emailaddress", "electronico", "electronique", "eletronico", "elektronisch"],
  address: ["adresse", "direccion", "indirizzo", "anschrift", "addr", "endereco", "morada", "domicilio"],
  street: ["strasse", "rue", "calle", "via", "line1", "street1", "rua", "hausnummer", "str"],
  city: ["town", "ort", "stadt", "ville", "ciudad", "citta", "locality", "cidade", "localidade", "localite", "municipio", "commune", "poblacion", "gemeinde"],
  state: ["province", "region", "county", "bundesland", "provincia", "provinz", "estado", "distrito", "kanton", "canton", "regiao"],
  country: ["land", "pays", "pais", "nation", "ctry"],
  website: ["web", "url", "homepage", "site", "webseite", "domain", "www", "internet", "pagina", "sitio", "webpage"],
  industry: ["sector", "branche", "vertical", "industrie", "secteur", "setor", "ramo", "rubro", "activite", "actividad", "atividade", "ind"],
  employees: ["employee", "staff", "headcount", "mitarbeiter", "employes", "empleados", "workforce", "effectif", "effectifs", "funcionarios", "colaboradores", "salaries", "beschaftigte", "emp", "empl"],
  count: ["size", "cnt", "anzahl", "quantity", "qty", "cantidad", "quantidade", "quantite", "menge"],
  revenue: ["turnover", "umsatz", "income", "facturacion", "faturamento", "faturacao", "ingresos", "receita", "rev"],
  annual: ["yearly", "jahres", "anual", "annuel", "annuelle", "year", "jahrlich", "yr"],
  amount: ["value", "betrag", "montant", "monto", "worth", "price", "importe", "valor", "valeur", "wert", "amt", "prix", "precio", "preco", "preis"],
  close: ["closing", "closure", "abschluss", "cierre", "cloture", "fecho", "fechamento", "encerramento"],
  date: ["dt", "datum", "fecha", "day", "data"],
  expected: ["target", "planned", "forecast", "estimated", "est", "prevue", "prevu", "prevista", "previsto", "voraussichtlich", "erwartet", "geplant", "estimada", "estimado"],
  owner: ["rep", "representative", "assigned", "assignee", "salesperson", "responsible", "proprietaire", "propietario", "proprietario", "responsable", "responsavel", "verantwortlicher", "verantwortlich", "zustandig", "zustandiger", "besitzer", "inhaber", "gestor", "manager", "mgr", "vendedor", "vendeur", "betreuer", "asignado", "atribuido", "attribue"],
  source: ["origin", "channel", "herkunft", "quelle", "fuente", "origine", "origen", "origem", "fonte"],
  lead: ["prospect"],
  deal: ["opportunity", "oppty", "opp", "opps", "affaire", "negocio", "oportunidad", "oportunidade", "geschaft", "geschafts", "verkaufschance", "opportunite"],
  sales: ["vente", "ventes", "venta", "ventas", "vendas", "vertrieb", "vertriebs", "verkauf"],
  pipeline: ["funil", "embudo", "trichter", "entonnoir", "funnel"],
  stage: ["phase", "step", "etape", "etapa", "fase", "stg", "estagio", "paso", "passo", "schritt"],
  next: ["prochaine", "prochain", "proximo", "proxima", "nachster", "naechster", "nachste"],
  status: ["statut", "estatus", "situacao", "situacion"],
  lifecycle: ["lebenszyklus", "cycle"],
  reason: ["motif", "motivo", "raison", "grund", "razon", "rsn"],
  lost: ["loss", "perte", "perdida", "perda", "verlust", "perdu", "perdido"],
  type: ["tipo", "art", "typ", "genre", "kind"],
  tier: ["level", "niveau", "nivel", "stufe"],
  service: ["servicio", "servico", "svc", "dienstleistung"],
  language: ["langue", "idioma", "lingua", "lang", "idiom"],
  birth: ["naissance", "nacimiento", "nascimento", "geburt", "birthdate", "birthday", "geburtstag", "natalicio"],
  tax: ["vat", "tva", "iva", "ust", "mwst", "nif", "cif", "nipc", "steuer", "steuernummer", "impuesto", "imposto"],
  registration: ["siret", "siren", "handelsregister", "registro", "registre", "kvk", "rcs"],
  classification: ["naf", "ape", "sic", "cae", "cnae", "nace"],
  legal: ["juridique", "juridica", "juridico", "rechtsform", "forme"],
  salutation: ["civilite", "tratamiento", "tratamento", "saudacao", "honorific"],
  department: ["dept", "departamento", "abteilung", "dpto"],
  competitor: ["concurrent", "competidor", "concorrente", "wettbewerber", "konkurrent", "rival"],
  order: ["commande", "pedido", "encomenda", "bestellung", "po"],
  consent: ["consentement", "einwilligung", "consentimento", "consentimiento", "optin", "opt"],
  payment: ["pago", "paiement", "pagamento", "zahlung"],
  category: ["categorie", "categoria", "kategorie", "cat"],
  stock: ["inventory", "lager", "lagerbestand", "estoque", "existencias", "inventaire"],
  foundation: ["fundacao", "fundacion", "grundung"],
  linkedin: ["li"],
  twitter: ["x"],
  facebook: ["fb"],
  timezone: ["tz", "zeitzone"],
  description: ["desc", "details", "beschreibung", "notes", "note", "comments", "comment", "remarks", "memo", "descripcion", "descricao", "remarques", "observaciones", "observacoes", "bemerkungen", "anmerkungen", "commentaires", "comentarios"],
  sku: ["productcode", "itemcode", "artikelnummer", "partnumber"],
  // An article is the item itself in the four other languages ("Artikelbezeichnung" is its name, "Artikelnummer" its code).
  product: ["produit", "producto", "produto", "produkt", "item", "article", "artikel", "articulo", "artigo"],
  unit: ["per", "each", "unitaire", "unitario", "einzel", "unidad", "unidade", "unite", "einheit"],
  active: ["actif", "activo", "ativo", "aktiv", "enabled"],
  subject: ["topic", "betreff", "asunto", "objet"],
  location: ["venue", "place", "lieu", "room"],
  start: ["begin", "beginning", "from", "von"],
  end: ["finish", "until", "to", "bis"],
  currency: ["ccy", "waehrung", "devise", "moneda", "moeda", "divisa", "curr", "cur"],
  probability: ["likelihood", "chance", "wahrscheinlichkeit", "prob", "probabilite", "probabilidad", "probabilidade"],
  parent: ["mother", "holding", "ultimate", "mere", "matriz", "mae", "mutter", "mutterfirma"],
  created: ["creation", "erstellt", "angelegt", "alta", "creado", "criado", "cree"],
  updated: ["modified", "changed", "geaendert", "lastmodified"],
  percent: ["pct", "percentage", "prozent", "pourcentage", "porcentaje", "porcentagem"],
  mailing: ["billing", "shipping", "delivery", "invoice", "livraison", "facturation", "envio", "entrega", "lieferung", "fiscal", "fiscale"],
};

/**
 * Idioms, in folded words, whose meaning is not the sum of their words; rewritten before the
 * words are folded ("raison sociale" is the company name, not a social reason).
 */
export const PHRASES: Record<string, string> = {
  "raison sociale": "company name",
  "razon social": "company name",
  "denominacao social": "company name",
  "nombre de pila": "first name",
  "nome proprio": "first name",
  "chiffre d affaires": "revenue",
  "fuseau horaire": "timezone",
  "zona horaria": "timezone",
  "fuso horario": "timezone",
  "maison mere": "parent company",
  "f nm": "first name",
  "l nm": "last name",
  "id nr": "id number",
  "idnr": "id number",
  "code naf": "classification code",
  "opt out": "consent",
};

/**
 * Words that qualify a name without changing its meaning ("LinkedIn URL" is LinkedIn, "Tax ID"
 * is the tax number). Two names whose other words agree are taken as the same field.
 */
export const GENERIC_WORDS = new Set(["number", "id", "type", "code", "name", "website", "percent", "handle", "profile", "username", "link"]);

/** Words that carry no meaning of their own in a field name. */
export const NOISE_WORDS = new Set([
  "the", "of", "a", "de", "du", "der", "die", "das", "la", "le", "el", "del", "des", "primary",
  "main", "field", "info", "information", "contact", "current", "default", "std", "ansprechpartner", "contacto", "contato",
  // Joining words of the five languages ("Grund für Verlust", "Straße und Hausnummer").
  "and", "und", "et", "y", "for", "fur", "pour", "para", "por", "do", "da", "dos", "d", "l", "im", "in", "at",
  // Words that only say "the usual one" or "before tax" ("Téléphone standard", "Montant HT").
  "total", "gesamt", "netto", "brutto", "net", "gross", "ht", "ttc", "standard", "zentrale", "central", "geral",
  "general", "principal", "haupt", "fixe", "fijo", "fixo", "festnetz", "landline", "intracommunautaire",
  "intracomunitario", "intracomunitaria", "preferred", "preferido", "preferida", "prefere", "preferee",
  "bevorzugt", "bevorzugte", "pref", "favorite",
]);

/**
 * Canonical words that qualify an address or a phone as one of several ("Billing City",
 * "Dirección fiscal"): set aside for matching, so the field can still land on the plain one,
 * but the match is never sure enough for the bulk accept, and it yields to an unqualified one.
 */
export const QUALIFIER_WORDS = new Set(["mailing"]);

/** Leading tokens that only say "this is custom" (vp_, cust_, x_...). */
export const PREFIX_TOKENS = new Set(["vp", "cust", "custom", "x", "cf", "c", "usr", "fld", "prop", "z", "my", "u", "udf"]);

/** Field meanings, each named by one or more phrases of canonical words. */
export const CONCEPTS: Record<string, string[][]> = {
  first_name: [["first", "name"], ["first"]],
  last_name: [["last", "name"], ["last"]],
  full_name: [["name"], ["full", "name"], ["company", "name"], ["deal", "name"], ["deal"], ["product", "name"], ["product"], ["title"]],
  account: [["company"], ["customer"]],
  owner: [["owner"], ["company", "owner"], ["deal", "owner"], ["customer", "owner"], ["sales", "owner"], ["lead", "owner"]],
  deal_stage: [["stage"], ["deal", "stage"], ["sales", "stage"]],
  pipeline: [["pipeline"], ["sales", "pipeline"], ["deal", "pipeline"]],
  lost_reason: [["lost", "reason"], ["lost"]],
  deal_type: [["deal", "type"]],
  account_type: [["company", "type"], ["customer", "type"], ["work", "type"]],
  status: [["status"]],
  lifecycle: [["lifecycle", "stage"], ["lifecycle"]],
  language: [["language"]],
  date_of_birth: [["birth", "date"], ["birth"]],
  tax_id: [["tax"], ["tax", "number"], ["tax", "id"]],
  active: [["active"]],
  job_title: [["job", "title"], ["title"], ["job"]],
  email: [["email"], ["email", "address"], ["work", "email"]],
  work_phone: [["phone"], ["work", "phone"], ["work"], ["phone", "number"], ["work", "number"], ["work", "phone", "number"]],
  // A work mobile is still the mobile ("Business mobile", "Handy geschäftlich").
  mobile: [["mobile"], ["mobile", "phone"], ["mobile", "number"], ["mobile", "phone", "number"], ["mobile", "work"], ["mobile", "phone", "work"], ["mobile", "number", "work"]],
  street: [["street"], ["address"], ["street", "address"], ["postal", "address"]],
  city: [["city"], ["address", "city"]],
  state: [["state"], ["address", "state"]],
  zip: [["zip"], ["postal", "code"], ["zip", "code"], ["postal"], ["address", "zip"], ["address", "postal", "code"], ["zip", "postal", "code"], ["zip", "postal"]],
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
  description: [["description"], ["product", "description"]],
  sku: [["sku"], ["product", "code"], ["sku", "code"], ["code"], ["reference"], ["product", "reference"], ["sku", "number"], ["product", "number"]],
  unit_price: [["unit", "amount"], ["amount"], ["list", "amount"]],
  subject: [["subject"], ["title"]],
  location: [["location"]],
  start_time: [["start"], ["start", "date"], ["from", "date"], ["start", "time"]],
  end_time: [["end"], ["end", "date"], ["end", "time"]],
  currency: [["currency"]],
  probability: [["probability"], ["probability", "percent"], ["win", "percent"], ["win", "probability"]],
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
  account: { contacts: "sales_accounts", deals: "sales_account_id", sales_accounts: "name" },
  owner: { contacts: "owner_id", leads: "owner_id", sales_accounts: "owner_id", deals: "owner_id" },
  deal_stage: { deals: "deal_stage_id" },
  pipeline: { deals: "deal_pipeline_id" },
  currency: { deals: "currency_id", products: "currency_code" },
  parent_account: { sales_accounts: "parent_sales_account_id" },
  lost_reason: { deals: "deal_reason_id" },
  deal_type: { deals: "deal_type_id" },
  account_type: { sales_accounts: "business_type_id" },
  status: { contacts: "contact_status_id", tasks: "status" },
  lifecycle: { contacts: "lifecycle_stage_id" },
  active: { products: "is_active" },
};
