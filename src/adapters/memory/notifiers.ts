import type { Notification, Notifier } from '../../ports/notifier.js';

/** Drops every notification: the default when no webhook is configured. */
export class NoopNotifier implements Notifier {
  async notify(): Promise<void> {}
}

/** Keeps every notification, for tests. */
export class RecordingNotifier implements Notifier {
  readonly notifications: Notification[] = [];

  async notify(notification: Notification): Promise<void> {
    this.notifications.push(notification);
  }
}
