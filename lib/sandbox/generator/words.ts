/** Small word lists: fixed here (not faker) so output never changes with a dependency bump. */
export const FIRST_NAMES = [
  "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "William",
  "Mia", "Benjamin", "Charlotte", "Lucas", "Amelia", "Henry", "Harper", "Theodore", "Evelyn",
  "Jack", "Abigail", "Samuel", "Emily", "Daniel", "Ella", "Michael", "Grace", "Owen", "Chloe",
  "Aisha", "Rahul", "Priya", "Mateo", "Lucia", "Kenji", "Yuki", "Fatima", "Omar", "Ingrid",
  "Sven", "Chiara", "Marco", "Nadia", "Pavel", "Zoe", "Caleb", "Hannah", "Leah", "Isaac",
];
export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
  "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
  "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
  "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill", "Patel", "Kim", "Okafor",
  "Schmidt", "Rossi", "Dubois", "Novak", "Haddad", "Tanaka", "Larsen", "O'Brien", "MacLeod",
];
/** Names that stress encodings: CJK, right-to-left, emoji, combining marks. */
export const UNICODE_NAMES: readonly (readonly [string, string])[] = [
  ["秀英", "王"],
  ["太郎", "山田"],
  ["지민", "박"],
  ["محمد", "العلي"],
  ["נועה", "כהן"],
  ["Zoë 😀", "Brontë"],
  ["Jose\u0301", "Nun\u0303ez"],
  ["Åsa", "Øvergård"],
  ["Zoe\u0308", "🏥 Clinic"],
  ["Đặng", "Thị Hương"],
];
export const CITIES = [
  ["Portland", "OR"], ["Austin", "TX"], ["Denver", "CO"], ["Boston", "MA"], ["Seattle", "WA"],
  ["Chicago", "IL"], ["Atlanta", "GA"], ["Phoenix", "AZ"], ["Madison", "WI"], ["Raleigh", "NC"],
  ["Columbus", "OH"], ["Tampa", "FL"], ["Omaha", "NE"], ["Boise", "ID"], ["Richmond", "VA"],
] as const;
export const STREETS = ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St", "Park Blvd",
  "Lake Rd", "Hill St", "River Rd", "Pine Ct", "Sunset Blvd", "Harbor Way"];
export const PRACTICE_WORDS = ["Riverside", "Summit", "Harbor", "Oakwood", "Evergreen", "Lakeside",
  "Northgate", "Cedar", "Bluebird", "Meridian", "Willow", "Granite", "Horizon", "Crescent"];
export const PRACTICE_KINDS = ["Family Practice", "Physiotherapy", "Dental Care", "Chiropractic",
  "Wellness Center", "Orthopedics", "Pediatrics", "Counseling Group", "Sports Medicine"];
export const EMPLOYER_KINDS = ["Logistics", "Manufacturing", "Foods", "Software", "Construction",
  "Retail Group", "Transit Authority", "School District", "Credit Union"];
export const INDUSTRIES = ["Healthcare", "Dental", "Physiotherapy", "Insurance", "Manufacturing",
  "Education", "Government", "Retail", "Technology", "Transportation"];
export const JOB_TITLES = ["Patient", "Office Manager", "HR Director", "Practice Owner",
  "Physiotherapist", "Dentist", "Nurse Practitioner", "Benefits Coordinator", "Referral Coordinator",
  "Billing Specialist", "Receptionist", "Chief Medical Officer"];
export const LIFECYCLE = ["prospect", "active_patient", "inactive_patient", "referrer", "client"];
export const SERVICES = ["Initial assessment", "Physiotherapy session", "Massage therapy",
  "Dental cleaning", "Orthotic fitting", "Ergonomic assessment", "Return-to-work program",
  "Concussion screening", "Chiropractic adjustment", "Occupational therapy"];
export const EMAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me"];
export const CALL_SUBJECTS = ["Follow-up call", "Intake call", "Billing question", "Referral call",
  "Appointment reminder", "Insurance verification"];
export const SENTENCES = [
  "Patient reports improvement since the last visit.",
  "Discussed the treatment plan and expected number of sessions.",
  "Insurance pre-authorization is pending with the carrier.",
  "Referred by the employer's occupational health program.",
  "Asked to reschedule to a morning slot next week.",
  "Sent the intake forms and privacy notice by email.",
  "Billing code confirmed with the front desk.",
  "Range of motion measured and recorded in the chart.",
];
/** Malformed emails of the kinds real CRMs hold. */
export const BAD_EMAILS = ["john.smith@", "@example.com", "mary jones@example.com",
  "tom..lee@example.com", "ann@example,com", "bob@localhost", "no email", "x@y"];
export const BAD_PHONES = ["12345", "+1 (555) 123-45678 ext", "call after 5pm", "555-CALL-NOW",
  "0000000000", "++44 20 7946 0958", "n/a"];
