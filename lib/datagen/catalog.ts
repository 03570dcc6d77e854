// Reference data of the synthetic Volta world: plants, models and trims,
// colours, regions, names, suppliers, part families and service texts.
// Everything here is fixed; only the volumes depend on the scale.

import { dayOf } from "./calendar";

export type Region = "North America" | "Europe" | "Asia Pacific" | "Middle East" | "Latin America";
export const REGIONS: readonly Region[] = ["North America", "Europe", "Asia Pacific", "Middle East", "Latin America"];

export type PlantDef = {
  id: number;
  name: string;
  city: string;
  country: string;
  /** Vehicles a year at scale 100; the table stores it scaled like the volumes. */
  capacityAt100: number;
  /** First day of series production, then a six-month ramp-up. */
  startDay: number;
  /** Relative output once ramped up. */
  share: number;
  /** Model codes built here. */
  models: readonly ModelCode[];
  /** World manufacturer identifier: VIN positions 1–3. */
  wmi: string;
  /** Plant code: VIN position 11. */
  vinCode: string;
  /** Where buyers of vehicles built here live (weights over REGIONS). */
  buyerRegions: readonly number[];
};

export const PLANTS: readonly PlantDef[] = [
  {
    id: 1,
    name: "Volta Reno",
    city: "Reno",
    country: "United States",
    capacityAt100: 180_000,
    startDay: dayOf(2021, 1, 1),
    share: 1.0,
    models: ["AERO", "TERRA", "APEX"],
    wmi: "5VL",
    vinCode: "R",
    buyerRegions: [0.9, 0.03, 0.02, 0.03, 0.02],
  },
  {
    id: 2,
    name: "Volta Leipzig",
    city: "Leipzig",
    country: "Germany",
    capacityAt100: 150_000,
    startDay: dayOf(2021, 10, 1),
    share: 0.85,
    models: ["AERO", "TERRA", "HAUL"],
    wmi: "W9V",
    vinCode: "L",
    buyerRegions: [0.03, 0.88, 0.01, 0.08, 0],
  },
  {
    id: 3,
    name: "Volta Ningbo",
    city: "Ningbo",
    country: "China",
    capacityAt100: 200_000,
    startDay: dayOf(2022, 4, 1),
    share: 1.1,
    models: ["METRO", "AERO", "TERRA"],
    wmi: "LVL",
    vinCode: "N",
    buyerRegions: [0.01, 0.08, 0.84, 0.04, 0.03],
  },
  {
    id: 4,
    name: "Volta Monterrey",
    city: "Monterrey",
    country: "Mexico",
    capacityAt100: 90_000,
    startDay: dayOf(2023, 7, 1),
    share: 0.6,
    models: ["HAUL", "METRO"],
    wmi: "3VL",
    vinCode: "M",
    buyerRegions: [0.45, 0, 0, 0, 0.55],
  },
  {
    id: 5,
    name: "Volta Chennai",
    city: "Chennai",
    country: "India",
    capacityAt100: 80_000,
    startDay: dayOf(2024, 9, 1),
    share: 0.45,
    models: ["METRO", "TERRA"],
    wmi: "MVL",
    vinCode: "C",
    buyerRegions: [0, 0.02, 0.7, 0.28, 0],
  },
];

export type ModelCode = "AERO" | "TERRA" | "METRO" | "HAUL" | "APEX";

export type TrimDef = {
  name: string;
  /** numeric(5,1) as text. */
  batteryKwh: string;
  /** Price of model year 2021, whole dollars. */
  basePrice: number;
  weight: number;
  /** VIN position 7 (battery) and 8 (drive). */
  vinBattery: string;
  vinDrive: string;
};

export type ModelDef = {
  code: ModelCode;
  name: string;
  body: string;
  /** VIN position 4 (line) and 6 (body). */
  vinLine: string;
  vinBody: string;
  launchDay: number;
  popularity: number;
  /** Share of sold units that go to fleet customers. */
  fleetShare: number;
  /** Service visits a year, before ageing. */
  serviceRate: number;
  /** Kilometres a year for private owners (fleets drive about twice as far). */
  kmPerYear: readonly [number, number];
  /** Base price of a scheduled service, cents. */
  serviceBaseCents: number;
  trims: readonly TrimDef[];
  /** Weights over COLORS, when they differ from the default. */
  colorWeights?: readonly number[];
};

export const MODELS: readonly ModelDef[] = [
  {
    code: "AERO",
    name: "Aero",
    body: "sedan",
    vinLine: "A",
    vinBody: "S",
    launchDay: dayOf(2021, 1, 1),
    popularity: 1.0,
    fleetShare: 0.18,
    serviceRate: 0.62,
    kmPerYear: [11_000, 21_000],
    serviceBaseCents: 18_900,
    trims: [
      { name: "Standard Range", batteryKwh: "64.0", basePrice: 42_990, weight: 0.45, vinBattery: "B", vinDrive: "R" },
      { name: "Long Range", batteryKwh: "82.0", basePrice: 49_990, weight: 0.4, vinBattery: "D", vinDrive: "D" },
      { name: "Performance", batteryKwh: "82.0", basePrice: 56_990, weight: 0.15, vinBattery: "D", vinDrive: "P" },
    ],
  },
  {
    code: "TERRA",
    name: "Terra",
    body: "SUV",
    vinLine: "T",
    vinBody: "U",
    launchDay: dayOf(2021, 5, 3),
    popularity: 1.15,
    fleetShare: 0.1,
    serviceRate: 0.66,
    kmPerYear: [10_000, 19_000],
    serviceBaseCents: 21_900,
    trims: [
      { name: "Standard Range", batteryKwh: "77.5", basePrice: 52_990, weight: 0.4, vinBattery: "C", vinDrive: "R" },
      { name: "Long Range", batteryKwh: "100.0", basePrice: 61_990, weight: 0.42, vinBattery: "F", vinDrive: "D" },
      { name: "Adventure", batteryKwh: "100.0", basePrice: 68_490, weight: 0.18, vinBattery: "F", vinDrive: "D" },
    ],
  },
  {
    code: "METRO",
    name: "Metro",
    body: "compact",
    vinLine: "M",
    vinBody: "C",
    launchDay: dayOf(2022, 4, 4),
    popularity: 0.95,
    fleetShare: 0.28,
    serviceRate: 0.58,
    kmPerYear: [8_000, 15_000],
    serviceBaseCents: 14_900,
    trims: [
      { name: "City", batteryKwh: "42.0", basePrice: 29_990, weight: 0.55, vinBattery: "A", vinDrive: "F" },
      { name: "Plus", batteryKwh: "57.5", basePrice: 34_490, weight: 0.45, vinBattery: "B", vinDrive: "F" },
    ],
  },
  {
    code: "HAUL",
    name: "Haul",
    body: "van",
    vinLine: "H",
    vinBody: "V",
    launchDay: dayOf(2023, 2, 1),
    popularity: 0.5,
    fleetShare: 0.8,
    serviceRate: 1.05,
    kmPerYear: [18_000, 30_000],
    serviceBaseCents: 26_900,
    trims: [
      { name: "Cargo", batteryKwh: "90.0", basePrice: 54_990, weight: 0.5, vinBattery: "E", vinDrive: "R" },
      { name: "Cargo Long", batteryKwh: "113.0", basePrice: 61_990, weight: 0.3, vinBattery: "G", vinDrive: "R" },
      { name: "Crew", batteryKwh: "90.0", basePrice: 58_490, weight: 0.2, vinBattery: "E", vinDrive: "D" },
    ],
    colorWeights: [0.72, 0.06, 0.1, 0.08, 0.02, 0.01, 0.01],
  },
  {
    code: "APEX",
    name: "Apex",
    body: "performance coupe",
    vinLine: "X",
    vinBody: "K",
    launchDay: dayOf(2024, 3, 4),
    popularity: 0.15,
    fleetShare: 0.02,
    serviceRate: 0.72,
    kmPerYear: [5_000, 13_000],
    serviceBaseCents: 34_900,
    trims: [
      { name: "GT", batteryKwh: "100.0", basePrice: 89_990, weight: 0.7, vinBattery: "F", vinDrive: "D" },
      { name: "GT-R", batteryKwh: "110.5", basePrice: 119_990, weight: 0.3, vinBattery: "H", vinDrive: "T" },
    ],
  },
];

export const MODEL_INDEX: Record<ModelCode, number> = Object.fromEntries(
  MODELS.map((m, k) => [m.code, k]),
) as Record<ModelCode, number>;

/** Colour name, default weight, price premium in dollars. */
export const COLORS: ReadonlyArray<readonly [string, number, number]> = [
  ["Glacier White", 0.26, 0],
  ["Obsidian Black", 0.2, 1_200],
  ["Graphite Grey", 0.18, 1_200],
  ["Silver Mist", 0.12, 1_200],
  ["Volta Blue", 0.12, 1_500],
  ["Ember Red", 0.08, 2_000],
  ["Forest Green", 0.04, 1_500],
];

/** Optional premium package: share of vehicles and price in dollars. */
export const PREMIUM_PACKAGE = { share: 0.32, price: 2_500 } as const;

/** List-price factor per model year (2021 = 1): inflation, then the 2024 price cuts. */
export const MODEL_YEAR_PRICE: Readonly<Record<number, number>> = {
  2021: 1.0,
  2022: 1.045,
  2023: 1.08,
  2024: 1.02,
  2025: 1.035,
  2026: 1.05,
  2027: 1.06,
};

/** VIN position 10. */
export const MODEL_YEAR_CODE: Readonly<Record<number, string>> = {
  2021: "M",
  2022: "N",
  2023: "P",
  2024: "R",
  2025: "S",
  2026: "T",
  2027: "V",
};

// ---------------------------------------------------------------- people

type NamePool = { first: readonly string[]; last: readonly string[] };

export const PERSON_NAMES: Readonly<Record<Region, NamePool>> = {
  "North America": {
    first: [
      "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
      "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen",
      "Daniel", "Emily", "Matthew", "Ashley", "Anthony", "Megan", "Mark", "Olivia", "Ethan", "Hannah",
      "Noah", "Chloe", "Liam", "Grace", "Lucas", "Avery", "Owen", "Madison", "Ryan", "Natalie",
    ],
    last: [
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
      "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
      "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
      "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins",
    ],
  },
  Europe: {
    first: [
      "Lukas", "Anna", "Jonas", "Sophie", "Felix", "Marie", "Leon", "Laura", "Paul", "Lea",
      "Luca", "Giulia", "Marco", "Chiara", "Hugo", "Camille", "Louis", "Manon", "Pablo", "Lucia",
      "Mateo", "Elena", "Jan", "Eva", "Piotr", "Zofia", "Lars", "Ingrid", "Erik", "Astrid",
      "Oliver", "Amelia", "Harry", "Isla", "Daan", "Emma", "Tomas", "Klara", "Nikolai", "Freya",
    ],
    last: [
      "Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch",
      "Rossi", "Russo", "Ferrari", "Bianchi", "Romano", "Martin", "Bernard", "Dubois", "Moreau", "Laurent",
      "Garcia", "Fernandez", "Lopez", "Martinez", "Sanchez", "Nowak", "Kowalski", "Jansen", "de Vries", "Bakker",
      "Johansson", "Andersson", "Nilsen", "Hansen", "Larsen", "Novak", "Horvat", "Murphy", "Kelly", "Evans",
    ],
  },
  "Asia Pacific": {
    first: [
      "Wei", "Fang", "Jun", "Li", "Hao", "Mei", "Yu", "Xin", "Lei", "Ying",
      "Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Minjun", "Seoyeon", "Jiho", "Jiwoo",
      "Aarav", "Priya", "Vivaan", "Ananya", "Arjun", "Diya", "Rohan", "Kavya", "Siddharth", "Meera",
      "Jack", "Charlotte", "Lachlan", "Matilda", "Minh", "Linh", "Arif", "Putri", "Somchai", "Nok",
    ],
    last: [
      "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
      "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Kim", "Lee", "Park", "Choi", "Jung",
      "Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Singh", "Krishnan", "Rao", "Menon",
      "Nguyen", "Tran", "Pham", "Santos", "Reyes", "Wijaya", "Tan", "Lim", "Wilson", "Kaur",
    ],
  },
  "Middle East": {
    first: [
      "Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Mariam", "Ali", "Noor", "Youssef", "Layla",
      "Khalid", "Sara", "Hassan", "Huda", "Ibrahim", "Amira", "Karim", "Rania", "Tariq", "Yasmin",
      "Emre", "Elif", "Mehmet", "Zeynep", "Daniel", "Noa", "Amir", "Leila", "Faisal", "Reem",
    ],
    last: [
      "Al-Sayed", "Haddad", "Khalil", "Hassan", "Nasser", "Mansour", "Saleh", "Farouk", "Aziz", "Rahman",
      "Al-Amin", "Darwish", "Karimi", "Hosseini", "Yilmaz", "Kaya", "Demir", "Sahin", "Cohen", "Levi",
      "Al-Hashimi", "Qureshi", "Abbas", "Said", "Najjar", "Toumi", "Bakr", "Habib", "Sabbagh", "Jaber",
    ],
  },
  "Latin America": {
    first: [
      "Santiago", "Sofia", "Mateo", "Valentina", "Sebastian", "Isabella", "Diego", "Camila", "Nicolas", "Mariana",
      "Alejandro", "Lucia", "Samuel", "Daniela", "Gabriel", "Fernanda", "Joao", "Ana", "Pedro", "Beatriz",
      "Carlos", "Gabriela", "Luis", "Paula", "Andres", "Renata", "Miguel", "Ximena", "Jorge", "Carolina",
    ],
    last: [
      "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres",
      "Flores", "Rivera", "Gomez", "Diaz", "Cruz", "Morales", "Reyes", "Gutierrez", "Ortiz", "Castillo",
      "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Almeida", "Vargas", "Rojas", "Mendoza",
    ],
  },
};

/** Public e-mail domains per region (all under reserved example domains). */
export const MAIL_DOMAINS: Readonly<Record<Region, readonly string[]>> = {
  "North America": ["example.com", "mail.example.com", "inbox.example.net"],
  Europe: ["example.eu", "post.example.org", "mail.example.net"],
  "Asia Pacific": ["example.asia", "mail.example.org", "example.com"],
  "Middle East": ["example.ae", "mail.example.com", "example.net"],
  "Latin America": ["example.com.mx", "correo.example.net", "example.org"],
};

export const FLEET_NAME_HEADS: readonly string[] = [
  "Harbor", "Summit", "Crescent", "Bluewater", "Ironwood", "Northgate", "Silverline", "Redstone", "Evergreen", "Keystone",
  "Pinecrest", "Riverside", "Westfield", "Brightway", "Granite", "Cedar", "Lakeside", "Horizon", "Meridian", "Oakridge",
  "Stonebridge", "Sunrise", "Trident", "Urbana", "Vantage", "Windward", "Amber", "Coastal", "Falcon", "Greenfield",
];

export const FLEET_NAME_TAILS: readonly string[] = [
  "Logistics", "Rentals", "Car Share", "Delivery", "Taxi Co.", "Mobility", "Utilities", "Couriers", "Fleet Services",
  "Municipal Transport", "Leasing", "Ride Services", "Parcel", "Field Services", "Facilities", "Telecom",
];

// ---------------------------------------------------------------- supply chain

export type PartCategory = "battery" | "drivetrain" | "chassis" | "electronics" | "interior" | "body" | "thermal";

export const PART_CATEGORIES: ReadonlyArray<{ category: PartCategory; code: string; count: number }> = [
  { category: "battery", code: "BAT", count: 140 },
  { category: "drivetrain", code: "DRV", count: 160 },
  { category: "chassis", code: "CHS", count: 220 },
  { category: "electronics", code: "ELC", count: 260 },
  { category: "interior", code: "INT", count: 180 },
  { category: "body", code: "BDY", count: 160 },
  { category: "thermal", code: "THM", count: 80 },
];

/** Part families: name and unit-cost range in dollars. */
export const PART_FAMILIES: Readonly<Record<PartCategory, ReadonlyArray<readonly [string, number, number]>>> = {
  battery: [
    ["Battery module", 650, 2_400],
    ["Cell block", 90, 260],
    ["Battery management controller", 180, 620],
    ["HV contactor", 45, 160],
    ["HV busbar", 8, 40],
    ["Pack enclosure", 380, 1_400],
    ["Cell cooling plate", 60, 240],
    ["Pyro fuse", 25, 90],
    ["Pack service disconnect", 30, 110],
    ["Cell voltage harness", 20, 75],
  ],
  drivetrain: [
    ["Rear drive unit", 1_600, 4_200],
    ["Front drive unit", 1_400, 3_600],
    ["Traction inverter", 550, 1_900],
    ["Reduction gearbox", 400, 1_300],
    ["Half shaft", 90, 320],
    ["Motor rotor", 300, 900],
    ["Stator assembly", 450, 1_300],
    ["Onboard charger", 350, 1_100],
    ["DC-DC converter", 160, 520],
    ["Motor mount", 25, 110],
  ],
  chassis: [
    ["Control arm", 40, 190],
    ["Brake caliper", 60, 340],
    ["Brake rotor", 35, 160],
    ["Coil spring", 20, 80],
    ["Damper", 70, 420],
    ["Air spring", 180, 520],
    ["Steering rack", 380, 1_200],
    ["Wheel hub bearing", 35, 140],
    ["Subframe", 220, 780],
    ["Stabilizer link", 12, 45],
    ["Alloy wheel", 140, 620],
    ["Tyre", 110, 380],
  ],
  electronics: [
    ["Central compute module", 420, 1_600],
    ["Infotainment display", 260, 980],
    ["Instrument cluster", 140, 520],
    ["Radar sensor", 90, 310],
    ["Camera module", 35, 140],
    ["Ultrasonic sensor", 9, 32],
    ["Body control module", 80, 260],
    ["Wiring harness", 60, 640],
    ["12V battery", 70, 190],
    ["Telematics unit", 110, 360],
    ["LED headlamp", 180, 760],
    ["Tail lamp", 60, 280],
    ["Window switch pack", 15, 60],
    ["Charge port controller", 50, 180],
  ],
  interior: [
    ["Front seat assembly", 420, 1_400],
    ["Rear seat bench", 260, 820],
    ["Seat belt assembly", 35, 120],
    ["Airbag module", 90, 380],
    ["Steering wheel", 90, 420],
    ["Dashboard panel", 140, 560],
    ["Door trim panel", 45, 210],
    ["Headliner", 60, 230],
    ["Floor carpet set", 40, 160],
    ["Centre console", 90, 380],
    ["Climate control panel", 40, 170],
  ],
  body: [
    ["Front bumper fascia", 140, 520],
    ["Rear bumper fascia", 130, 480],
    ["Hood panel", 180, 620],
    ["Front door shell", 260, 780],
    ["Rear door shell", 240, 720],
    ["Fender", 90, 320],
    ["Tailgate", 280, 920],
    ["Glass roof", 420, 1_300],
    ["Windshield", 240, 780],
    ["Side mirror", 80, 360],
    ["Door handle", 18, 85],
    ["Sliding door", 420, 1_250],
  ],
  thermal: [
    ["Heat pump", 620, 1_800],
    ["Radiator", 140, 420],
    ["Coolant pump", 60, 240],
    ["Chiller", 160, 520],
    ["AC compressor", 340, 980],
    ["PTC heater", 120, 380],
    ["Coolant valve", 30, 140],
    ["Cabin blower", 45, 160],
    ["Thermal expansion valve", 25, 90],
  ],
};

/** Supplier name, country and the part categories it delivers. */
export const SUPPLIERS: ReadonlyArray<readonly [string, string, readonly PartCategory[]]> = [
  ["Kessler Batterietechnik GmbH", "Germany", ["battery"]],
  ["Nordhav Cell Systems AB", "Sweden", ["battery"]],
  ["Hanbit Energy Materials", "South Korea", ["battery"]],
  ["Zhenyu Battery Technology", "China", ["battery", "thermal"]],
  ["Aoki Cell Industries", "Japan", ["battery"]],
  ["Ostwind Antriebe GmbH", "Germany", ["drivetrain"]],
  ["Tianhe Power Electronics", "China", ["drivetrain", "electronics"]],
  ["Carrow Motor Works", "United States", ["drivetrain"]],
  ["Ishikawa Drive Systems", "Japan", ["drivetrain"]],
  ["Brightline Gear Co.", "United States", ["drivetrain", "chassis"]],
  ["Lakeshore Castings Inc.", "United States", ["chassis", "body"]],
  ["Sierra Brake Systems", "United States", ["chassis"]],
  ["Fonseca Suspensiones S.A. de C.V.", "Mexico", ["chassis"]],
  ["Dravik Chassis Components", "Czech Republic", ["chassis"]],
  ["Paluri Forgings Ltd.", "India", ["chassis", "drivetrain"]],
  ["Marwell Wheel & Tyre", "United Kingdom", ["chassis"]],
  ["Ostrava Steel Pressings", "Czech Republic", ["body"]],
  ["Riverbend Glass Works", "United States", ["body"]],
  ["Castellano Carrozzeria S.p.A.", "Italy", ["body"]],
  ["Hwaseong Body Panels", "South Korea", ["body"]],
  ["Queretaro Stamping S.A. de C.V.", "Mexico", ["body"]],
  ["Vega Seating S.p.A.", "Italy", ["interior"]],
  ["Alder Interiors Inc.", "Canada", ["interior"]],
  ["Ramanathan Trim Industries", "India", ["interior"]],
  ["Linden Safety Systems AB", "Sweden", ["interior", "electronics"]],
  ["Sendai Restraint Co.", "Japan", ["interior"]],
  ["Maplecrest Textiles", "Canada", ["interior"]],
  ["Brennholz Elektronik GmbH", "Germany", ["electronics"]],
  ["Shenzhen Lumina Optics", "China", ["electronics"]],
  ["Argent Sensor Technologies", "France", ["electronics"]],
  ["Keystone Harness Co.", "United States", ["electronics"]],
  ["Nakamura Display Devices", "Japan", ["electronics"]],
  ["Taoyuan Semiconductor Modules", "Taiwan", ["electronics"]],
  ["Bangalore Embedded Systems", "India", ["electronics"]],
  ["Monterrey Wiring Solutions", "Mexico", ["electronics"]],
  ["Frostline Thermal Systems", "United States", ["thermal"]],
  ["Kaltwerk Klimatechnik GmbH", "Germany", ["thermal"]],
  ["Hangzhou Coolflow Technology", "China", ["thermal"]],
  ["Pune Thermal Products Ltd.", "India", ["thermal"]],
  ["Durance Composites SAS", "France", ["body", "interior"]],
];

// ---------------------------------------------------------------- service

/** Scheduled work: description and price factor relative to the model's base. */
export const SCHEDULED_SERVICES: ReadonlyArray<readonly [string, number]> = [
  ["Annual service: brake fluid test, cabin air filter, tyre rotation", 1.0],
  ["Scheduled inspection: multipoint check and tyre rotation", 0.55],
  ["Two-year service: brake fluid replacement, wiper blades", 1.35],
  ["Scheduled service: A/C desiccant bag and cabin filter replacement", 1.15],
  ["Tyre rotation and wheel alignment", 0.7],
  ["Winter service: brake caliper cleaning and lubrication", 0.8],
  ["High-voltage system inspection and coolant level check", 0.9],
];

/** Repairs billed to the owner: description, cost range in dollars and weight. */
export const REPAIRS: ReadonlyArray<readonly [string, number, number, number]> = [
  ["Replaced 12V battery", 160, 320, 10],
  ["Windshield replaced after stone chip", 450, 1_400, 8],
  ["Tyre replaced after puncture", 180, 420, 14],
  ["Suspension control arm bushing replaced", 260, 780, 6],
  ["Charge port door actuator replaced", 180, 420, 6],
  ["Wheel hub bearing replaced", 320, 760, 5],
  ["Brake pads and rotors replaced", 380, 1_100, 9],
  ["Side mirror replaced after collision", 340, 1_200, 6],
  ["Door handle motor replaced", 220, 540, 6],
  ["Infotainment display replaced", 900, 2_200, 3],
  ["Coolant leak repaired at chiller hose", 280, 900, 4],
  ["Bodywork repair: rear bumper", 650, 3_200, 7],
  ["Wheel alignment after kerb strike", 120, 260, 8],
  ["HV battery module replaced (out of warranty)", 4_800, 9_500, 1],
  ["Drive unit replaced (out of warranty)", 3_900, 7_800, 1],
];

/** Work covered by the new-vehicle warranty (four years). */
export const WARRANTY_WORK: readonly string[] = [
  "Warranty: infotainment unit reflashed and module replaced",
  "Warranty: door seal replaced (wind noise)",
  "Warranty: onboard charger replaced",
  "Warranty: window regulator replaced",
  "Warranty: drive unit noise, bearing replaced",
  "Warranty: HV battery module replaced",
  "Warranty: heat pump valve replaced",
  "Warranty: camera module replaced",
  "Warranty: charge port latch replaced",
];

export const WARRANTY_DAYS = 4 * 365;

export type RecallCampaign = {
  code: string;
  model: ModelCode;
  /** Affected model years (inclusive). */
  firstModelYear: number;
  lastModelYear: number;
  startDay: number;
  /** Share of affected vehicles brought in. */
  completion: number;
  description: string;
};

export const RECALLS: readonly RecallCampaign[] = [
  {
    code: "R-22-014",
    model: "AERO",
    firstModelYear: 2021,
    lastModelYear: 2022,
    startDay: dayOf(2022, 6, 15),
    completion: 0.78,
    description: "Recall R-22-014: rear camera software update",
  },
  {
    code: "R-23-007",
    model: "TERRA",
    firstModelYear: 2022,
    lastModelYear: 2022,
    startDay: dayOf(2023, 3, 1),
    completion: 0.72,
    description: "Recall R-23-007: coolant pump replaced",
  },
  {
    code: "R-24-031",
    model: "METRO",
    firstModelYear: 2023,
    lastModelYear: 2024,
    startDay: dayOf(2024, 5, 20),
    completion: 0.69,
    description: "Recall R-24-031: front seat belt anchor inspected and replaced",
  },
  {
    code: "R-25-002",
    model: "HAUL",
    firstModelYear: 2024,
    lastModelYear: 2025,
    startDay: dayOf(2025, 2, 10),
    completion: 0.85,
    description: "Recall R-25-002: sliding door latch replaced",
  },
  {
    code: "R-25-019",
    model: "AERO",
    firstModelYear: 2025,
    lastModelYear: 2025,
    startDay: dayOf(2025, 9, 1),
    completion: 0.64,
    description: "Recall R-25-019: power steering control software update",
  },
  {
    code: "R-26-004",
    model: "APEX",
    firstModelYear: 2025,
    lastModelYear: 2026,
    startDay: dayOf(2026, 4, 15),
    completion: 0.58,
    description: "Recall R-26-004: rear spoiler fasteners inspected and tightened",
  },
];
