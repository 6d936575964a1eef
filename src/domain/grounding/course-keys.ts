/**
 * The course layout's facts.json keys as owners write them in other languages or spellings
 * ("idiomas", "Sprachen", "hobbys"): read with the course key's meaning, so "What languages do
 * you speak?" finds `"idiomas"` and is answered "I speak ...". Spanish, Portuguese, French,
 * German, Italian and common variants; keys compared in lower case with spaces and dashes as "_".
 */
const ALIASES: Readonly<Record<string, string>> = {
  languages: 'languages',
  spoken_languages: 'languages',
  language: 'languages',
  idiomas: 'languages',
  lenguas: 'languages',
  langues: 'languages',
  sprachen: 'languages',
  lingue: 'languages',
  linguas: 'languages',
  línguas: 'languages',
  hobbies: 'hobbies',
  hobby: 'hobbies',
  hobbys: 'hobbies',
  pasatiempos: 'hobbies',
  aficiones: 'hobbies',
  loisirs: 'hobbies',
  passe_temps: 'hobbies',
  freizeit: 'hobbies',
  passatempos: 'hobbies',
  passatempi: 'hobbies',
  interests: 'interests',
  intereses: 'interests',
  intérêts: 'interests',
  interessen: 'interests',
  interesses: 'interests',
  interessi: 'interests',
  education: 'education',
  educación: 'education',
  formación: 'education',
  formation: 'education',
  ausbildung: 'education',
  formação: 'education',
  istruzione: 'education',
  specialties: 'specialties',
  specialities: 'specialties',
  skills: 'specialties',
  especialidades: 'specialties',
  compétences: 'specialties',
  fähigkeiten: 'specialties',
  competenze: 'specialties',
};

/** The course key `key` stands for, or `key` itself when it is no known alias. */
export function courseKeyOf(key: string): string {
  return ALIASES[key.toLowerCase().replace(/[\s-]+/gu, '_')] ?? key;
}
