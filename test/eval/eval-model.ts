import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { SentenceEncoderEmbedder } from '../../src/adapters/offline/sentence-encoder-embedder.js';
import type { ChatModel } from '../../src/ports/chat-model.js';

/** The model every corpus evaluation uses: the offline twin as `npm start` wires it (local embeddings). */
export function evalModel(options: { lexicalOnly?: boolean } = {}): { model: ChatModel; describe: string } {
  if (options.lexicalOnly) return { model: new OfflineChatModel(), describe: 'offline model, lexical retrieval only' };
  return {
    model: new OfflineChatModel({ embedder: new SentenceEncoderEmbedder() }),
    describe: 'offline model with local sentence embeddings',
  };
}
