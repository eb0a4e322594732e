/**
 * Hand-written tables behind the demo data: countries (with and without regions), names in several scripts, products
 * and currencies. Small on purpose: variety comes from combining them with a seeded PRNG.
 */

/** A country the demo shop sells to. `province` is null where Shopify's address form has no region field. */
export interface Country {
  code: string;
  province: { code: string; name: string } | null;
  cities: readonly string[];
  streets: readonly string[];
  zip: (n: number) => string;
  /** E.164 prefix and how many national digits follow it. */
  phone: { prefix: string; digits: number };
  currency: string;
  tax: { title: string; rate: string } | null;
  /** Which name table the people of this country are drawn from. */
  names: keyof typeof NAMES;
}

const digits = (n: number, length: number) => String(n).padStart(length, '0').slice(-length);

export const COUNTRIES: readonly Country[] = [
  {
    code: 'US',
    province: { code: 'NY', name: 'New York' },
    cities: ['New York', 'Brooklyn', 'Buffalo'],
    streets: ['Broadway', 'W 34th St', 'Atlantic Ave'],
    zip: (n) => `1${digits(n, 4)}`,
    phone: { prefix: '+1212', digits: 7 },
    currency: 'USD',
    tax: { title: 'NY State Tax', rate: '0.08875' },
    names: 'english',
  },
  {
    code: 'US',
    province: { code: 'CA', name: 'California' },
    cities: ['San Francisco', 'Los Angeles', 'Oakland'],
    streets: ['Market St', 'Sunset Blvd', 'Mission St'],
    zip: (n) => `9${digits(n, 4)}`,
    phone: { prefix: '+1415', digits: 7 },
    currency: 'USD',
    tax: { title: 'CA State Tax', rate: '0.0725' },
    names: 'spanish',
  },
  {
    code: 'CA',
    province: { code: 'QC', name: 'Quebec' },
    cities: ['Montréal', 'Québec', 'Laval'],
    streets: ['Rue Sainte-Catherine', 'Boulevard Saint-Laurent'],
    zip: (n) => `H${n % 10}A ${n % 10}B${(n + 3) % 10}`,
    phone: { prefix: '+1514', digits: 7 },
    currency: 'CAD',
    tax: { title: 'GST + QST', rate: '0.14975' },
    names: 'french',
  },
  {
    code: 'AU',
    province: { code: 'NSW', name: 'New South Wales' },
    cities: ['Sydney', 'Newcastle'],
    streets: ['George St', 'Oxford St'],
    zip: (n) => `2${digits(n, 3)}`,
    phone: { prefix: '+614', digits: 8 },
    currency: 'AUD',
    tax: { title: 'GST', rate: '0.1' },
    names: 'english',
  },
  {
    code: 'JP',
    province: { code: 'JP-13', name: 'Tokyo' },
    cities: ['渋谷区', '新宿区', '港区'],
    streets: ['神南1-2-3', '西新宿2-8-1', '六本木6-10-1'],
    zip: (n) => `1${digits(n, 2)}-${digits(n * 7, 4)}`,
    phone: { prefix: '+8190', digits: 8 },
    currency: 'JPY',
    tax: { title: '消費税', rate: '0.1' },
    names: 'japanese',
  },
  {
    code: 'IN',
    province: { code: 'MH', name: 'Maharashtra' },
    cities: ['Mumbai', 'Pune'],
    streets: ['Linking Road', 'FC Road'],
    zip: (n) => `4${digits(n, 5)}`,
    phone: { prefix: '+9198', digits: 8 },
    currency: 'INR',
    tax: { title: 'IGST', rate: '0.18' },
    names: 'hindi',
  },
  {
    code: 'BR',
    province: { code: 'SP', name: 'São Paulo' },
    cities: ['São Paulo', 'Campinas'],
    streets: ['Avenida Paulista', 'Rua Augusta'],
    zip: (n) => `0${digits(n, 4)}-${digits(n, 3)}`,
    phone: { prefix: '+5511', digits: 9 },
    currency: 'BRL',
    tax: { title: 'ICMS', rate: '0.18' },
    names: 'portuguese',
  },
  {
    code: 'AE',
    province: { code: 'DU', name: 'Dubai' },
    cities: ['Dubai'],
    streets: ['Sheikh Zayed Road', 'Al Wasl Road'],
    zip: () => '',
    phone: { prefix: '+97150', digits: 7 },
    currency: 'AED',
    tax: { title: 'VAT', rate: '0.05' },
    names: 'arabic',
  },
  {
    code: 'EG',
    province: { code: 'C', name: 'Cairo' },
    cities: ['Cairo'],
    streets: ['شارع التحرير', 'Corniche El Nil'],
    zip: (n) => `11${digits(n, 3)}`,
    phone: { prefix: '+2010', digits: 8 },
    currency: 'EGP',
    tax: { title: 'VAT', rate: '0.14' },
    names: 'arabic',
  },
  {
    code: 'DE',
    province: null,
    cities: ['Berlin', 'München', 'Köln'],
    streets: ['Friedrichstraße', 'Schloßstraße', 'Königsallee'],
    zip: (n) => digits(n * 13, 5),
    phone: { prefix: '+49151', digits: 8 },
    currency: 'EUR',
    tax: { title: 'MwSt', rate: '0.19' },
    names: 'german',
  },
  {
    code: 'FR',
    province: null,
    cities: ['Paris', 'Lyon'],
    streets: ['Rue de Rivoli', 'Rue de la République'],
    zip: (n) => `75${digits(n, 3)}`,
    phone: { prefix: '+336', digits: 8 },
    currency: 'EUR',
    tax: { title: 'TVA', rate: '0.2' },
    names: 'french',
  },
  {
    code: 'GB',
    province: null,
    cities: ['London', 'Manchester'],
    streets: ['Baker Street', 'Deansgate'],
    zip: (n) => `SW${(n % 19) + 1} ${n % 10}AA`,
    phone: { prefix: '+447', digits: 9 },
    currency: 'GBP',
    tax: { title: 'VAT', rate: '0.2' },
    names: 'english',
  },
  // Ireland before Eircode counties: no region and often no postcode at all.
  {
    code: 'IE',
    province: null,
    cities: ['Dublin', 'Galway', 'Cork'],
    streets: ["O'Connell Street", 'Shop Street'],
    zip: () => '',
    phone: { prefix: '+35387', digits: 7 },
    currency: 'EUR',
    tax: { title: 'VAT', rate: '0.23' },
    names: 'irish',
  },
  {
    code: 'SG',
    province: null,
    cities: ['Singapore'],
    streets: ['Orchard Road', 'Raffles Place'],
    zip: (n) => digits(n * 31, 6),
    phone: { prefix: '+659', digits: 7 },
    currency: 'SGD',
    tax: { title: 'GST', rate: '0.09' },
    names: 'chinese',
  },
  {
    code: 'HK',
    province: null,
    cities: ['Kowloon', 'Central'],
    streets: ['彌敦道', "Queen's Road Central"],
    zip: () => '',
    phone: { prefix: '+8529', digits: 7 },
    currency: 'HKD',
    tax: null,
    names: 'chinese',
  },
  {
    code: 'GR',
    province: null,
    cities: ['Αθήνα', 'Θεσσαλονίκη'],
    streets: ['Οδός Ερμού', 'Λεωφόρος Νίκης'],
    zip: (n) => `10${digits(n, 3)}`,
    phone: { prefix: '+3069', digits: 8 },
    currency: 'EUR',
    tax: { title: 'ΦΠΑ', rate: '0.24' },
    names: 'greek',
  },
  {
    code: 'BG',
    province: null,
    cities: ['София', 'Пловдив'],
    streets: ['бул. Витоша', 'ул. Граф Игнатиев'],
    zip: (n) => `1${digits(n, 3)}`,
    phone: { prefix: '+35988', digits: 7 },
    currency: 'BGN',
    tax: { title: 'ДДС', rate: '0.2' },
    names: 'bulgarian',
  },
  {
    code: 'KR',
    province: null,
    cities: ['서울'],
    streets: ['테헤란로 152', '세종대로 110'],
    zip: (n) => digits(n, 5),
    phone: { prefix: '+8210', digits: 8 },
    currency: 'KRW',
    tax: { title: 'VAT', rate: '0.1' },
    names: 'korean',
  },
  {
    code: 'NL',
    province: null,
    cities: ['Amsterdam', 'Utrecht'],
    streets: ['Damrak', 'Oudegracht'],
    zip: (n) => `10${digits(n, 2)} AB`,
    phone: { prefix: '+316', digits: 8 },
    currency: 'EUR',
    tax: { title: 'BTW', rate: '0.21' },
    names: 'dutch',
  },
];

/** Given and family names per table; several are not in Latin script. */
export const NAMES = {
  english: { first: ['Olivia', 'James', 'Amelia', 'Noah', 'Grace'], last: ['Smith', 'Taylor', 'Brown', 'Wilson'] },
  spanish: { first: ['Sofía', 'Mateo', 'Lucía', 'Diego'], last: ['García', 'Martínez', 'López', 'Hernández'] },
  french: { first: ['Chloé', 'Léo', 'Élodie', 'François'], last: ['Dubois', 'Lefèvre', 'Bélanger', 'Côté'] },
  german: { first: ['Jürgen', 'Lena', 'Günther', 'Anneliese'], last: ['Müller', 'Schröder', 'Weiß', 'Groß'] },
  irish: {
    first: ['Siobhán', 'Seán', 'Aoife', 'Pádraig'],
    last: ["O'Brien", 'Ní Dhomhnaill', 'Mac Giolla Phádraig', 'Murphy'],
  },
  dutch: { first: ['Sanne', 'Daan', 'Femke'], last: ['van der Berg', 'de Vries', 'van Dijk'] },
  portuguese: { first: ['João', 'Ana', 'Conceição'], last: ['Gonçalves', 'Araújo', 'Magalhães'] },
  japanese: { first: ['太郎', '花子', 'さくら', '健'], last: ['山田', '佐藤', '鈴木', '高橋'] },
  chinese: { first: ['偉', '秀英', 'Wei Ling', 'Jia Hui'], last: ['陳', '李', 'Tan', 'Wong'] },
  korean: { first: ['민준', '서연', '지호'], last: ['김', '이', '박'] },
  greek: {
    first: ['Γιώργος', 'Ελένη', 'Δημήτρης', 'Αικατερίνη'],
    last: ['Παπαδόπουλος', 'Παπαδοπούλου', 'Κωνσταντίνου'],
  },
  arabic: { first: ['محمد', 'فاطمة', 'أحمد', 'Layla'], last: ['العلي', 'الحسن', 'Al-Mansouri', 'عبد الله'] },
  hindi: { first: ['अर्जुन', 'प्रिया', 'Rohan', 'Ananya'], last: ['शर्मा', 'पटेल', 'Iyer', 'Reddy'] },
  bulgarian: { first: ['Иван', 'Мария', 'Георги'], last: ['Иванов', 'Петрова', 'Димитров'] },
} as const;

/**
 * Given names longer than Dynamics 365's 50-character `firstname` (and some families' full names are longer still):
 * the sync must truncate or move them, never fail.
 */
export const LONG_FIRST_NAMES: readonly string[] = [
  'María Guadalupe Concepción Fernanda de los Ángeles Inmaculada',
  'Wolfeschlegelsteinhausenbergerdorff Hubert Blaine Alexander',
  'Pablo Diego José Francisco de Paula Juan Nepomuceno María',
  'Αικατερίνη-Μαρία-Ευαγγελία-Παναγιώτα-Χριστίνα Θεοδώρα',
];

/** A product line an order can carry; prices are in USD cents, converted to the shop's currency. */
export interface Product {
  title: string;
  sku: string | null;
  vendor: string | null;
  usdCents: number;
  taxable: boolean;
  requiresShipping: boolean;
  giftCard: boolean;
}

export const PRODUCTS: readonly Product[] = [
  {
    title: 'Aviator sunglasses',
    sku: 'SUN-AVI-001',
    vendor: 'Optica',
    usdCents: 8999,
    taxable: true,
    requiresShipping: true,
    giftCard: false,
  },
  {
    title: 'Mid-century lounger',
    sku: 'FUR-LNG-020',
    vendor: 'Nordhaus',
    usdCents: 15999,
    taxable: true,
    requiresShipping: true,
    giftCard: false,
  },
  {
    title: 'Coffee table',
    sku: 'FUR-TBL-035',
    vendor: 'Nordhaus',
    usdCents: 11999,
    taxable: true,
    requiresShipping: true,
    giftCard: false,
  },
  {
    title: 'Linen tea towel (set of 3)',
    sku: 'HOM-TWL-003',
    vendor: 'Loom & Co',
    usdCents: 2450,
    taxable: true,
    requiresShipping: true,
    giftCard: false,
  },
  {
    title: 'Ceramic pour-over dripper',
    sku: 'KIT-DRP-101',
    vendor: '窯元 山田',
    usdCents: 3800,
    taxable: true,
    requiresShipping: true,
    giftCard: false,
  },
  {
    title: 'Hand-knotted wool rug 200×300 cm',
    sku: 'RUG-WOL-200',
    vendor: 'Atlas Weavers',
    usdCents: 89900,
    taxable: true,
    requiresShipping: true,
    giftCard: false,
  },
  {
    title: 'Repair service (labour)',
    sku: null,
    vendor: null,
    usdCents: 6500,
    taxable: false,
    requiresShipping: false,
    giftCard: false,
  },
  {
    title: 'Gift card',
    sku: 'GIFT-50',
    vendor: null,
    usdCents: 5000,
    taxable: false,
    requiresShipping: false,
    giftCard: true,
  },
  {
    title: 'E-book: Caring for linen',
    sku: 'EBK-LIN-01',
    vendor: 'Loom & Co',
    usdCents: 999,
    taxable: true,
    requiresShipping: false,
    giftCard: false,
  },
];

/** Digits after the decimal point per currency (ISO 4217); Shopify rejects fractions of a yen or a won. */
export const CURRENCY_DIGITS: Record<string, number> = { JPY: 0, KRW: 0 };

/** Units of each currency per US dollar, as millionths (fixed, so the demo data does not move with the market). */
export const PER_USD_MICROS: Record<string, bigint> = {
  USD: 1_000_000n,
  EUR: 920_000n,
  GBP: 790_000n,
  CAD: 1_360_000n,
  AUD: 1_520_000n,
  JPY: 151_000_000n,
  INR: 83_300_000n,
  BRL: 5_050_000n,
  AED: 3_672_500n,
  EGP: 47_600_000n,
  SGD: 1_350_000n,
  HKD: 7_820_000n,
  BGN: 1_800_000n,
  KRW: 1_350_000_000n,
};

/** Payment gateways the demo orders were paid through. */
export const GATEWAYS: readonly string[] = ['shopify_payments', 'paypal', 'manual', 'bogus'];

/** Carriers for fulfilments, with their tracking URL templates. */
export const CARRIERS: readonly { company: string; url: (n: string) => string }[] = [
  { company: 'UPS', url: (n) => `https://www.ups.com/track?tracknum=${n}` },
  { company: 'DHL Express', url: (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${n}` },
  { company: 'Royal Mail', url: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}` },
  { company: 'Japan Post', url: (n) => `https://trackings.post.japanpost.jp/services/srv/search/?requestNo1=${n}` },
];
