import type { Container } from 'inversify';
import { FsAnswerBook } from '../adapters/filesystem/fs-answer-book.js';
import { FsKnowledgeGapStore } from '../adapters/filesystem/fs-knowledge-gap-store.js';
import { FsLeadStore } from '../adapters/filesystem/fs-lead-store.js';
import { InMemoryAnswerBook } from '../adapters/memory/in-memory-answer-book.js';
import { InMemoryKnowledgeGapStore } from '../adapters/memory/in-memory-knowledge-gap-store.js';
import { InMemoryLeadStore } from '../adapters/memory/in-memory-lead-store.js';
import { NoopNotifier } from '../adapters/memory/notifiers.js';
import { StaticPersonaSource } from '../adapters/memory/static-persona-source.js';
import { AnsweredPersonaSource } from '../adapters/system/answered-persona-source.js';
import { WebhookNotifier } from '../adapters/webhook/webhook-notifier.js';
import { KnowledgeService } from '../domain/knowledge/knowledge-service.js';
import { ANSWERS_FILE, answersById, parseOwnerAnswers } from '../domain/knowledge/owner-answers.js';
import type { AnswerBook } from '../ports/answer-book.js';
import type { KnowledgeGapStore } from '../ports/knowledge-gap-store.js';
import type { LeadStore } from '../ports/lead-store.js';
import type { Notifier } from '../ports/notifier.js';
import type { PersonaSource } from '../ports/persona-source.js';
import type { Config } from './config.js';
import { dynamoAnswersFor, dynamoGapsFor, dynamoLeadsFor } from './dynamo-adapters.js';
import { TOKENS } from './tokens.js';

/** The knowledge-gap loop's adapters a test or an embedder can swap in. */
export interface KnowledgeAdapters {
  gaps: KnowledgeGapStore;
  leads: LeadStore;
  answers: AnswerBook;
  notifier: Notifier;
}

// Answers live in the configured store: the table on DynamoDB (every instance shares them),
// answers.md in the persona folder otherwise, or memory for a persona built in memory
// (seeded with its answers.md, if it has one).
function answerBookFor(config: Config, persona: PersonaSource): AnswerBook {
  if (config.store === 'dynamodb') return dynamoAnswersFor(config);
  if (!(persona instanceof StaticPersonaSource)) return new FsAnswerBook({ dir: config.personaDir });
  const file = persona.current().documents.find((doc) => doc.source === ANSWERS_FILE);
  return new InMemoryAnswerBook(file ? answersById(parseOwnerAnswers(file.text)) : []);
}

function gapsFor(config: Config): KnowledgeGapStore {
  if (config.store === 'dynamodb') return dynamoGapsFor(config);
  return config.store === 'memory'
    ? new InMemoryKnowledgeGapStore()
    : new FsKnowledgeGapStore({ dataDir: config.dataDir });
}

function leadsFor(config: Config): LeadStore {
  if (config.store === 'dynamodb') return dynamoLeadsFor(config);
  return config.store === 'memory' ? new InMemoryLeadStore() : new FsLeadStore({ dataDir: config.dataDir });
}

/** Binds gaps, leads, answers, notifier and the KnowledgeService (part of the composition root). */
export function bindKnowledge(c: Container, config: Config, overrides: Partial<KnowledgeAdapters>): void {
  c.bind(TOKENS.Gaps).toDynamicValue(() => overrides.gaps ?? gapsFor(config));
  c.bind(TOKENS.Leads).toDynamicValue(() => overrides.leads ?? leadsFor(config));
  c.bind(TOKENS.Answers).toResolvedValue(
    (folder: PersonaSource) => overrides.answers ?? answerBookFor(config, folder),
    [TOKENS.PersonaFolder],
  );
  // answers.md in the folder reaches the persona through the folder itself; answers kept
  // anywhere else are laid over it, refreshed within TWIN_ANSWERS_REFRESH_SECONDS.
  c.bind(TOKENS.Persona).toResolvedValue(
    (folder: PersonaSource, answers: AnswerBook, clock, logger) =>
      answers instanceof FsAnswerBook
        ? folder
        : new AnsweredPersonaSource({
            persona: folder,
            answers,
            clock,
            logger,
            refreshMs: config.answersRefreshSeconds * 1000,
          }),
    [TOKENS.PersonaFolder, TOKENS.Answers, TOKENS.Clock, TOKENS.Logger],
  );
  c.bind(TOKENS.Notifier).toResolvedValue(
    (logger) =>
      overrides.notifier ??
      (config.notifyWebhookUrl
        ? new WebhookNotifier({ url: config.notifyWebhookUrl, timeoutMs: config.notifyTimeoutMs, logger })
        : new NoopNotifier()),
    [TOKENS.Logger],
  );
  c.bind(TOKENS.KnowledgeService).toResolvedValue(
    (gaps, leads, answers, notifier, persona, clock, logger) =>
      new KnowledgeService({ gaps, leads, answers, notifier, persona, clock, logger, storePii: config.storePii }),
    [TOKENS.Gaps, TOKENS.Leads, TOKENS.Answers, TOKENS.Notifier, TOKENS.Persona, TOKENS.Clock, TOKENS.Logger],
  );
}
