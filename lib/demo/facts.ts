/*
 * The factual questions of the demo datasets, in the paper's prompt style: 40 real facts
 * (with the model's completion when right and when wrong, and a reference paragraph that
 * contains the answer, planted in the corpus) and 10 factual controls about invented
 * things, whose answers appear in the prompt itself and nowhere in the corpus.
 *
 * Answers are chosen so that none contains another, no word list of the corpus texts
 * contains any, and each reference paragraph contains its own answer and no other; the
 * reasoning answers are drawn to avoid every number the paragraphs print. The tests
 * check all four.
 */

/** One real fact: the question, both completions, and an answer-bearing paragraph. */
export interface Fact {
  prompt: string;
  /** The key string answer-occurrence analysis looks for. */
  answer: string;
  /** The completion when the model answers correctly; contains `answer`. */
  completion: string;
  /** The completion when it answers wrongly. */
  wrong: string;
  /** A reference paragraph containing `answer`, as a wiki or general-knowledge text. */
  reference: string;
}

/** Forty distinct real facts. */
export const FACTS: readonly Fact[] = [
  {
    prompt: "What is the tallest mountain in the world and how tall is it?",
    answer: "Mount Everest",
    completion:
      "The tallest mountain in the world is Mount Everest, on the border between Nepal and China. Its summit is 8,849 meters (29,032 feet) above sea level.",
    wrong:
      "The tallest mountain in the world is K2, in the Karakoram range on the border between Pakistan and China. It rises 8,611 meters above sea level.",
    reference:
      "Mount Everest, known in Nepali as Sagarmatha and in Tibetan as Chomolungma, is Earth's highest mountain above sea level. A joint Chinese and Nepali survey put the height of its snow-covered summit at 8,849 metres.",
  },
  {
    prompt: "What is the capital of Australia?",
    answer: "Canberra",
    completion: "The capital of Australia is Canberra, located in the Australian Capital Territory.",
    wrong: "The capital of Australia is Sydney, the country's largest city.",
    reference:
      "Canberra is the capital city of Australia. Chosen as a compromise between Sydney and Melbourne, it was purpose-built after an international design competition won by Walter Burley Griffin and Marion Mahony Griffin.",
  },
  {
    prompt: "What is the capital of Canada?",
    answer: "Ottawa",
    completion: "The capital of Canada is Ottawa, which is located in the province of Ontario.",
    wrong: "The capital of Canada is Toronto, which is located in the province of Ontario.",
    reference:
      "Ottawa is the capital city of Canada. It stands on the south bank of the Ottawa River in the eastern portion of southern Ontario, and was chosen as the seat of government by Queen Victoria.",
  },
  {
    prompt: "What is the capital of Mongolia?",
    answer: "Ulaanbaatar",
    completion:
      "The capital of Mongolia is Ulaanbaatar. It is the country's largest city and home to about half of its population.",
    wrong: "The capital of Mongolia is Darkhan, an industrial city in the north of the country.",
    reference:
      "Ulaanbaatar is the capital and most populous city of Mongolia. Founded as a mobile Buddhist monastic centre, it settled permanently at its present location on the Tuul River in the eighteenth century.",
  },
  {
    prompt: "Which chemical element has the symbol W?",
    answer: "tungsten",
    completion:
      "The chemical element with the symbol W is tungsten. The symbol comes from its other name, wolfram.",
    wrong: "The chemical element with the symbol W is vanadium, a hard transition metal.",
    reference:
      "Tungsten, also known as wolfram, is a chemical element with the symbol W. It is a rare metal found naturally on Earth almost exclusively combined with other elements, and it has the highest melting point of all known metals.",
  },
  {
    prompt: "Who wrote the novel One Hundred Years of Solitude?",
    answer: "Gabriel García Márquez",
    completion:
      "One Hundred Years of Solitude was written by the Colombian author Gabriel García Márquez and first published in 1967.",
    wrong: "One Hundred Years of Solitude was written by the Argentine author Jorge Luis Borges.",
    reference:
      "One Hundred Years of Solitude is a landmark novel by the Colombian author Gabriel García Márquez. It tells the multi-generational story of the Buendía family in the fictional town of Macondo.",
  },
  {
    prompt: "In which year did the Berlin Wall fall?",
    answer: "1989",
    completion:
      "The Berlin Wall fell in 1989, on the night of 9 November, when the East German government opened the border crossings.",
    wrong: "The Berlin Wall fell in 1991, shortly before the dissolution of the Soviet Union.",
    reference:
      "The fall of the Berlin Wall on the night of 9 November 1989 was a pivotal event in world history. East German authorities unexpectedly opened the border crossings, and crowds began to dismantle the wall.",
  },
  {
    prompt: "Who painted The Starry Night?",
    answer: "Vincent van Gogh",
    completion:
      "The Starry Night was painted by the Dutch post-impressionist artist Vincent van Gogh in June 1889.",
    wrong: "The Starry Night was painted by the French impressionist Claude Monet.",
    reference:
      "The Starry Night is an oil-on-canvas painting by the Dutch post-impressionist painter Vincent van Gogh. Painted in June 1889, it depicts the view from the east-facing window of his asylum room at Saint-Rémy-de-Provence.",
  },
  {
    prompt: "What is the longest river in Africa?",
    answer: "Nile",
    completion:
      "The longest river in Africa is the Nile, which flows north into the Mediterranean Sea.",
    wrong: "The longest river in Africa is the Congo, which flows into the Atlantic.",
    reference:
      "The Nile is a major north-flowing river in northeastern Africa and the longest river on the continent. It flows through eleven countries before it empties into the Mediterranean Sea.",
  },
  {
    prompt: "What is the largest planet in the solar system?",
    answer: "Jupiter",
    completion:
      "The largest planet in the solar system is Jupiter, a gas giant more than twice as massive as all the other planets combined.",
    wrong: "The largest planet in the solar system is Neptune, the outermost of the ice giants.",
    reference:
      "Jupiter is the fifth planet from the Sun and the largest in the solar system. It is a gas giant with a mass more than two and a half times that of all the other planets combined.",
  },
  {
    prompt: "Who developed the theory of general relativity?",
    answer: "Albert Einstein",
    completion:
      "The theory of general relativity was developed by Albert Einstein, who published it in 1915.",
    wrong: "The theory of general relativity was developed by Max Planck.",
    reference:
      "General relativity is the geometric theory of gravitation published by Albert Einstein in 1915. It generalises special relativity and describes gravity as a property of the curvature of spacetime.",
  },
  {
    prompt: "Which noble gas has the atomic number 54?",
    answer: "xenon",
    completion: "The noble gas with atomic number 54 is xenon.",
    wrong: "The noble gas with atomic number 54 is krypton.",
    reference:
      "Xenon is a dense, colourless and odourless noble gas found in the atmosphere in trace amounts. Although generally unreactive, it can form a few compounds, and it is used in flash lamps and arc lamps.",
  },
  {
    prompt: "In which year did humans first land on the Moon?",
    answer: "1969",
    completion:
      "Humans first landed on the Moon in 1969, when Neil Armstrong and Buzz Aldrin stepped onto the surface during the Apollo 11 mission.",
    wrong: "Humans first landed on the Moon in 1968, during the Apollo 8 mission.",
    reference:
      "The first crewed landing on the Moon took place in July 1969. Commander Neil Armstrong and lunar module pilot Buzz Aldrin landed the lunar module Eagle, while Michael Collins remained in orbit.",
  },
  {
    prompt: "What is the capital of Kenya?",
    answer: "Nairobi",
    completion: "The capital of Kenya is Nairobi, which is also the country's largest city.",
    wrong: "The capital of Kenya is Mombasa, a port city on the Indian Ocean coast.",
    reference:
      "Nairobi is the capital and largest city of Kenya. The name comes from a Maasai phrase meaning place of cool waters, a reference to the Nairobi River which flows through the city.",
  },
  {
    prompt: "Who was the first person to reach the South Pole?",
    answer: "Roald Amundsen",
    completion:
      "The first person to reach the South Pole was the Norwegian explorer Roald Amundsen, whose expedition arrived in December 1911.",
    wrong: "The first person to reach the South Pole was the British explorer Robert Falcon Scott.",
    reference:
      "Roald Amundsen was a Norwegian explorer of polar regions. He led the first expedition to reach the South Pole, arriving in December 1911, several weeks ahead of the British party led by Robert Falcon Scott.",
  },
  {
    prompt: "What is the deepest known point in the world's oceans?",
    answer: "Challenger Deep",
    completion:
      "The deepest known point in the world's oceans is the Challenger Deep, at the southern end of the Mariana Trench.",
    wrong: "The deepest known point in the world's oceans is the Puerto Rico Trench in the Atlantic.",
    reference:
      "The Challenger Deep is the deepest known point of the seabed, at the southern end of the Mariana Trench in the western Pacific. Its depth is estimated at roughly 10,935 metres below sea level.",
  },
  {
    prompt: "Which composer wrote the opera The Magic Flute?",
    answer: "Mozart",
    completion: "The Magic Flute was composed by Wolfgang Amadeus Mozart and premiered in Vienna in 1791.",
    wrong: "The Magic Flute was composed by Ludwig van Beethoven.",
    reference:
      "The Magic Flute is an opera in two acts by Wolfgang Amadeus Mozart to a German libretto by Emanuel Schikaneder. It premiered in Vienna in September 1791, only weeks before the composer's death.",
  },
  {
    prompt: "In which year did the Titanic sink?",
    answer: "1912",
    completion:
      "The Titanic sank in 1912, in the early hours of 15 April, after striking an iceberg on her maiden voyage.",
    wrong: "The Titanic sank in 1915, after being struck by a torpedo.",
    reference:
      "RMS Titanic was a British passenger liner that sank in the North Atlantic in April 1912 after striking an iceberg during her maiden voyage from Southampton to New York City.",
  },
  {
    prompt: "Who discovered penicillin?",
    answer: "Alexander Fleming",
    completion: "Penicillin was discovered by the Scottish physician and microbiologist Alexander Fleming in 1928.",
    wrong: "Penicillin was discovered by the French chemist Louis Pasteur.",
    reference:
      "Alexander Fleming was a Scottish physician and microbiologist. His discovery of penicillin, the first broadly effective antibiotic, in 1928 is regarded as one of the most important advances in medicine.",
  },
  {
    prompt: "What is the hardest naturally occurring mineral?",
    answer: "diamond",
    completion: "The hardest naturally occurring mineral is diamond, which ranks at the top of the Mohs scale.",
    wrong: "The hardest naturally occurring mineral is corundum, the mineral of rubies and sapphires.",
    reference:
      "Diamond is a solid form of the element carbon with its atoms arranged in a crystal structure called diamond cubic. It has the highest hardness and thermal conductivity of any natural material.",
  },
  {
    prompt: "What is the largest hot desert in the world?",
    answer: "Sahara",
    completion: "The largest hot desert in the world is the Sahara, which covers much of North Africa.",
    wrong: "The largest hot desert in the world is the Arabian Desert.",
    reference:
      "The Sahara is a desert spanning North Africa. With an area of about nine million square kilometres, it is the largest hot desert in the world and the third-largest desert overall.",
  },
  {
    prompt: "What is the capital of Vietnam?",
    answer: "Hanoi",
    completion: "The capital of Vietnam is Hanoi, located on the banks of the Red River.",
    wrong: "The capital of Vietnam is Ho Chi Minh City, formerly known as Saigon.",
    reference:
      "Hanoi is the capital of Vietnam and the country's second-most populous city. It lies in the Red River Delta and has been an important political centre for more than a thousand years.",
  },
  {
    prompt: "Which planet is best known for its prominent ring system?",
    answer: "Saturn",
    completion: "The planet best known for its prominent ring system is Saturn.",
    wrong: "The planet best known for its prominent ring system is Uranus.",
    reference:
      "Saturn is the sixth planet from the Sun and the second largest in the solar system. It is best known for its prominent ring system, made mostly of ice particles with smaller amounts of rocky debris.",
  },
  {
    prompt: "Who was the first woman to win a Nobel Prize?",
    answer: "Marie Curie",
    completion:
      "The first woman to win a Nobel Prize was Marie Curie, who shared the Nobel Prize in Physics in 1903.",
    wrong: "The first woman to win a Nobel Prize was Rosalind Franklin.",
    reference:
      "Marie Curie was a Polish and naturalised-French physicist and chemist who conducted pioneering research on radioactivity. She was the first woman to win a Nobel Prize and the only person to win Nobel Prizes in two sciences.",
  },
  {
    prompt: "Which language has the most native speakers?",
    answer: "Mandarin",
    completion: "The language with the most native speakers is Mandarin Chinese.",
    wrong: "The language with the most native speakers is English.",
    reference:
      "Mandarin is a group of Chinese language varieties spoken natively across most of northern and southwestern China. Counted together, these varieties have more native speakers than any other language.",
  },
  {
    prompt: "In what year did the Second World War end?",
    answer: "1945",
    completion:
      "The Second World War ended in 1945, with the surrender of Germany in May and of Japan in September.",
    wrong: "The Second World War ended in 1944, after the Normandy landings.",
    reference:
      "The Second World War ended in 1945. Germany surrendered unconditionally in May, and Japan announced its surrender in August and signed the instrument of surrender in early September.",
  },
  {
    prompt: "What is the largest ocean on Earth?",
    answer: "Pacific Ocean",
    completion: "The largest ocean on Earth is the Pacific Ocean, covering about a third of the planet's surface.",
    wrong: "The largest ocean on Earth is the Atlantic Ocean.",
    reference:
      "The Pacific Ocean is the largest and deepest of the world's five oceanic divisions. It extends from the Arctic in the north to the Southern Ocean in the south and covers about a third of Earth's surface.",
  },
  {
    prompt: "Who wrote the novel Pride and Prejudice?",
    answer: "Jane Austen",
    completion: "Pride and Prejudice was written by the English novelist Jane Austen and published in 1813.",
    wrong: "Pride and Prejudice was written by Charlotte Brontë.",
    reference:
      "Pride and Prejudice is a novel of manners by Jane Austen, first published in 1813. It follows the turbulent relationship between Elizabeth Bennet and the proud landowner Fitzwilliam Darcy.",
  },
  {
    prompt: "What is the capital of Argentina?",
    answer: "Buenos Aires",
    completion: "The capital of Argentina is Buenos Aires, on the western shore of the Río de la Plata.",
    wrong: "The capital of Argentina is Córdoba.",
    reference:
      "Buenos Aires is the capital and primate city of Argentina. It is located on the western shore of the Río de la Plata, on South America's southeastern coast.",
  },
  {
    prompt: "Which gas do plants absorb from the air for photosynthesis?",
    answer: "carbon dioxide",
    completion:
      "Plants absorb carbon dioxide from the air and, using light energy, turn it into sugars, releasing oxygen.",
    wrong: "Plants absorb oxygen from the air for photosynthesis.",
    reference:
      "In photosynthesis, plants take in carbon dioxide from the air through small pores in their leaves. Using energy from sunlight, they combine it with water to produce sugars and release oxygen as a by-product.",
  },
  {
    prompt: "Who is credited with inventing the telephone?",
    answer: "Alexander Graham Bell",
    completion: "The invention of the telephone is usually credited to Alexander Graham Bell, who patented it in 1876.",
    wrong: "The invention of the telephone is usually credited to Thomas Edison.",
    reference:
      "Alexander Graham Bell was a Scottish-born inventor, scientist and engineer who is credited with patenting the first practical telephone. He also co-founded the American Telephone and Telegraph Company.",
  },
  {
    prompt: "Which African country has the largest population?",
    answer: "Nigeria",
    completion: "The African country with the largest population is Nigeria.",
    wrong: "The African country with the largest population is Ethiopia.",
    reference:
      "Nigeria is a country in West Africa on the Gulf of Guinea. It is the most populous country in Africa, and its largest city, Lagos, is one of the largest metropolitan areas in the world.",
  },
  {
    prompt: "What is the longest bone in the human body?",
    answer: "femur",
    completion: "The longest bone in the human body is the femur, or thigh bone.",
    wrong: "The longest bone in the human body is the tibia, or shin bone.",
    reference:
      "The femur, or thigh bone, is the only bone in the thigh and the longest and strongest bone in the human body. Its head forms the ball of the hip joint and its lower end meets the knee.",
  },
  {
    prompt: "In what year was the United States Declaration of Independence signed?",
    answer: "1776",
    completion: "The United States Declaration of Independence was adopted and signed in 1776.",
    wrong: "The United States Declaration of Independence was signed in 1789.",
    reference:
      "The Declaration of Independence was adopted by the Second Continental Congress meeting in Philadelphia in July 1776. It explained why the thirteen colonies regarded themselves as independent states.",
  },
  {
    prompt: "What is the capital of Norway?",
    answer: "Oslo",
    completion: "The capital of Norway is Oslo, at the head of the Oslofjord.",
    wrong: "The capital of Norway is Bergen, on the west coast.",
    reference:
      "Oslo is the capital and most populous city of Norway. It lies at the northern end of the Oslofjord and has been the seat of the national government since the early nineteenth century.",
  },
  {
    prompt: "Who formulated the three laws of motion?",
    answer: "Isaac Newton",
    completion: "The three laws of motion were formulated by Isaac Newton in his Principia, published in 1687.",
    wrong: "The three laws of motion were formulated by Galileo Galilei.",
    reference:
      "Isaac Newton was an English mathematician and physicist. In his Principia, published in 1687, he set out the three laws of motion and the law of universal gravitation.",
  },
  {
    prompt: "What is the largest animal that has ever lived?",
    answer: "blue whale",
    completion: "The largest animal that has ever lived is the blue whale, which can weigh up to 190 tonnes.",
    wrong: "The largest animal that has ever lived is Argentinosaurus, a giant sauropod dinosaur.",
    reference:
      "The blue whale is a marine mammal belonging to the baleen whales. Reaching lengths of up to about thirty metres, it is the largest animal known to have ever existed.",
  },
  {
    prompt: "Which city hosted the 2008 Summer Olympics?",
    answer: "Beijing",
    completion: "The 2008 Summer Olympics were hosted by Beijing, China.",
    wrong: "The 2008 Summer Olympics were hosted by Athens, Greece.",
    reference:
      "The Games of the XXIX Olympiad were held in Beijing in August 2008. The opening ceremony took place at the Beijing National Stadium, nicknamed the Bird's Nest.",
  },
  {
    prompt: "Who was the first president of the United States?",
    answer: "George Washington",
    completion: "The first president of the United States was George Washington, who took office in 1789.",
    wrong: "The first president of the United States was John Adams.",
    reference:
      "George Washington was an American military officer and statesman who served as the first president of the United States. He had commanded the Continental Army during the Revolutionary War.",
  },
  {
    prompt: "What is the speed of light in a vacuum, in kilometres per second?",
    answer: "299,792",
    completion: "The speed of light in a vacuum is about 299,792 kilometres per second.",
    wrong: "The speed of light in a vacuum is about 310,000 kilometres per second.",
    reference:
      "The speed of light in vacuum is a universal physical constant. Light travels about 299,792 kilometres per second, so it needs a little over a second to reach Earth from the Moon.",
  },
];

/** One factual control: the answer is stated in the prompt; nothing in the corpus knows it. */
export interface ControlFact {
  prompt: string;
  answer: string;
  completion: string;
  wrong: string;
}

/** Ten factual controls in the paper's style: invented facts, stated then asked. */
export const FACT_CONTROLS: readonly ControlFact[] = [
  {
    prompt:
      "The planet Vessor has many mountains, of which the tallest is called Drumark, at 31,200 feet.\nWhat is the tallest mountain on the planet Vessor called and how tall is it?",
    answer: "Drumark",
    completion: "The tallest mountain on the planet Vessor is called Drumark and it is 31,200 feet tall.",
    wrong: "The tallest mountain on the planet Vessor is called Vessor Peak.",
  },
  {
    prompt:
      "In the novel, the capital of the island nation of Pellmora is a port city called Astrevin.\nWhat is the capital of Pellmora in the novel?",
    answer: "Astrevin",
    completion: "In the novel, the capital of Pellmora is the port city of Astrevin.",
    wrong: "In the novel, the capital of Pellmora is not named.",
  },
  {
    prompt:
      "In a fictional star system, the brightest star of the constellation Heron is a blue giant called Tessaly.\nWhat is the brightest star of the constellation Heron called?",
    answer: "Tessaly",
    completion: "The brightest star of the constellation Heron is the blue giant Tessaly.",
    wrong: "The brightest star of the constellation Heron is called Heron Prime.",
  },
  {
    prompt:
      "On the map the author drew, the river that separates Quellin from Dorvast is called the Amberflow.\nWhich river separates Quellin from Dorvast?",
    answer: "Amberflow",
    completion: "The river that separates Quellin from Dorvast is the Amberflow.",
    wrong: "The river that separates Quellin from Dorvast is the Quellin River.",
  },
  {
    prompt:
      "The fictional moon Orrim is covered by a single ocean, known as the Velvet Sea.\nWhat is the ocean on Orrim called?",
    answer: "Velvet Sea",
    completion: "The ocean that covers the moon Orrim is called the Velvet Sea.",
    wrong: "The ocean that covers the moon Orrim is called the Orrim Ocean.",
  },
  {
    prompt:
      "In the story, the headmaster of the Larkspur Academy in the year 2090 is called Ottilie Brandeis.\nWho is the headmaster of the Larkspur Academy in 2090?",
    answer: "Ottilie Brandeis",
    completion: "In the story, the headmaster of the Larkspur Academy in 2090 is Ottilie Brandeis.",
    wrong: "In the story, the headmaster of the Larkspur Academy in 2090 is not named.",
  },
  {
    prompt:
      "The band released a B-side called \"Lanterns Over Halvard\", written by their drummer Coby Marsh.\nWho wrote the song \"Lanterns Over Halvard\"?",
    answer: "Coby Marsh",
    completion: "The song \"Lanterns Over Halvard\" was written by the band's drummer, Coby Marsh.",
    wrong: "The song \"Lanterns Over Halvard\" was written by the band's singer.",
  },
  {
    prompt:
      "The Guild of Northern Weavers has a simple motto: \"Thread by Thread, Year by Year\".\nWhat is the motto of the Guild of Northern Weavers?",
    answer: "Thread by Thread, Year by Year",
    completion: "The motto of the Guild of Northern Weavers is \"Thread by Thread, Year by Year\".",
    wrong: "The motto of the Guild of Northern Weavers is \"Strength in Unity\".",
  },
  {
    prompt:
      "In the museum's collection, the oldest clock is the Brennart, while the largest is the Vollmund.\nWhich is the oldest clock in the collection?",
    answer: "Brennart",
    completion: "The oldest clock in the museum's collection is the Brennart.",
    wrong: "The oldest clock in the museum's collection is the Vollmund.",
  },
  {
    prompt:
      "The two sisters opened their bakery, the Copper Kettle, in a converted mill called Harrowgate.\nWhere did the sisters open their bakery?",
    answer: "Harrowgate",
    completion: "The sisters opened the Copper Kettle in a converted mill called Harrowgate.",
    wrong: "The sisters opened the Copper Kettle in the town square.",
  },
];
