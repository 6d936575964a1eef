import type { Persona } from '../../src/domain/persona/persona.js';

/** A small persona unrelated to the sample one, so tests never depend on the shipped persona's wording. */
export function testPersona(overrides: Partial<Persona> = {}): Persona {
  return {
    facts: {
      name: 'Noor',
      full_name: 'Noor Haddad',
      current_role: 'Principal Acoustician at Resonant Works',
      location: 'Valparaíso, Chile',
      email: 'noor@example.org',
      specialties: ['room acoustics', 'noise modelling', 'concert hall design'],
      years_experience: 14,
      education: [{ degree: 'PhD Acoustics', institution: 'Universidad Técnica', year: 2011 }],
      instruments: ['cello', 'theremin'],
    },
    summary: 'I design concert halls and quiet offices. I believe silence is an engineering material.',
    style: 'Warm, precise, fond of analogies from music.',
    documents: [
      {
        source: 'summary.txt',
        kind: 'summary',
        text: 'I design concert halls and quiet offices. I believe silence is an engineering material.',
      },
      {
        source: 'projects.md',
        kind: 'knowledge',
        text: '# Projects\n\nThe Aurora Hall retrofit cut reverberation time from 3.1 to 2.2 seconds.\n\nI wrote the open-source tool EchoMap for predicting flutter echoes.',
      },
    ],
    version: 'test-v1',
    ...overrides,
  };
}
