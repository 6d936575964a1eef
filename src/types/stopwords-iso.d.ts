// stopwords-iso is one JSON file: ISO 639-1 code -> stop words.
declare module 'stopwords-iso' {
  const lists: Readonly<Record<string, readonly string[]>> & {
    readonly zh: readonly string[];
    readonly ja: readonly string[];
  };
  export default lists;
}
