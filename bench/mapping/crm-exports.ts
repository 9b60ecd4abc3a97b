/**
 * The bench's labelled fixture: the column headers of five CRM exports (English, French,
 * Spanish, German, Portuguese) as an admin would upload them, each labelled with the answer a
 * careful Freshsales admin would give. Written as exports, not from the vocabulary: the
 * vocabulary (vocabulary.ts) is built from the general word lists it names, and this file is
 * never used by the engine's own tests, so the bench measures names the engine has not seen.
 *
 * Every export is proposed in one run, as one source schema, with the evidence the inventory
 * would give for it (its users' emails, its company names, its pipelines and stages).
 */
import type { FreshsalesFieldType, SourceObject } from "@/lib/inventory/types";
import type { EvidenceContext } from "@/lib/mapping/value-evidence";
import type { Expected, LabelledField } from "@/test/fixtures/mapping/labelled-fields";
import { type ProfileFacts, makeProfile } from "@/test/fixtures/mapping/make-profile";
import type { DestinationEntity } from "@/lib/mapping/schemas";

type Row = [header: string, type: FreshsalesFieldType, expect: string | "create" | "skip", facts?: ProfileFacts];

export interface CrmExport {
  name: string;
  fields: LabelledField[];
  context: EvidenceContext;
}

const ENTITY: Partial<Record<SourceObject, DestinationEntity>> = { company: "sales_accounts", contact: "contacts", deal: "deals", product: "products" };

/** A header becomes a custom-property key the way an import would slug it ("Code postal" -> code_postal). */
function keyOf(header: string): string {
  return header.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

export function exportOf(name: string, context: EvidenceContext, objects: Partial<Record<SourceObject, Row[]>>): CrmExport {
  const fields = Object.entries(objects).flatMap(([object, rows]) =>
    (rows ?? []).map(([header, type, expect, facts]): LabelledField => {
      const o = object as SourceObject;
      const e: Expected = expect === "create" ? { create: true } : expect === "skip" ? { skip: true } : { field: expect };
      return { profile: makeProfile(o, `custom_properties.${keyOf(header)}`, type, { label: header, ...facts }), entity: ENTITY[o] ?? "contacts", expect: e };
    }),
  );
  return { name, fields, context };
}

const TODAY = "2026-12-01";
const FUTURE = ["2027-01-15", "2027-02-28", "2027-03-31", "2027-06-30"];
const PAST = ["2019-03-12", "2021-07-01", "2015-11-20"];
const CURRENCIES = ["EUR", "USD", "GBP"];
const PROBABILITIES = ["10", "25", "50", "75", "90", "100"];
const INDUSTRY = ["Healthcare", "Dental", "Consulting", "Legal"];
const ACCOUNT_TYPE = ["Customer", "Partner", "Prospect"];
const LEAD_SOURCE = ["Web", "Referral", "Trade show", "Cold call"];
const LOST = ["Price", "Competitor", "No budget"];
const DEAL_TYPE = ["New business", "Renewal", "Upsell"];
const TIER = ["Basic", "Standard", "Premium"];
const STATUS = ["New", "Contacted", "Interested"];
const LIFECYCLE = ["Lead", "Customer"];
const BOOL = ["true", "false"];

// ---------------------------------------------------------------- English (Salesforce-style)
const EN_USERS = ["j.hart@northwind-dental.com", "p.singh@northwind-dental.com", "m.obrien@northwind-dental.com"];
const EN_COMPANIES = ["Riverside Dental Group", "Oakwood Physio Ltd", "Brightsmile Clinic", "Harbour Vets LLP"];
const EN_STAGES = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won"];
const EN_PIPELINES = ["New Clinics", "Renewals"];
const english = exportOf(
  "english (salesforce-style abbreviations)",
  { userEmails: EN_USERS, companyNames: EN_COMPANIES, stageNames: EN_STAGES, pipelineNames: EN_PIPELINES, today: TODAY },
  {
    contact: [
      ["f_nm", "text", "first_name", { values: ["Anna", "Tom", "Priya"] }],
      ["l_nm", "text", "last_name", { values: ["Hart", "Singh", "O'Brien"] }],
      ["Email Addr", "email", "emails"],
      ["Office Ph.", "phone", "work_number"],
      ["Cell #", "phone", "mobile_number"],
      ["Fax #", "phone", "create"],
      ["Title/Role", "text", "job_title", { values: ["Practice Manager", "Dentist", "Receptionist"] }],
      ["Mailing Street", "text", "address", { values: ["12 High St", "4 Mill Lane"] }],
      ["Mailing City", "text", "city", { values: ["Leeds", "York", "Hull"] }],
      ["Mailing State/Province", "text", "state", { values: ["West Yorkshire", "North Yorkshire"] }],
      ["Mailing Zip/Postal Code", "text", "zipcode", { values: ["LS1 4AP", "YO1 7HH"] }],
      ["Mailing Country", "text", "country", { values: ["United Kingdom", "Ireland"] }],
      ["Acct", "text", "sales_accounts", { values: EN_COMPANIES }],
      ["Contact Owner", "email", "owner_id", { values: EN_USERS }],
      ["Lead Src", "dropdown", "lead_source_id", { values: LEAD_SOURCE }],
      ["Birthdate", "date", "cf_date_of_birth", { values: PAST, sensitive: "date of birth" }],
      ["Pref. Lang.", "dropdown", "cf_preferred_language", { values: ["English", "French", "German"] }],
      ["LinkedIn Profile URL", "url", "linkedin", { values: ["https://www.linkedin.com/in/annahart"] }],
      ["Twitter Handle", "text", "twitter", { values: ["@annahart"] }],
      ["Salutation", "dropdown", "create", { values: ["Mr.", "Ms.", "Dr."] }],
      ["Dept.", "text", "create", { values: ["Front desk", "Clinical", "Accounts"] }],
      ["Asst. Name", "text", "create", { values: ["Jo Bell", "Sam Reed"] }],
      ["Do Not Call", "checkbox", "create", { values: BOOL }],
      ["Email Opt Out", "checkbox", "create", { values: BOOL }],
      ["Time Zone", "dropdown", "time_zone", { values: ["London", "Berlin"] }],
    ],
    company: [
      ["Acct Name", "text", "name", { values: EN_COMPANIES }],
      ["Acct Owner", "email", "owner_id", { values: EN_USERS }],
      ["Acct Type", "dropdown", "business_type_id", { values: ACCOUNT_TYPE }],
      ["Ph.", "phone", "phone"],
      ["Web", "url", "website"],
      ["Billing Street", "text", "address", { values: ["12 High St", "Unit 4, Park Road"] }],
      ["Billing City", "text", "city", { values: ["Leeds", "Hull"] }],
      ["Billing State", "text", "state", { values: ["West Yorkshire"] }],
      ["Billing Zip", "text", "zipcode", { values: ["LS1 4AP"] }],
      ["Billing Country", "text", "country", { values: ["United Kingdom"] }],
      ["Annual Rev.", "number", "annual_revenue", { values: ["1200000", "450000", "3100000"] }],
      ["# Employees", "number", "number_of_employees", { values: ["12", "40", "7"] }],
      ["Ind.", "dropdown", "industry_type_id", { values: INDUSTRY }],
      ["Parent Acct", "text", "parent_sales_account_id", { values: EN_COMPANIES.slice(0, 2) }],
      ["VAT No.", "text", "cf_tax_id", { values: ["GB123456789", "GB987654321"] }],
      ["SIC Code", "text", "create", { values: ["86230", "86900"] }],
      ["Rating", "dropdown", "create", { values: ["Hot", "Warm", "Cold"] }],
      ["No. of Chairs", "number", "create", { values: ["3", "8", "12"] }],
      ["Cust. Since", "date", "create", { values: PAST }],
    ],
    deal: [
      ["Opp Name", "text", "name", { values: ["Riverside - imaging suite", "Oakwood renewal 2027"] }],
      ["Amt", "number", "amount", { values: ["12000", "4500", "30000"] }],
      ["Curr.", "dropdown", "currency_id", { values: CURRENCIES }],
      ["Close Dt", "date", "expected_close", { values: FUTURE }],
      ["Stg", "dropdown", "deal_stage_id", { values: EN_STAGES }],
      ["Win %", "number", "probability", { values: PROBABILITIES }],
      ["Acct Mgr", "email", "owner_id", { values: EN_USERS }],
      ["Account", "text", "sales_account_id", { values: EN_COMPANIES }],
      ["Pipeline", "dropdown", "deal_pipeline_id", { values: EN_PIPELINES }],
      ["Opp Type", "dropdown", "deal_type_id", { values: DEAL_TYPE }],
      ["Lost Rsn", "dropdown", "deal_reason_id", { values: LOST }],
      ["Svc Tier", "dropdown", "cf_service_tier", { values: TIER }],
      ["Next Step", "text", "create", { values: ["Send quote", "Book demo"] }],
      ["Competitor", "text", "create", { values: ["Dentrix", "SOE"] }],
      ["Forecast Cat.", "dropdown", "create", { values: ["Pipeline", "Best Case", "Commit"] }],
      ["PO #", "text", "create", { values: ["PO-1182", "PO-1190"] }],
    ],
    product: [
      ["Product Name", "text", "name", { values: ["Implant kit", "Whitening tray"] }],
      ["Prod. Code", "text", "product_code", { values: ["IMP-01", "WHT-02"] }],
      ["List Price", "number", "unit_price", { values: ["120", "35.5"] }],
      ["Prod. Desc.", "paragraph", "description"],
      ["Active?", "checkbox", "is_active", { values: BOOL }],
      ["Family", "dropdown", "skip", { values: ["Consumables", "Equipment"] }],
      ["Qty in Stock", "number", "skip", { values: ["10", "0", "4"] }],
    ],
  },
);

// ---------------------------------------------------------------- French
const FR_USERS = ["c.martin@cabinet-lumiere.fr", "l.bernard@cabinet-lumiere.fr", "s.petit@cabinet-lumiere.fr"];
const FR_COMPANIES = ["Centre Dentaire du Parc", "Kiné Santé Lyon", "Clinique Vétérinaire des Alpes", "Cabinet Dupont & Associés"];
const FR_STAGES = ["Découverte", "Qualification", "Proposition envoyée", "Négociation", "Gagnée"];
const FR_PIPELINES = ["Nouveaux cabinets", "Renouvellements"];
const french = exportOf(
  "french",
  { userEmails: FR_USERS, companyNames: FR_COMPANIES, stageNames: FR_STAGES, pipelineNames: FR_PIPELINES, today: TODAY },
  {
    contact: [
      ["Prénom", "text", "first_name", { values: ["Claire", "Luc", "Sophie"] }],
      ["Nom", "text", "last_name", { values: ["Martin", "Bernard", "Petit"] }],
      ["Adresse e-mail", "email", "emails"],
      ["Téléphone fixe", "phone", "work_number"],
      ["Tél. mobile", "phone", "mobile_number"],
      ["Télécopie", "phone", "create"],
      ["Fonction", "text", "job_title", { values: ["Gérant", "Assistante dentaire", "Chirurgien-dentiste"] }],
      ["Adresse", "text", "address", { values: ["12 rue de la Paix", "3 avenue Foch"] }],
      ["Ville", "text", "city", { values: ["Lyon", "Grenoble", "Annecy"] }],
      ["Code postal", "text", "zipcode", { values: ["69002", "38000"] }],
      ["Pays", "text", "country", { values: ["France", "Belgique"] }],
      ["Région", "text", "state", { values: ["Auvergne-Rhône-Alpes", "Île-de-France"] }],
      ["Société", "text", "sales_accounts", { values: FR_COMPANIES }],
      ["Propriétaire", "email", "owner_id", { values: FR_USERS }],
      ["Origine du contact", "dropdown", "lead_source_id", { values: LEAD_SOURCE }],
      ["Date de naissance", "date", "cf_date_of_birth", { values: PAST, sensitive: "date of birth" }],
      ["Langue", "dropdown", "cf_preferred_language", { values: ["French", "English"] }],
      ["Profil LinkedIn", "url", "linkedin", { values: ["https://www.linkedin.com/in/clairemartin"] }],
      ["Civilité", "dropdown", "create", { values: ["M.", "Mme", "Dr"] }],
      ["Service", "text", "create", { values: ["Accueil", "Comptabilité"] }],
      ["Statut", "dropdown", "contact_status_id", { values: STATUS }],
      ["Consentement RGPD", "checkbox", "create", { values: BOOL }],
      ["Remarques", "paragraph", "create"],
      ["Fuseau horaire", "dropdown", "time_zone", { values: ["Paris", "London"] }],
    ],
    company: [
      ["Raison sociale", "text", "name", { values: FR_COMPANIES }],
      ["Site internet", "url", "website"],
      ["Téléphone standard", "phone", "phone"],
      ["Adresse postale", "text", "address", { values: ["12 rue de la Paix"] }],
      ["Ville", "text", "city", { values: ["Lyon", "Paris"] }],
      ["Code postal", "text", "zipcode", { values: ["69002"] }],
      ["Pays", "text", "country", { values: ["France"] }],
      ["Secteur d'activité", "dropdown", "industry_type_id", { values: INDUSTRY }],
      ["Effectif", "number", "number_of_employees", { values: ["12", "40", "7"] }],
      ["Chiffre d'affaires", "number", "annual_revenue", { values: ["1200000", "450000"] }],
      ["N° TVA intracommunautaire", "text", "cf_tax_id", { values: ["FR40303265045", "FR23334175221"] }],
      ["SIRET", "text", "create", { values: ["73282932000074", "35600000000048"] }],
      ["Code NAF", "text", "create", { values: ["8623Z", "8690E"] }],
      ["Maison mère", "text", "parent_sales_account_id", { values: FR_COMPANIES.slice(0, 2) }],
      ["Responsable du compte", "email", "owner_id", { values: FR_USERS }],
      ["Type de compte", "dropdown", "business_type_id", { values: ACCOUNT_TYPE }],
      ["Date de création", "date", "create", { values: PAST }],
      ["Forme juridique", "dropdown", "create", { values: ["SARL", "SAS", "SELARL"] }],
    ],
    deal: [
      ["Nom de l'affaire", "text", "name", { values: ["Centre du Parc - radiologie", "Renouvellement Kiné Santé"] }],
      ["Montant HT", "number", "amount", { values: ["12000", "4500"] }],
      ["Devise", "dropdown", "currency_id", { values: CURRENCIES }],
      ["Date de clôture prévue", "date", "expected_close", { values: FUTURE }],
      ["Étape", "dropdown", "deal_stage_id", { values: FR_STAGES }],
      ["Probabilité (%)", "number", "probability", { values: PROBABILITIES }],
      ["Commercial", "email", "owner_id", { values: FR_USERS }],
      ["Compte", "text", "sales_account_id", { values: FR_COMPANIES }],
      ["Pipeline de vente", "dropdown", "deal_pipeline_id", { values: FR_PIPELINES }],
      ["Motif de perte", "dropdown", "deal_reason_id", { values: LOST }],
      ["Type d'affaire", "dropdown", "deal_type_id", { values: DEAL_TYPE }],
      ["Source", "dropdown", "lead_source_id", { values: LEAD_SOURCE }],
      ["Prochaine étape", "text", "create", { values: ["Relancer", "Envoyer le devis"] }],
      ["Concurrent", "text", "create", { values: ["Logos", "Julie"] }],
      ["Niveau de service", "dropdown", "cf_service_tier", { values: TIER }],
      ["N° de bon de commande", "text", "create", { values: ["BC-2211", "BC-2212"] }],
    ],
    product: [
      ["Désignation", "text", "name", { values: ["Kit implant", "Gouttière"] }],
      ["Référence", "text", "product_code", { values: ["IMP-01", "GTR-02"] }],
      ["Prix unitaire HT", "number", "unit_price", { values: ["120", "35.5"] }],
      ["Description", "paragraph", "description"],
      ["Actif", "checkbox", "is_active", { values: BOOL }],
      ["Unité", "dropdown", "skip", { values: ["pièce", "boîte"] }],
      ["Taux de TVA", "number", "skip", { values: ["20", "5.5"] }],
    ],
  },
);

// ---------------------------------------------------------------- Spanish
const ES_USERS = ["a.garcia@clinicasol.es", "m.lopez@clinicasol.es", "j.fernandez@clinicasol.es"];
const ES_COMPANIES = ["Clínica Dental Sonrisa", "Fisioterapia Retiro SL", "Veterinaria Los Olivos", "Policlínica Mediterráneo"];
const ES_STAGES = ["Prospección", "Calificación", "Propuesta", "Negociación", "Ganada"];
const ES_PIPELINES = ["Clínicas nuevas", "Renovaciones"];
const spanish = exportOf(
  "spanish",
  { userEmails: ES_USERS, companyNames: ES_COMPANIES, stageNames: ES_STAGES, pipelineNames: ES_PIPELINES, today: TODAY },
  {
    contact: [
      ["Nombre de pila", "text", "first_name", { values: ["Ana", "Miguel", "Lucía"] }],
      ["Apellidos", "text", "last_name", { values: ["García López", "Fernández"] }],
      ["Correo electrónico", "email", "emails"],
      ["Teléfono oficina", "phone", "work_number"],
      ["Teléfono móvil", "phone", "mobile_number"],
      ["Cargo", "text", "job_title", { values: ["Gerente", "Higienista", "Odontóloga"] }],
      ["Dirección", "text", "address", { values: ["Calle Mayor 12", "Av. de América 3"] }],
      ["Ciudad", "text", "city", { values: ["Madrid", "Valencia"] }],
      ["Código postal", "text", "zipcode", { values: ["28013", "46001"] }],
      ["Provincia", "text", "state", { values: ["Madrid", "Valencia"] }],
      ["País", "text", "country", { values: ["España", "Portugal"] }],
      ["Empresa", "text", "sales_accounts", { values: ES_COMPANIES }],
      ["Propietario", "email", "owner_id", { values: ES_USERS }],
      ["Origen", "dropdown", "lead_source_id", { values: LEAD_SOURCE }],
      ["Idioma", "dropdown", "cf_preferred_language", { values: ["Spanish", "English"] }],
      ["Fecha nacimiento", "date", "cf_date_of_birth", { values: PAST, sensitive: "date of birth" }],
      ["DNI/NIE", "text", "create", { values: ["12345678Z", "X1234567L"], sensitive: "national id" }],
      ["Tratamiento", "dropdown", "create", { values: ["Sr.", "Sra.", "Dr."] }],
      ["Departamento", "text", "create", { values: ["Recepción", "Administración"] }],
      ["Acepta comunicaciones", "checkbox", "create", { values: BOOL }],
      ["Observaciones", "paragraph", "create"],
      ["Estado del contacto", "dropdown", "contact_status_id", { values: STATUS }],
    ],
    company: [
      ["Razón social", "text", "name", { values: ES_COMPANIES }],
      ["CIF", "text", "cf_tax_id", { values: ["B12345678", "A87654321"] }],
      ["Página web", "url", "website"],
      ["Teléfono", "phone", "phone"],
      ["Dirección fiscal", "text", "address", { values: ["Calle Mayor 12"] }],
      ["Municipio", "text", "city", { values: ["Madrid", "Sevilla"] }],
      ["C.P.", "text", "zipcode", { values: ["28013"] }],
      ["País", "text", "country", { values: ["España"] }],
      ["Sector", "dropdown", "industry_type_id", { values: INDUSTRY }],
      ["Nº de empleados", "number", "number_of_employees", { values: ["12", "40"] }],
      ["Facturación anual", "number", "annual_revenue", { values: ["1200000", "450000"] }],
      ["Empresa matriz", "text", "parent_sales_account_id", { values: ES_COMPANIES.slice(0, 2) }],
      ["Gestor de cuenta", "email", "owner_id", { values: ES_USERS }],
      ["Tipo de cliente", "dropdown", "business_type_id", { values: ACCOUNT_TYPE }],
      ["Fecha de alta", "date", "create", { values: PAST }],
      ["Forma de pago", "dropdown", "create", { values: ["Transferencia", "Domiciliación", "Tarjeta"] }],
      ["Número de sillones", "number", "create", { values: ["3", "8"] }],
    ],
    deal: [
      ["Nombre de la oportunidad", "text", "name", { values: ["Sonrisa - escáner intraoral", "Renovación Retiro"] }],
      ["Importe total", "number", "amount", { values: ["12000", "4500"] }],
      ["Moneda", "dropdown", "currency_id", { values: CURRENCIES }],
      ["Fecha de cierre prevista", "date", "expected_close", { values: FUTURE }],
      ["Fase", "dropdown", "deal_stage_id", { values: ES_STAGES }],
      ["Probabilidad", "number", "probability", { values: PROBABILITIES }],
      ["Comercial asignado", "email", "owner_id", { values: ES_USERS }],
      ["Cuenta", "text", "sales_account_id", { values: ES_COMPANIES }],
      ["Embudo", "dropdown", "deal_pipeline_id", { values: ES_PIPELINES }],
      ["Motivo de pérdida", "dropdown", "deal_reason_id", { values: LOST }],
      ["Tipo de oportunidad", "dropdown", "deal_type_id", { values: DEAL_TYPE }],
      ["Fuente", "dropdown", "lead_source_id", { values: LEAD_SOURCE }],
      ["Próximo paso", "text", "create", { values: ["Llamar", "Enviar presupuesto"] }],
      ["Competidor", "text", "create", { values: ["Gesden", "Clinic Cloud"] }],
      ["Nivel de servicio", "dropdown", "cf_service_tier", { values: TIER }],
      ["Nº de pedido", "text", "create", { values: ["PED-114", "PED-115"] }],
    ],
    product: [
      ["Nombre del producto", "text", "name", { values: ["Kit implante", "Férula"] }],
      ["Código", "text", "product_code", { values: ["IMP-01", "FER-02"] }],
      ["Precio unitario", "number", "unit_price", { values: ["120", "35.5"] }],
      ["Descripción", "paragraph", "description"],
      ["Activo", "checkbox", "is_active", { values: BOOL }],
      ["Categoría", "dropdown", "skip", { values: ["Consumibles", "Equipos"] }],
      ["IVA (%)", "number", "skip", { values: ["21", "10"] }],
    ],
  },
);

// ---------------------------------------------------------------- German
const DE_USERS = ["k.schmidt@praxisnetz.de", "t.mueller@praxisnetz.de", "a.weber@praxisnetz.de"];
const DE_COMPANIES = ["Zahnarztpraxis Dr. Keller", "Physiotherapie am Markt GmbH", "Tierklinik Nordheide", "MVZ Seestraße"];
const DE_STAGES = ["Erstkontakt", "Bedarfsanalyse", "Angebot", "Verhandlung", "Gewonnen"];
const DE_PIPELINES = ["Neukunden", "Bestandskunden"];
const german = exportOf(
  "german",
  { userEmails: DE_USERS, companyNames: DE_COMPANIES, stageNames: DE_STAGES, pipelineNames: DE_PIPELINES, today: TODAY },
  {
    contact: [
      ["Vorname", "text", "first_name", { values: ["Katrin", "Thomas", "Anja"] }],
      ["Nachname", "text", "last_name", { values: ["Schmidt", "Müller", "Weber"] }],
      ["E-Mail", "email", "emails"],
      ["Telefon geschäftlich", "phone", "work_number"],
      ["Mobilnummer", "phone", "mobile_number"],
      ["Faxnummer", "phone", "create"],
      ["Position", "text", "job_title", { values: ["Praxismanagerin", "Zahnarzt", "ZFA"] }],
      ["Straße", "text", "address", { values: ["Hauptstraße 12", "Am Markt 3"] }],
      ["PLZ", "text", "zipcode", { values: ["20095", "80331"] }],
      ["Ort", "text", "city", { values: ["Hamburg", "München"] }],
      ["Bundesland", "text", "state", { values: ["Hamburg", "Bayern"] }],
      ["Land", "text", "country", { values: ["Deutschland", "Österreich"] }],
      ["Firma", "text", "sales_accounts", { values: DE_COMPANIES }],
      ["Zuständiger Mitarbeiter", "email", "owner_id", { values: DE_USERS }],
      ["Lead-Quelle", "dropdown", "lead_source_id", { values: LEAD_SOURCE }],
      ["Geburtstag", "date", "cf_date_of_birth", { values: PAST, sensitive: "date of birth" }],
      ["Akademischer Titel", "dropdown", "create", { values: ["Dr.", "Prof.", "Dipl.-Ing."] }],
      ["Abteilung", "text", "create", { values: ["Empfang", "Buchhaltung"] }],
      ["Newsletter-Einwilligung", "checkbox", "create", { values: BOOL }],
      ["Bemerkungen", "paragraph", "create"],
      ["XING-Profil", "url", "create", { values: ["https://www.xing.com/profile/Katrin_Schmidt"] }],
      ["LinkedIn", "url", "linkedin", { values: ["https://www.linkedin.com/in/katrinschmidt"] }],
      ["Lebenszyklusphase", "dropdown", "lifecycle_stage_id", { values: LIFECYCLE }],
    ],
    company: [
      ["Firmenname", "text", "name", { values: DE_COMPANIES }],
      ["Webseite", "url", "website"],
      ["Telefonzentrale", "phone", "phone"],
      ["Straße und Hausnummer", "text", "address", { values: ["Hauptstraße 12"] }],
      ["PLZ", "text", "zipcode", { values: ["20095"] }],
      ["Stadt", "text", "city", { values: ["Hamburg"] }],
      ["Land", "text", "country", { values: ["Deutschland"] }],
      ["Branche", "dropdown", "industry_type_id", { values: INDUSTRY }],
      ["Anzahl Mitarbeiter", "number", "number_of_employees", { values: ["12", "40"] }],
      ["Jahresumsatz", "number", "annual_revenue", { values: ["1200000", "450000"] }],
      ["USt-IdNr.", "text", "cf_tax_id", { values: ["DE123456789", "DE987654321"] }],
      ["Handelsregisternummer", "text", "create", { values: ["HRB 12345", "HRB 67890"] }],
      ["Muttergesellschaft", "text", "parent_sales_account_id", { values: DE_COMPANIES.slice(0, 2) }],
      ["Kundenbetreuer", "email", "owner_id", { values: DE_USERS }],
      ["Kundentyp", "dropdown", "business_type_id", { values: ACCOUNT_TYPE }],
      ["Rechtsform", "dropdown", "create", { values: ["GmbH", "GbR", "e.K."] }],
      ["Kunde seit", "date", "create", { values: PAST }],
    ],
    deal: [
      ["Verkaufschance", "text", "name", { values: ["Keller - DVT", "Verlängerung Physio am Markt"] }],
      ["Betrag (netto)", "number", "amount", { values: ["12000", "4500"] }],
      ["Währung", "dropdown", "currency_id", { values: CURRENCIES }],
      ["Voraussichtliches Abschlussdatum", "date", "expected_close", { values: FUTURE }],
      ["Phase", "dropdown", "deal_stage_id", { values: DE_STAGES }],
      ["Wahrscheinlichkeit (%)", "number", "probability", { values: PROBABILITIES }],
      ["Verantwortlicher", "email", "owner_id", { values: DE_USERS }],
      ["Kunde", "text", "sales_account_id", { values: DE_COMPANIES }],
      ["Vertriebspipeline", "dropdown", "deal_pipeline_id", { values: DE_PIPELINES }],
      ["Grund für Verlust", "dropdown", "deal_reason_id", { values: LOST }],
      ["Art des Geschäfts", "dropdown", "deal_type_id", { values: DEAL_TYPE }],
      ["Quelle", "dropdown", "lead_source_id", { values: LEAD_SOURCE }],
      ["Nächster Schritt", "text", "create", { values: ["Nachfassen", "Angebot senden"] }],
      ["Wettbewerber", "text", "create", { values: ["Dampsoft", "CGM"] }],
      ["Servicestufe", "dropdown", "cf_service_tier", { values: TIER }],
      ["Bestellnummer", "text", "create", { values: ["BN-7781", "BN-7782"] }],
    ],
    product: [
      ["Produktname", "text", "name", { values: ["Implantat-Set", "Aufbissschiene"] }],
      ["Artikelnummer", "text", "product_code", { values: ["IMP-01", "AUF-02"] }],
      ["Einzelpreis", "number", "unit_price", { values: ["120", "35.5"] }],
      ["Produktbeschreibung", "paragraph", "description"],
      ["Aktiv", "checkbox", "is_active", { values: BOOL }],
      ["Mengeneinheit", "dropdown", "skip", { values: ["Stück", "Packung"] }],
      ["Lagerbestand", "number", "skip", { values: ["10", "0"] }],
    ],
  },
);

// ---------------------------------------------------------------- Portuguese
const PT_USERS = ["r.silva@clinicaviva.pt", "f.santos@clinicaviva.pt", "b.costa@clinicaviva.com.br"];
const PT_COMPANIES = ["Clínica Dentária Sorriso", "Fisio Saúde Lda", "Hospital Veterinário do Porto", "Odonto Vida Ltda"];
const PT_STAGES = ["Prospecção", "Qualificação", "Proposta enviada", "Negociação", "Ganho"];
const PT_PIPELINES = ["Novos clientes", "Renovações"];
const portuguese = exportOf(
  "portuguese",
  { userEmails: PT_USERS, companyNames: PT_COMPANIES, stageNames: PT_STAGES, pipelineNames: PT_PIPELINES, today: TODAY },
  {
    contact: [
      ["Primeiro nome", "text", "first_name", { values: ["Rita", "Fernando", "Beatriz"] }],
      ["Sobrenome", "text", "last_name", { values: ["Silva", "Santos", "Costa"] }],
      ["E-mail", "email", "emails"],
      ["Telefone comercial", "phone", "work_number"],
      ["Telemóvel", "phone", "mobile_number"],
      ["Telefone residencial", "phone", "create"],
      ["Cargo", "text", "job_title", { values: ["Diretora clínica", "Rececionista"] }],
      ["Morada", "text", "address", { values: ["Rua Augusta 12", "Av. da Liberdade 3"] }],
      ["Cidade", "text", "city", { values: ["Lisboa", "Porto"] }],
      ["Código postal", "text", "zipcode", { values: ["1100-048", "4000-322"] }],
      ["Distrito", "text", "state", { values: ["Lisboa", "Porto"] }],
      ["País", "text", "country", { values: ["Portugal", "Brasil"] }],
      ["Empresa", "text", "sales_accounts", { values: PT_COMPANIES }],
      ["Responsável", "email", "owner_id", { values: PT_USERS }],
      ["Origem do lead", "dropdown", "lead_source_id", { values: LEAD_SOURCE }],
      ["Data de nascimento", "date", "cf_date_of_birth", { values: PAST, sensitive: "date of birth" }],
      ["NIF", "text", "create", { values: ["123456789", "987654321"], sensitive: "tax id" }],
      ["Tratamento", "dropdown", "create", { values: ["Sr.", "Sra.", "Dr."] }],
      ["Departamento", "text", "create", { values: ["Receção", "Faturação"] }],
      ["Aceita marketing", "checkbox", "create", { values: BOOL }],
      ["Observações", "paragraph", "create"],
      ["Idioma preferido", "dropdown", "cf_preferred_language", { values: ["English", "Spanish"] }],
    ],
    company: [
      ["Nome da empresa", "text", "name", { values: PT_COMPANIES }],
      ["Site", "url", "website"],
      ["Telefone geral", "phone", "phone"],
      ["Endereço", "text", "address", { values: ["Rua Augusta 12"] }],
      ["Localidade", "text", "city", { values: ["Lisboa"] }],
      ["Código postal", "text", "zipcode", { values: ["1100-048"] }],
      ["País", "text", "country", { values: ["Portugal"] }],
      ["Setor de atividade", "dropdown", "industry_type_id", { values: INDUSTRY }],
      ["Número de funcionários", "number", "number_of_employees", { values: ["12", "40"] }],
      ["Faturamento anual", "number", "annual_revenue", { values: ["1200000", "450000"] }],
      ["NIPC", "text", "cf_tax_id", { values: ["501234567", "509876543"] }],
      ["Empresa-mãe", "text", "parent_sales_account_id", { values: PT_COMPANIES.slice(0, 2) }],
      ["Gestor da conta", "email", "owner_id", { values: PT_USERS }],
      ["Tipo de cliente", "dropdown", "business_type_id", { values: ACCOUNT_TYPE }],
      ["Data de fundação", "date", "create", { values: PAST }],
      ["CAE", "text", "create", { values: ["86230", "75000"] }],
      ["Número de consultórios", "number", "create", { values: ["3", "8"] }],
    ],
    deal: [
      ["Nome do negócio", "text", "name", { values: ["Sorriso - scanner intraoral", "Renovação Fisio Saúde"] }],
      ["Valor", "number", "amount", { values: ["12000", "4500"] }],
      ["Moeda", "dropdown", "currency_id", { values: ["EUR", "BRL", "USD"] }],
      ["Data prevista de fecho", "date", "expected_close", { values: FUTURE }],
      ["Etapa", "dropdown", "deal_stage_id", { values: PT_STAGES }],
      ["Probabilidade (%)", "number", "probability", { values: PROBABILITIES }],
      ["Vendedor", "email", "owner_id", { values: PT_USERS }],
      ["Conta", "text", "sales_account_id", { values: PT_COMPANIES }],
      ["Funil de vendas", "dropdown", "deal_pipeline_id", { values: PT_PIPELINES }],
      ["Motivo da perda", "dropdown", "deal_reason_id", { values: LOST }],
      ["Tipo de negócio", "dropdown", "deal_type_id", { values: DEAL_TYPE }],
      ["Fonte", "dropdown", "lead_source_id", { values: LEAD_SOURCE }],
      ["Próximo passo", "text", "create", { values: ["Ligar", "Enviar proposta"] }],
      ["Concorrente", "text", "create", { values: ["Newsoft", "Imaginasoft"] }],
      ["Nível de serviço", "dropdown", "cf_service_tier", { values: TIER }],
      ["Nº da encomenda", "text", "create", { values: ["ENC-311", "ENC-312"] }],
    ],
    product: [
      ["Nome do produto", "text", "name", { values: ["Kit implante", "Goteira"] }],
      ["Referência", "text", "product_code", { values: ["IMP-01", "GOT-02"] }],
      ["Preço unitário", "number", "unit_price", { values: ["120", "35.5"] }],
      ["Descrição", "paragraph", "description"],
      ["Ativo", "checkbox", "is_active", { values: BOOL }],
      ["Categoria", "dropdown", "skip", { values: ["Consumíveis", "Equipamento"] }],
      ["Stock", "number", "skip", { values: ["10", "0"] }],
    ],
  },
);

export const CRM_EXPORTS: CrmExport[] = [english, french, spanish, german, portuguese];
