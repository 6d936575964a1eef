import type { Container } from 'inversify';
import { FsAnswerBook } from '../adapters/filesystem/fs-answer-book.js';
import { FsKnowledgeGapStore } from '../adapters/filesystem/fs-knowledge-gap-store.js';
import { FsLeadStore } from '../adapters/filesystem/fs-lead-store.js';
import { InMemoryAnswerBook } from '../adapters/memory/in-memory-answer-book.js';
import { InMemoryKnowledgeGapStore } from '../adapters/memory/in-memory-knowledge-gap-store.js';
import { InMemoryLeadStore } from '../adapters/memory/in-memory-lead-store.js';
import { NoopNotifier } from '../adapters/memory/notifiers.js';
import { StaticPersonaSource } from '../adapters/memory/static-persona-source.js';
import { WebhookNotifier } from '../adapters/webhook/webhook-notifier.js';
import { KnowledgeService } from '../domain/knowledge/knowledge-service.js';
import type { AnswerBook } from '../ports/answer-book.js';
import type { KnowledgeGapStore } from '../ports/knowledge-gap-store.js';
import type { LeadStore } from '../ports/lead-store.js';
import type { Notifier } from '../ports/notifier.js';
import type { PersonaSource } from '../ports/persona-source.js';
import type { Config } from './config.js';
import { dynamoGapsFor, dynamoLeadsFor } from './dynamo-store.js';
import { TOKENS } from './tokens.js';

/** The knowledge-gap loop's adapters a test or an embedder can swap in. */
export interface KnowledgeAdapters {
  gaps: KnowledgeGapStore;
  leads: LeadStore;
  answers: AnswerBook;
  notifier: Notifier;
}

// Answers land where the persona comes from: answers.md on disk, or the in-memory persona.
function answerBookFor(config: Config, persona: PersonaSource): AnswerBook {
  return persona instanceof StaticPersonaSource
    ? new InMemoryAnswerBook(persona)
    : new FsAnswerBook({ dir: config.personaDir });
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
    (persona: PersonaSource) => overrides.answers ?? answerBookFor(config, persona),
    [TOKENS.Persona],
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
      new KnowledgeService({ gaps, leads, answers, notifier, persona, clock, logger }),
    [TOKENS.Gaps, TOKENS.Leads, TOKENS.Answers, TOKENS.Notifier, TOKENS.Persona, TOKENS.Clock, TOKENS.Logger],
  );
}
