/**
 * Deterministic filler: `pages` pages of plausible prose on topics unrelated to any
 * persona (gardening, shipping, geology, cooking, ...). It shares everyday words with
 * visitors' questions ("work", "team", "years", "based"), as real unrelated documents do.
 */
export function unrelatedPages(pages: number, seed = 42): string {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32: tiny, seedable, good enough to vary sentences.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const subjects = [
    'The harbour crew',
    'A team of gardeners',
    'The village baker',
    'Geologists',
    'The museum curator',
    'Local farmers',
    'The ferry company',
    'A choir',
    'The weather station',
    'Beekeepers',
    'The town council',
    'Potters',
  ];
  const verbs = [
    'worked on',
    'studied',
    'repaired',
    'planted',
    'measured',
    'painted',
    'catalogued',
    'rebuilt',
    'harvested',
    'described',
    'moved',
    'tested',
  ];
  const objects = [
    'the old lighthouse',
    'a field of barley',
    'limestone cliffs',
    'the copper kettles',
    'forty beehives',
    'the northern orchard',
    'a wooden schooner',
    'the river delta',
    'clay tiles',
    'the cathedral organ',
    'salt marshes',
    'winter wheat',
  ];
  const tails = [
    'for many years',
    'during the long winter',
    'after the spring floods',
    'with borrowed tools',
    'based on old maps',
    'before the market opened',
    'under a grey sky',
    'in the valley town',
    'as the tide turned',
    'with great patience',
    'for the summer fair',
    'over three seasons',
  ];
  const extras = [
    'Visitors often asked about the work.',
    'Nobody kept written records.',
    'The results surprised everyone.',
    'It rained for most of the week.',
    'The stars were bright that night.',
    'The project took longer than planned.',
    'Experience mattered more than speed.',
    'A short talk followed in the hall.',
  ];
  const out: string[] = [];
  for (let page = 1; page <= pages; page++) {
    out.push(`## Almanac page ${page}`);
    for (let paragraph = 0; paragraph < 8; paragraph++) {
      const sentences: string[] = [];
      for (let s = 0; s < 5; s++) {
        sentences.push(
          random() < 0.2 ? pick(extras) : `${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(tails)}.`,
        );
      }
      out.push(sentences.join(' '));
    }
  }
  return out.join('\n\n');
}
