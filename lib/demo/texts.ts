import { pick, randInt, type Uniform } from "./random";
import type { SourceName } from "./sources";

/*
 * Short document texts per source, from templates and fillers. A text is a pure function
 * of a small generator seeded per document (and per variant, see generate.ts), so a
 * document's text can be built on demand instead of being held in memory.
 *
 * Numbers are drawn freely, as in real text; the generator re-draws the text of any
 * document that lands in a query's top 500 while containing that query's answer. Word
 * lists never contain a factual answer (the tests check every list and every
 * combination of name parts), and literal numbers in templates are at most 10, below
 * every numeric answer.
 */

/** Texts are kept within these lengths (characters). */
export const MIN_TEXT_LENGTH = 150;
export const MAX_TEXT_LENGTH = 600;

const FIRST_NAMES = [
  "Maren", "Tobias", "Ilse", "Rafael", "Anika", "Jonas", "Priya", "Mateo", "Keiko", "Lars",
  "Amara", "Dmitri", "Sofia", "Nils", "Leila", "Oskar", "Hana", "Elias", "Yara", "Mira",
  "Teodor", "Ines", "Bruno", "Aino", "Felix", "Zora", "Emil", "Lucia", "Arvid", "Noor",
] as const;
const LAST_NAMES = [
  "Holt", "Lindqvist", "Okafor", "Brandt", "Varga", "Moreau", "Sato", "Castell", "Novak",
  "Eriksen", "Quist", "Albers", "Rinaldi", "Duarte", "Kowal", "Fenwick", "Strand", "Ivers",
  "Achterberg", "Halloran", "Petrov", "Sandoval", "Whitlock", "Bergstrom", "Oyelaran",
  "Kilgore", "Marchetti", "Tanaka", "Dubois", "Haldane",
] as const;
/** Place names are a prefix and a suffix; the tests check all 24 x 16 combinations. */
export const PLACE_PREFIXES = [
  "Bran", "Kel", "Mor", "Tals", "Vin", "Ash", "Dun", "Hel", "Lor", "Quen", "Ros", "Tor",
  "Wend", "Ald", "Ebr", "Fal", "Gor", "Hav", "Ist", "Jar", "Kest", "Lind", "Mar", "Sel",
] as const;
export const PLACE_SUFFIXES = [
  "ford", "wick", "by", "holm", "stead", "mere", "ton", "dale", "vik", "burg", "ridge",
  "moor", "haven", "field", "gate", "sund",
] as const;
const REGIONS = [
  "Upper Varn", "the Kessel valley", "North Aldmark", "the Brenn plateau", "East Hollin",
  "the Marl lowlands", "South Teverin", "the Orde basin", "West Calder", "the Fenn coast",
] as const;
const RIVERS = ["Aske", "Brede", "Coln", "Dever", "Ebble", "Frome", "Glyme", "Hiz", "Isbourne", "Kennet"] as const;
const TAXA = ["ground beetle", "moth", "land snail", "orchid", "sedge", "leaf beetle", "hoverfly", "lichen"] as const;
const GENERA = ["Carabus", "Agrotis", "Helicella", "Dactylorhiza", "Carex", "Chrysolina", "Eristalis", "Cladonia"] as const;
const EPITHETS = ["borealis", "minor", "vernalis", "obscura", "montana", "palustris", "aurata", "silvatica"] as const;
const HABITATS = ["wet meadows", "chalk grassland", "upland heath", "river shingle", "old woodland", "coastal dunes"] as const;
const PROFESSIONS = ["architect", "botanist", "organist", "cartographer", "engineer", "poet", "printmaker", "linguist"] as const;
const NATIONALITIES = ["Danish", "Flemish", "Estonian", "Portuguese", "Welsh", "Slovenian", "Finnish", "Basque"] as const;
const ANIMALS = ["red fox", "barn owl", "common toad", "hedgehog", "otter", "kestrel", "badger", "dormouse", "stag beetle", "pike"] as const;
const PRODUCTS = ["desk lamp", "hiking backpack", "espresso grinder", "wool scarf", "bike light", "cutting board", "rain jacket", "bluetooth speaker"] as const;
const ADJECTIVES = ["lightweight", "handmade", "durable", "compact", "classic", "waterproof", "minimalist", "rechargeable"] as const;
const DISHES = ["lentil soup", "banana bread", "vegetable curry", "apple crumble", "tomato risotto", "oat cookies"] as const;
const INGREDIENTS = ["grated carrot", "rolled oats", "chopped walnuts", "brown sugar", "fresh spinach", "greek yoghurt"] as const;
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;
const ML_TOPICS = ["graph neural networks", "contrastive pretraining", "sparse attention", "federated optimisation", "causal discovery", "speech enhancement", "protein structure prediction", "reinforcement learning from preferences"] as const;
const ML_SETTINGS = ["low-resource regimes", "long-context settings", "non-stationary environments", "noisy-label benchmarks", "multi-task transfer", "on-device inference"] as const;
const BENCHMARKS = ["six standard benchmarks", "three public datasets", "a new synthetic suite", "two held-out domains", "five language pairs"] as const;
const IDENTIFIERS = ["records", "orders", "events", "rows", "samples", "users", "entries", "readings"] as const;
const FIELDS = ["price", "score", "count", "weight", "duration", "level", "rank", "size"] as const;
const TABLES = ["orders", "page_views", "invoices", "sensor_readings", "signups", "shipments"] as const;
const ITEMS = ["pencils", "stickers", "apples", "marbles", "cards", "buttons", "shells", "stamps"] as const;
const USER_HANDLES = ["quietfox", "parsnip", "bytebard", "lowtide", "grepster", "modulus", "nullset", "tinkerer"] as const;

/** Every word list a template draws from, for the tests' answer check. */
export const WORD_LISTS: Readonly<Record<string, readonly string[]>> = {
  FIRST_NAMES, LAST_NAMES, PLACE_PREFIXES, PLACE_SUFFIXES, REGIONS, RIVERS, TAXA, GENERA,
  EPITHETS, HABITATS, PROFESSIONS, NATIONALITIES, ANIMALS, PRODUCTS, ADJECTIVES, DISHES,
  INGREDIENTS, WEEKDAYS, MONTHS, ML_TOPICS, ML_SETTINGS, BENCHMARKS, IDENTIFIERS, FIELDS,
  TABLES, ITEMS, USER_HANDLES,
};

/** Draws filler values from one document's generator. */
export class Filler {
  constructor(readonly random: Uniform) {}

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return randInt(this.random, lo, hi);
  }

  /** A decimal in [lo, hi + 1) with `places` digits after the point. */
  decimal(lo: number, hi: number, places: number): string {
    const fraction = this.int(0, 10 ** places - 1);
    return `${this.int(lo, hi)}.${String(fraction).padStart(places, "0")}`;
  }

  pick<T>(items: readonly T[]): T {
    return pick(this.random, items);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  person(): string {
    return `${this.pick(FIRST_NAMES)} ${this.pick(LAST_NAMES)}`;
  }

  place(): string {
    return this.pick(PLACE_PREFIXES) + this.pick(PLACE_SUFFIXES);
  }
}

type Template = (f: Filler) => string;

const ARXIV: readonly Template[] = [
  (f) =>
    `## Abstract\n\nWe study ${f.pick(ML_TOPICS)} in ${f.pick(ML_SETTINGS)}. Existing methods assume access to large labelled corpora, which rarely holds in practice. We propose a simple estimator with provable guarantees and show that it improves accuracy by ${f.decimal(1, 9, 1)} points on average across ${f.pick(BENCHMARKS)}, while reducing training cost by a factor of ${f.int(2, 9)}. Code is available online.`,
  (f) =>
    `### ${f.int(2, 6)}.${f.int(1, 4)} Problem setup\n\nLet $\\mathcal{D} = \\{(x_i, y_i)\\}_{i=1}^n$ be a dataset drawn i.i.d. from $p(x, y)$. We write $f_\\theta$ for a model with parameters $\\theta \\in \\mathbb{R}^d$ and define the empirical risk $\\hat{R}(\\theta) = \\frac{1}{n} \\sum_i \\ell(f_\\theta(x_i), y_i)$. Following ${f.pick(LAST_NAMES)} et al. (${f.int(2015, 2023)}), we assume $\\ell$ is convex and $L$-smooth.`,
  (f) =>
    `## Related Work\n\n**${f.pick(ML_TOPICS).replace(/^./, (c) => c.toUpperCase())}.** Early work framed the problem as density estimation (${f.pick(LAST_NAMES)}, ${f.int(2008, 2016)}), while recent approaches rely on large pretrained encoders (${f.pick(LAST_NAMES)} and ${f.pick(LAST_NAMES)}, ${f.int(2019, 2023)}). Our analysis differs in that we make no assumption on the data distribution beyond bounded variance, and we evaluate in ${f.pick(ML_SETTINGS)}.`,
  (f) =>
    `## Experiments\n\nWe train all models for ${f.int(3, 9)} epochs with AdamW, a learning rate of $3 \\times 10^{-4}$ and batch size ${f.pick([32, 64, 128, 256])}. Table ${f.int(1, 5)} reports mean accuracy over ${f.int(3, 5)} seeds; differences smaller than one standard deviation are not bolded. On ${f.pick(BENCHMARKS)} our method is within ${f.decimal(0, 2, 1)} points of the oracle.`,
];

const CODE: readonly Template[] = [
  (f) => {
    const x1 = f.int(0, 60);
    const dx = f.int(1, 9);
    const m = f.int(-9, 9);
    const y1 = f.int(0, 60);
    return `\`\`\`python\ndef slope(p1, p2):\n    """Return the slope of the line through two points."""\n    (x1, y1), (x2, y2) = p1, p2\n    if x2 == x1:\n        raise ValueError("vertical line has no slope")\n    return (y2 - y1) / (x2 - x1)\n\n\nprint(slope((${x1}, ${y1}), (${x1 + dx}, ${y1 + m * dx})))  # ${m}.0\n\`\`\``;
  },
  (f) => {
    const name = `${f.pick(["active", "recent", "large", "valid", "pending"])}${f.pick(["Items", "Orders", "Entries", "Users"])}`;
    const field = f.pick(FIELDS);
    return `\`\`\`javascript\n// Returns the ${f.pick(IDENTIFIERS)} whose ${field} exceeds the threshold, newest first.\nexport function ${name}(items, threshold = ${f.int(2, 99)}) {\n  return items\n    .filter((item) => item.${field} > threshold)\n    .sort((a, b) => b.createdAt - a.createdAt)\n    .map((item) => item.id);\n}\n\`\`\``;
  },
  (f) => {
    const table = f.pick(TABLES);
    return `\`\`\`sql\n-- Weekly ${table} per region since the last migration\nSELECT region,\n       date_trunc('week', created_at) AS week,\n       COUNT(*) AS n\nFROM ${table}\nWHERE created_at >= DATE '${f.int(2015, 2023)}-0${f.int(1, 9)}-01'\nGROUP BY region, week\nORDER BY week DESC, n DESC\nLIMIT ${f.int(12, 500)};\n\`\`\``;
  },
  (f) =>
    `\`\`\`python\nclass LruCache:\n    """A small least-recently-used cache for ${f.pick(IDENTIFIERS)}."""\n\n    def __init__(self, capacity=${f.int(16, 1024)}):\n        self.capacity = capacity\n        self.data = {}\n\n    def get(self, key):\n        if key not in self.data:\n            return None\n        value = self.data.pop(key)\n        self.data[key] = value\n        return value\n\`\`\``,
  (f) =>
    `\`\`\`c\n/* Sum of the ${f.pick(FIELDS)} values, each scaled by a constant factor. */\nint scaled_sum(const int *xs, size_t n) {\n    int total = 0;\n    for (size_t i = 0; i < n; i++) {\n        total += xs[i] * ${f.int(2, 9)};\n    }\n    return total;\n}\n\`\`\`\nCompile with \`gcc -O2 -Wall\`; tested on ${f.int(2, 9)} platforms.`,
];

const GENERAL_KNOWLEDGE: readonly Template[] = [
  (f) => {
    const animal = f.pick(ANIMALS);
    return `Fact sheet: the ${animal}.\nHabitat: ${f.pick(HABITATS)} and the edges of farmland.\nDiet: mostly insects, worms and small prey, depending on the season.\nTypical lifespan in the wild: ${f.int(2, 9)} to ${f.int(12, 25)} years.\nDid you know? The ${animal} is most active at dusk, and young ones leave their parents after a few months.`;
  },
  (f) =>
    `Quick facts about ${f.place()}: founded in ${f.int(1100, 1900)}; population ${f.int(800, 90000)}; known for its ${f.pick(["wool market", "clock tower", "river festival", "cheese fair", "stone bridge"])}; twinned with ${f.place()} since ${f.int(1960, 2020)}. The town lies in ${f.pick(REGIONS)} and is served by a regional railway line.`,
  (f) =>
    `Glossary. ${f.pick(["Watershed", "Isobar", "Estuary", "Moraine", "Tributary", "Escarpment"])}: a term used in physical geography. Teachers often introduce it with a local example, such as the ${f.pick(RIVERS)} near ${f.place()}. Related entries: drainage basin, relief, erosion. Level: secondary school. Reviewed by ${f.person()} in ${f.int(2005, 2023)}.`,
];

function workedArithmetic(f: Filler): string {
  const plus = f.chance(0.5);
  const b = f.int(2, 40);
  const a = plus ? f.int(2, 40) : b + f.int(1, 30);
  const c = f.int(2, 19);
  const inner = plus ? a + b : a - b;
  const op = plus ? "+" : "-";
  return `Problem: Evaluate (${a} ${op} ${b}) * ${c}.\nSolution: Work inside the parentheses first: ${a} ${op} ${b} = ${inner}. Then multiply by ${c}: ${inner} * ${c} = ${inner * c}.\nAnswer: ${inner * c}.\nTip: write each intermediate result on its own line so that you can check it.`;
}

function workedSlope(f: Filler): string {
  const x1 = f.int(0, 50);
  const dx = f.int(1, 9);
  const m = f.int(-9, 9);
  const y1 = f.int(0, 50);
  const x2 = x1 + dx;
  const y2 = y1 + m * dx;
  return `Example: find the slope of the line through (${x1}, ${y1}) and (${x2}, ${y2}).\nThe slope is the change in y divided by the change in x:\nm = (y2 - y1) / (x2 - x1) = (${y2} - ${y1}) / (${x2} - ${x1}) = ${y2 - y1} / ${dx} = ${m}.\nSo the line rises ${m} units for every unit to the right.`;
}

function workedLinear(f: Filler): string {
  const a = f.int(2, 9);
  const x = f.int(2, 40);
  const b = f.int(1, 60);
  const c = a * x + b;
  return `Solve ${a}x + ${b} = ${c}.\nStep 1: subtract ${b} from both sides: ${a}x = ${a * x}.\nStep 2: divide both sides by ${a}: x = ${x}.\nCheck: ${a} * ${x} + ${b} = ${c}, so the solution is correct.`;
}

function wordProblem(f: Filler): string {
  const packs = f.int(2, 12);
  const per = f.int(2, 12);
  const total = packs * per;
  const given = f.int(1, total - 1);
  const name = f.pick(FIRST_NAMES);
  const item = f.pick(ITEMS);
  return `Word problem: ${name} buys ${packs} packs of ${item} with ${per} in each pack and gives ${given} of them to friends. How many are left?\nStep 1: ${packs} * ${per} = ${total} ${item} in total.\nStep 2: ${total} - ${given} = ${total - given}.\n${name} has ${total - given} ${item} left.`;
}

const MATH_AND_TRIVIA: readonly Template[] = [
  workedArithmetic,
  workedSlope,
  workedLinear,
  wordProblem,
  (f) =>
    `Pub quiz, round ${f.int(2, 9)}.\nQ1. How many sides does a hexagon have? Six.\nQ2. What is the name of a triangle with three equal sides? Equilateral.\nQ3. What do you call a number divisible only by one and itself? A prime.\nQ4. How many minutes are in ${f.int(2, 9)} hours? Multiply by sixty.\nBonus: name the longest side of a right triangle.`,
];

const MULTILINGUAL: readonly Template[] = [
  (f) =>
    `Die Gemeinde ${f.place()} liegt im Landkreis ${f.place()} und hat rund ${f.int(400, 20000)} Einwohner. Der Ort wurde im Jahr ${f.int(1100, 1500)} erstmals urkundlich erwähnt. Sehenswert sind die alte Dorfkirche, der Marktplatz mit dem Brunnen und ein kleines Heimatmuseum, das an Wochenenden geöffnet ist.`,
  (f) =>
    `${f.place()} est une commune française située dans le département de ${f.place()}. En ${f.int(1990, 2021)}, elle comptait ${f.int(300, 15000)} habitants. Le village est connu pour son marché hebdomadaire, ses vignobles et une chapelle romane restaurée au siècle dernier.`,
  (f) =>
    `${f.place()} es un municipio situado en la comarca de ${f.place()}. Según el censo de ${f.int(1990, 2021)}, tiene ${f.int(300, 25000)} habitantes. Su economía se basa en la agricultura y el turismo rural, y cada verano celebra una feria de artesanía muy conocida en la región.`,
  (f) =>
    `${f.place()} è un comune italiano di ${f.int(300, 12000)} abitanti. Il centro storico conserva una torre medievale e una piccola chiesa barocca. Nel ${f.int(1990, 2021)} il comune ha avviato un progetto per il recupero dei sentieri di montagna, oggi molto frequentati dagli escursionisti.`,
  (f) =>
    `${f.place()} is een dorp in de gemeente ${f.place()}. Het dorp telt ongeveer ${f.int(300, 9000)} inwoners en ligt aan een oude handelsroute. De molen aan de rand van het dorp werd in ${f.int(1700, 1900)} gebouwd en is nog steeds in bedrijf op zaterdagen.`,
  (f) =>
    `${f.place()} är en tätort i ${f.place()} kommun. Orten hade ${f.int(300, 9000)} invånare år ${f.int(1990, 2021)}. Här finns en kyrka från medeltiden, en liten hamn och flera vandringsleder som går längs kusten mot norr.`,
  (f) =>
    `${f.place()} — деревня в районе ${f.place()}. Население составляет ${f.int(100, 5000)} человек (${f.int(2002, 2021)}). В деревне есть школа, почтовое отделение и деревянная церковь, построенная в позапрошлом веке.`,
  (f) =>
    `${f.place()} é uma vila portuguesa com cerca de ${f.int(300, 12000)} habitantes. A vila é conhecida pela sua feira anual, pelo castelo em ruínas e pelas praias fluviais. Em ${f.int(1990, 2021)} foi inaugurado um novo centro cultural junto à praça principal.`,
];

const STACKEXCHANGE: readonly Template[] = [
  (f) => {
    const x1 = f.int(0, 50);
    const dx = f.int(1, 9);
    const m = f.int(-9, 9);
    const y1 = f.int(0, 50);
    return `Q: How do I get the slope between two points in a spreadsheet?\n\nA: Use =SLOPE(known_ys, known_xs), or compute it by hand as (y2 - y1) / (x2 - x1). For the points (${x1}, ${y1}) and (${x1 + dx}, ${y1 + m * dx}) that is ${m * dx} / ${dx} = ${m}. Make sure both ranges have the same length, otherwise the function returns an error.\n\nScore: ${f.int(2, 250)} | answered by ${f.pick(USER_HANDLES)}`;
  },
  (f) =>
    `Title: Why does my loop skip the last element?\n\nI iterate with \`for i in range(len(xs) - 1)\` and the last of my ${f.pick(IDENTIFIERS)} is never processed.\n\nAnswer: range stops before its end argument, so you are excluding the final index twice. Use \`range(len(xs))\`, or better, iterate over the items directly: \`for x in xs\`. Score: ${f.int(2, 400)}`,
  (f) => {
    const b = f.int(2, 30);
    const a = b + f.int(1, 30);
    const c = f.int(2, 12);
    return `Order of operations in (${a} - ${b}) * ${c}\n\nThe parentheses are evaluated first, which gives ${a - b}; multiplying by ${c} then gives ${(a - b) * c}. Without the parentheses, multiplication binds tighter and you would compute ${a} - ${b * c} instead. Every mainstream calculator and programming language follows this convention.\n\n— answered by ${f.pick(USER_HANDLES)}`;
  },
  (f) => {
    const a = f.int(2, 9);
    const x = f.int(2, 30);
    const b = f.int(1, 40);
    const c = a * x + b;
    return `Question: How to solve ${a}x + ${b} = ${c} for x?\n\nAnswer: isolate x one operation at a time. Subtract ${b} from both sides to get ${a}x = ${a * x}, then divide by ${a}: x = ${x}. Substitute back to verify: ${a} * ${x} + ${b} = ${c}. The same two steps work for any equation of the form ax + b = c with a nonzero.`;
  },
];

const WEBDATA: readonly Template[] = [
  (f) =>
    `We use cookies to improve your experience. By continuing to browse you agree to our use of cookies. Manage preferences\n\n${f.pick(ADJECTIVES).replace(/^./, (c) => c.toUpperCase())} ${f.pick(PRODUCTS)} – now €${f.decimal(12, 240, 2)}\nFree delivery on orders over €${f.int(20, 99)}. In stock, ships within ${f.int(1, 5)} working days. Rated ${f.int(3, 5)} out of 5 by our customers.\n\nHome | Shop | Contact | Privacy`,
  (f) =>
    `This ${f.pick(DISHES)} is ready in about ${f.int(20, 90)} minutes and tastes even better the next day. You will need ${f.int(2, 6)} eggs, a cup of ${f.pick(INGREDIENTS)} and a pinch of salt. Preheat the oven to ${f.int(160, 220)} degrees, mix everything in one bowl and bake until golden. Jump to recipe · Print · Save`,
  (f) =>
    `Join us on ${f.pick(WEEKDAYS)}, ${f.pick(MONTHS)} ${f.int(1, 28)} for the ${f.place()} ${f.pick(["summer fair", "book market", "jazz night", "charity run", "food festival"])}! Doors open at ${f.int(2, 9)} pm. Tickets cost €${f.int(5, 40)} at the door, children under ${f.int(6, 10)} go free. Follow us for updates and share this page with your friends.`,
  (f) =>
    `★★★★☆ Reviewed by ${f.pick(FIRST_NAMES)} from ${f.place()}\n"${f.pick(["Does the job", "Great value", "Better than expected", "Solid purchase"])}. The ${f.pick(PRODUCTS)} arrived in ${f.int(2, 9)} days and works as described. Battery lasts about ${f.int(4, 30)} hours. Packaging could be smaller." ${f.int(2, 80)} people found this helpful. Report abuse`,
  (f) =>
    `${f.int(2, 5)}-bedroom house for sale in ${f.place()}. Living area ${f.int(70, 260)} m², garden facing south, garage and cellar. Close to schools, shops and the station. Energy label ${f.pick(["A", "B", "C", "D"])}. Asking price on request. Contact our office to arrange a viewing. Listing ref ${f.int(1000, 99999)}.`,
  (f) =>
    `Day ${f.int(2, 9)} of our trip: we took the early train from ${f.place()} to ${f.place()} and spent the afternoon walking along the old harbour. The weather was perfect and the ferry back only took ${f.int(20, 90)} minutes. Tomorrow we head inland. Leave a comment below if you have tips for the region!`,
];

const WIKI: readonly Template[] = [
  (f) =>
    `${f.place()} is a village in the ${f.place()} district of ${f.pick(REGIONS)}. It lies on the ${f.pick(RIVERS)} river, about ${f.int(3, 40)} kilometres from the district town. At the ${f.int(1991, 2021)} census the village had a population of ${f.int(120, 4000)}. The parish church dates from the ${f.pick(["twelfth", "thirteenth", "fifteenth", "seventeenth"])} century and is a listed building.`,
  (f) => {
    // Genus and group are paired by position so that a moth genus is called a moth.
    const i = f.int(0, GENERA.length - 1);
    return `${GENERA[i] ?? "Carex"} ${f.pick(EPITHETS)} is a species of ${TAXA[i] ?? "sedge"}. It was first described by ${f.person()} in ${f.int(1850, 1990)}. Specimens reach ${f.int(3, 40)} mm and are found in ${f.pick(HABITATS)} across ${f.pick(REGIONS)}. The species is listed as ${f.pick(["of least concern", "near threatened", "vulnerable"])} on the regional red list.`;
  },
  (f) => {
    const born = f.int(1800, 1950);
    return `${f.person()} (${born}–${f.int(born + 40, born + 70)}) was a ${f.pick(NATIONALITIES)} ${f.pick(PROFESSIONS)}. Born in ${f.place()}, they studied at the academy in ${f.place()} and later worked for many years in ${f.pick(REGIONS)}. They are best known for a series of works published in ${f.int(born + 25, born + 39)}, which influenced a generation of colleagues.`;
  },
  (f) =>
    `${f.place()} Athletic is a football club based in ${f.place()}, founded in ${f.int(1870, 1990)}. The club plays its home matches at ${f.place()} Park, which holds ${f.int(800, 12000)} spectators. It currently competes in the regional ${f.pick(["first", "second", "third"])} division and is known for its youth academy.`,
];

const TEMPLATES: Readonly<Record<SourceName, readonly Template[]>> = {
  arxiv_markdown: ARXIV,
  code: CODE,
  general_knowledge: GENERAL_KNOWLEDGE,
  math_and_trivia: MATH_AND_TRIVIA,
  multilingual: MULTILINGUAL,
  stackexchange: STACKEXCHANGE,
  webdata: WEBDATA,
  wiki: WIKI,
};

/** Sentences appended when a filled template falls short of MIN_TEXT_LENGTH. */
const PADDING: Readonly<Record<SourceName, string>> = {
  arxiv_markdown: "\n\nWe release our code and trained models to support further research.",
  code: "\nSee the module documentation for usage notes and known limitations.",
  general_knowledge: " Sources: standard reference works and school textbooks.",
  math_and_trivia: "\nPractise with similar problems until each step feels automatic.",
  multilingual: " Weitere Informationen finden Sie auf der Website der Gemeinde.",
  stackexchange: "\n\nIf this answered your question, consider accepting it.",
  webdata: " Sign up for our newsletter to hear about new offers first.",
  wiki: " This article is a stub. You can help by expanding it.",
};

/** Keeps a text within [MIN_TEXT_LENGTH, MAX_TEXT_LENGTH] characters. */
function fit(text: string, source: SourceName): string {
  let out = text;
  while (out.length < MIN_TEXT_LENGTH) out += PADDING[source];
  if (out.length > MAX_TEXT_LENGTH) {
    const cut = out.lastIndexOf(" ", MAX_TEXT_LENGTH - 1);
    out = out.slice(0, cut > MIN_TEXT_LENGTH ? cut : MAX_TEXT_LENGTH - 1) + "…";
  }
  return out;
}

/** A short realistic text for a document of `source`, drawn with `filler`. */
export function sourceText(source: SourceName, filler: Filler): string {
  return fit(filler.pick(TEMPLATES[source])(filler), source);
}

/** The reasoning tasks whose top documents are procedures (demo query types). */
export type ProcedureTask = "arithmetic" | "slopes" | "linear";

const WORKED: Readonly<Record<ProcedureTask, (f: Filler) => string>> = {
  arithmetic: workedArithmetic,
  slopes: workedSlope,
  linear: workedLinear,
};

/** The same procedure as code: what a code document among a reasoning query's top looks like. */
const PROCEDURE_CODE: Readonly<Record<ProcedureTask, (f: Filler) => string>> = {
  slopes: (f) => (CODE[0] ?? workedSlope)(f),
  arithmetic: (f) => {
    const a = f.int(2, 40);
    const b = f.int(2, 40);
    const c = f.int(2, 9);
    return `\`\`\`python\ndef two_step(a, b, c, op="+"):\n    """Evaluate (a op b) * c, one step at a time."""\n    inner = a + b if op == "+" else a - b  # step 1: the parentheses\n    return inner * c  # step 2: the product\n\n\nassert two_step(${a}, ${b}, ${c}) == ${(a + b) * c}\n\`\`\``;
  },
  linear: (f) => {
    const a = f.int(2, 9);
    const x = f.int(2, 40);
    const b = f.int(1, 60);
    return `\`\`\`python\ndef solve_linear(a, b, c):\n    """Solve a * x + b = c for x."""\n    if a == 0:\n        raise ValueError("no unique solution")\n    return (c - b) / a  # subtract b, then divide by a\n\n\nprint(solve_linear(${a}, ${b}, ${a * x + b}))  # ${x}.0\n\`\`\``;
  },
};

/** How each source frames a worked procedure (a question, a tutorial, an article...). */
const PROCEDURE_FRAME: Readonly<Record<Exclude<SourceName, "code">, (task: ProcedureTask, worked: string, f: Filler) => string>> = {
  math_and_trivia: (_task, worked) => worked,
  stackexchange: (task, worked, f) =>
    `Q: ${task === "slopes" ? "How do I find the slope from two points?" : task === "linear" ? "How do I solve a linear equation step by step?" : "In what order do I evaluate an expression with parentheses?"} (asked by ${f.pick(USER_HANDLES)})\nA: ${worked}`,
  webdata: (task, worked) =>
    `Homework help: ${task === "slopes" ? "finding the slope of a line" : task === "linear" ? "solving equations for x" : "order of operations"}, explained step by step.\n${worked}`,
  wiki: (task, worked) =>
    `${task === "slopes" ? "Slope" : task === "linear" ? "Linear equation" : "Order of operations"} (mathematics). Worked example:\n${worked}`,
  arxiv_markdown: (_task, worked) => `### Appendix: a worked example\n\n${worked}`,
  general_knowledge: (_task, worked) => `Study card. ${worked}`,
  multilingual: (_task, worked) => `Übungsblatt (mit Lösung). ${worked}`,
};

/**
 * A procedure for a reasoning task, in the voice of `source`: what the paper finds at the
 * top of reasoning queries' rankings (code that computes a slope, worked arithmetic, an
 * equation solved step by step), whatever source the document comes from.
 */
export function procedureText(source: SourceName, task: ProcedureTask, filler: Filler): string {
  if (source === "code") return fit(PROCEDURE_CODE[task](filler), source);
  return fit(PROCEDURE_FRAME[source](task, WORKED[task](filler), filler), source);
}

/**
 * A text carrying a fact's reference paragraph, dressed as a wiki article or a
 * general-knowledge entry so it reads like the corpus around it.
 */
export function referenceText(source: SourceName, reference: string, filler: Filler): string {
  const text =
    source === "wiki"
      ? `${reference} The article draws on standard reference works and was last revised in ${filler.int(2015, 2023)}. See also: list of related topics; history of exploration.`
      : `Did you know? ${reference} Trivia compiled by ${filler.person()} for a quiz night in ${filler.place()}.`;
  return fit(text, source);
}


/** Number-free texts, the last resort when every variant of a top document mentions an answer. */
const PLAIN: Readonly<Record<SourceName, string>> = {
  arxiv_markdown:
    "## Conclusion\n\nWe presented a simple method and analysed when it helps. Limitations remain: our guarantees assume bounded noise, and we have not studied very large models. We hope the released code makes follow-up work easier.",
  code: "```python\ndef mean(xs):\n    \"\"\"Arithmetic mean of a non-empty sequence.\"\"\"\n    if not xs:\n        raise ValueError(\"empty input\")\n    return sum(xs) / len(xs)\n```\nA helper shared by the reporting scripts.",
  general_knowledge:
    "Did you know? Hedgehogs roll into a tight ball when threatened, and their spines are modified hairs made of keratin. They are mostly active at night and feed on beetles, worms and caterpillars in gardens and hedgerows.",
  math_and_trivia:
    "Tip for word problems: read the question twice, write down what is given and what is asked, and name each unknown. Then solve one step at a time and check the answer by putting it back into the original question.",
  multilingual:
    "Le village est connu pour son marché hebdomadaire et ses vignobles. Die alte Dorfkirche ist am Wochenende geöffnet. El pueblo celebra cada verano una feria de artesanía muy conocida en la región.",
  stackexchange:
    "Q: Should I commit generated files to the repository?\n\nA: Usually not. Commit the inputs and the script that generates the files, and let the build produce them. Generated files in version control tend to drift out of date.",
  webdata:
    "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies. Manage preferences. Sign up for our newsletter to hear about new offers first. Home | Shop | Contact | Privacy",
  wiki: "The parish church is a listed building with a tower of local stone. The village has a primary school, a public house and a village hall, and lies on a minor road between two market towns. This article is a stub.",
};

/** A fixed text without digits for `source` (see PLAIN). */
export function plainText(source: SourceName): string {
  return PLAIN[source];
}

const NUMBER_TOKEN = /\d{1,3}(?:,\d{3})+|\d+/g;

/** A numeric answer's canonical digits: sign, separators and leading zeros dropped. */
function canonicalDigits(digits: string): string {
  return digits.replace(/[-,]/g, "").replace(/^0+(?=\d)/, "");
}

/**
 * A test of whether a text mentions any of `answers`, matched conservatively so that
 * anything an answer-occurrence matcher could find counts: a numeric answer matches any
 * run of digits, comma-grouped number, or group of one, with the same absolute value;
 * any other answer matches as a case-insensitive substring.
 */
export function mentionsAny(answers: readonly string[]): (text: string) => boolean {
  const numbers = new Set<string>();
  const words: string[] = [];
  for (const answer of answers) {
    if (/^-?\d[\d,]*$/.test(answer)) numbers.add(canonicalDigits(answer));
    else words.push(answer.toLowerCase());
  }
  return (text) => {
    if (words.length > 0) {
      const lower = text.toLowerCase();
      if (words.some((word) => lower.includes(word))) return true;
    }
    if (numbers.size === 0) return false;
    for (const match of text.matchAll(NUMBER_TOKEN)) {
      const token = match[0];
      if (numbers.has(canonicalDigits(token))) return true;
      if (token.includes(",") && token.split(",").some((group) => numbers.has(canonicalDigits(group)))) return true;
    }
    return false;
  };
}
