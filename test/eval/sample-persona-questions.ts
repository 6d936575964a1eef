/**
 * The evaluation set for the sample persona (persona/): questions a visitor might ask,
 * each with the fact its answer must contain (any one of `expect`, case-insensitive),
 * and questions the persona cannot answer. Some are in other languages or have typos.
 * Written from facts.json, summary.txt, projects.md and the text of linkedin.pdf.
 */
export interface AnswerableQuestion {
  readonly question: string;
  readonly expect: readonly string[];
}

export const ANSWERABLE: readonly AnswerableQuestion[] = [
  { question: 'Where are you based?', expect: ['Lisbon'] },
  { question: 'What is your current job?', expect: ['Staff Platform Engineer'] },
  { question: 'Which company do you work for?', expect: ['Lumenfold'] },
  { question: "What's your full name?", expect: ['Fenwick-Adeyemi'] },
  { question: 'How many years of experience do you have?', expect: ['11 years', 'eleven years'] },
  { question: 'What are your specialties?', expect: ['Distributed systems'] },
  { question: "Where did you do your master's degree?", expect: ['Northmere'] },
  { question: 'What did you study at university?', expect: ['Mathematics', 'Computer Science'] },
  { question: 'What was your thesis about?', expect: ['Back-pressure in actor systems'] },
  { question: 'What is your email address?', expect: ['oriel@example.com'] },
  { question: 'Can I see your LinkedIn profile?', expect: ['linkedin.example.com'] },
  { question: 'Which languages do you speak?', expect: ['Portuguese'] },
  { question: 'What are your hobbies?', expect: ['Bouldering'] },
  { question: 'Are you looking for a full-time role?', expect: ['not looking for a full-time role'] },
  { question: 'What is Tidewater?', expect: ['idempotent event handlers'] },
  { question: 'How many GitHub stars does Tidewater have?', expect: ['2,300'] },
  { question: 'Which licence is Tidewater released under?', expect: ['MIT'] },
  { question: 'What did Tidewater version 3.0 add?', expect: ['DynamoDB backend'] },
  { question: 'How big is your platform team?', expect: ['6 engineers', 'six engineers'] },
  { question: 'How much did the fleet telemetry stream improve ingest latency?', expect: ['400 milliseconds'] },
  { question: 'How many warehouse robots send telemetry?', expect: ['1,200'] },
  { question: 'By how much did the telemetry cloud bill fall?', expect: ['35 percent'] },
  { question: 'How long did the telemetry rollout take?', expect: ['five months'] },
  { question: 'Tell me about the payouts ledger', expect: ['idempotency key', 'idempotent payouts ledger'] },
  { question: 'How many payouts does the ledger process each month?', expect: ['3 million'] },
  { question: 'Where did you work before Lumenfold?', expect: ['Quillbridge'] },
  { question: 'Where did you start your career?', expect: ['Harrowgate'] },
  { question: 'What did you build at Harrowgate Analytics?', expect: ['pipelines'] },
  { question: 'Which keynote did you give?', expect: ['Boring Distributed Systems'] },
  { question: 'What was your talk at the Lisbon Node Meetup?', expect: ['Idempotency Keys Are a Promise'] },
  { question: 'What is your newsletter called?', expect: ['Backpressure'] },
  { question: 'How many subscribers does your newsletter have?', expect: ['4,000'] },
  { question: 'Which certifications do you hold?', expect: ['Certified Kubernetes Administrator'] },
  { question: 'How did you reduce paging alerts?', expect: ['service level objectives'] },
  { question: 'What is your sourdough starter called?', expect: ['Brunel'] },
  { question: 'Did you mentor engineers at Quillbridge?', expect: ['Mentored 5 engineers'] },
  { question: 'Which talk did you give at NorthStack Conf?', expect: ['Back-pressure for People Who Hate Queues'] },
  { question: 'Are you open to mentoring or advisory work?', expect: ['advisory engagements'] },
  // Typos
  { question: 'Wher are you baesd?', expect: ['Lisbon'] },
  { question: 'Tel me about Tidwater', expect: ['idempotent event handlers'] },
  { question: 'Wat are your speciallties?', expect: ['Distributed systems'] },
  { question: 'How many yeras of experiance do you have?', expect: ['11 years', 'eleven years'] },
  // Other languages
  { question: '¿Dónde vives?', expect: ['Lisbon'] },
  { question: 'Quelle est ton adresse e-mail ?', expect: ['oriel@example.com'] },
  { question: 'Was ist Tidewater?', expect: ['idempotent event handlers'] },
  { question: 'Qual é o teu trabalho atual?', expect: ['Staff Platform Engineer'] },
  { question: '¿Cuántos años de experiencia tienes?', expect: ['11 years', 'eleven years'] },
];

export const UNANSWERABLE: readonly string[] = [
  'What is your favourite film?',
  'Do you have any children?',
  'What is your salary at Lumenfold?',
  "What's your opinion on the war in Ukraine?",
  'What is your blood type?',
  'Do you own a car?',
  'Which football team do you support?',
  'Who did you vote for in the last election?',
  'What is your phone number?',
  'Have you ever been to Japan?',
  'Waht is your favrite color?',
  '¿Cuál es tu comida favorita?',
  'Quel est ton film préféré ?',
  'Hast du Haustiere?',
];

/**
 * Yes/no questions about things the sample persona never mentions, each near something it does
 * say (hobbies, languages, degrees, family): the twin with local embeddings must say it does not
 * know, never quote a nearby sentence as if it answered (docs/adr/0403).
 */
export const YES_NO_NEAR_MISSES: readonly string[] = [
  'Do you own a unicycle?',
  'Do you own a loom?',
  'Are you married?',
  'Do you have a dog?',
  'Do you have any pets?',
  'Do you have any children?',
  'Do you play the violin?',
  'Do you own a car?',
  'Have you ever been to Japan?',
  'Do you speak Japanese?',
  'Do you have a PhD?',
  'Do you play chess?',
];

/** Yes/no questions the sample persona does answer, with the fact the answer must hold. */
export const YES_NO_ANSWERABLE: readonly AnswerableQuestion[] = [
  { question: 'Are you looking for a full-time role?', expect: ['not looking for a full-time role'] },
  { question: 'Did you mentor engineers at Quillbridge?', expect: ['Mentored 5 engineers'] },
  { question: 'Do you speak Portuguese?', expect: ['Portuguese'] },
  { question: 'Do you live in Lisbon?', expect: ['Lisbon'] },
  { question: 'Do you have a newsletter?', expect: ['Backpressure'] },
];
