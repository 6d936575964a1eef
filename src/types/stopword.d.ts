// stopword 3 ships no types; only what the domain uses is declared.
declare module 'stopword' {
  export function removeStopwords(tokens: readonly string[], stopwords?: readonly string[]): string[];
  export const eng: readonly string[];
  export const spa: readonly string[];
  export const fra: readonly string[];
  export const deu: readonly string[];
  export const por: readonly string[];
  export const ita: readonly string[];
  export const nld: readonly string[];
}
