import type { ToolOutcome, TwinTools } from '../../ports/chat-model.js';
import type { Logger } from '../../ports/logger.js';
import { isDomainError } from '../errors.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.js';
import { emailsIn, parseLeadDetails } from '../knowledge/leads.js';

export interface TurnContext {
  readonly sessionId: string;
  /** The visitor's message this turn. */
  readonly question: string;
  /** Everything the visitor wrote that the model can see: only emails in it may be recorded. */
  readonly userTexts: readonly string[];
}

/**
 * The tools of one chat turn, bound to its session. Remembers whether a gap was recorded,
 * so the service does not record the same question twice.
 */
export class TurnTools implements TwinTools {
  gapRecorded = false;

  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly logger: Logger,
    private readonly turn: TurnContext,
  ) {}

  async recordUnknownQuestion(question: string): Promise<ToolOutcome> {
    // The model may paraphrase; an empty argument falls back to the visitor's own words.
    const text = typeof question === 'string' && question.trim() !== '' ? question : this.turn.question;
    try {
      await this.knowledge.recordGap(text, this.turn.sessionId);
      this.gapRecorded = true;
      return done('Recorded for the owner. Tell the visitor you do not know, and offer a way to get in touch.');
    } catch (error) {
      this.logger.error({ err: error }, 'recording a knowledge gap failed');
      return failed('Could not record the question. Tell the visitor you do not know.');
    }
  }

  async recordUserDetails(details: { email?: unknown; name?: unknown; notes?: unknown }): Promise<ToolOutcome> {
    let parsed: ReturnType<typeof parseLeadDetails>;
    try {
      parsed = parseLeadDetails(details);
    } catch (error) {
      return failed(
        `Not recorded: ${isDomainError(error) ? error.message : 'invalid details'}. Ask the visitor for a valid email address.`,
      );
    }
    // Only an address the visitor typed may be stored: never one the model guessed or took from the persona.
    if (!emailsIn(this.turn.userTexts).has(parsed.email.toLowerCase())) {
      return failed(
        'Not recorded: the visitor has not written this email address. Ask them to type the address they want to be contacted at.',
      );
    }
    try {
      await this.knowledge.recordLead(parsed, this.turn.sessionId);
      return done('Recorded. Thank the visitor and tell them the owner will be in touch.');
    } catch (error) {
      this.logger.error({ err: error }, 'recording a lead failed');
      return failed('Could not record the details right now. Ask the visitor to email the owner directly.');
    }
  }
}

function done(note: string): ToolOutcome {
  return { ok: true, note };
}

function failed(note: string): ToolOutcome {
  return { ok: false, note };
}
