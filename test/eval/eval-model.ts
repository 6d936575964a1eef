import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import type { ChatModel } from '../../src/ports/chat-model.js';

/** The model every corpus evaluation uses: the offline twin as `npm start` wires it. */
export function evalModel(): { model: ChatModel; describe: string } {
  return { model: new OfflineChatModel(), describe: 'offline model' };
}
