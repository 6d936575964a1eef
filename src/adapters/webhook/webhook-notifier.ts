import type { Logger } from '../../ports/logger.js';
import type { Notification, Notifier } from '../../ports/notifier.js';

export interface WebhookNotifierOptions {
  /** Receives a JSON POST per notification (Slack incoming webhooks, Pushover or ntfy bridges, Zapier...). */
  readonly url: string;
  /** Per request. Default 5000. */
  readonly timeoutMs?: number;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
}

/** The JSON body: `text` for chat webhooks (Slack and compatibles) plus the structured record. */
export function webhookBody(notification: Notification): object {
  if (notification.type === 'knowledge_gap') {
    const { gap } = notification;
    return {
      type: 'knowledge_gap',
      text: `Your twin could not answer: "${gap.question}". Answer it with: twin gaps answer ${gap.id} "<answer>"`,
      gap: { id: gap.id, question: gap.question, times_asked: gap.times_asked, first_asked: gap.first_asked },
    };
  }
  const { lead } = notification;
  return {
    type: 'lead',
    text: `A visitor asked to be contacted: ${lead.name ? `${lead.name} <${lead.email}>` : lead.email}${lead.notes ? ` (${lead.notes})` : ''}`,
    lead: { id: lead.id, email: lead.email, name: lead.name, notes: lead.notes, session_id: lead.session_id },
  };
}

/**
 * Posts each notification as JSON to one URL. Never throws: a slow, failing or
 * unreachable webhook is logged (without the URL, which often embeds a secret)
 * and the twin carries on.
 */
export class WebhookNotifier implements Notifier {
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  private readonly fetch: typeof fetch;

  constructor(options: WebhookNotifierOptions) {
    this.url = options.url;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.logger = options.logger;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async notify(notification: Notification): Promise<void> {
    try {
      const response = await this.fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(webhookBody(notification)),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      // The body is not needed; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) this.logger.warn({ status: response.status, type: notification.type }, 'webhook refused');
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'unknown';
      this.logger.warn({ reason, type: notification.type }, 'webhook failed');
    }
  }
}
