import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { SentenceEncoderEmbedder } from '../../src/adapters/offline/sentence-encoder-embedder.js';
import type { ChatModel } from '../../src/ports/chat-model.js';
import type { Embedder } from '../../src/ports/embedder.js';

/** The model every corpus evaluation uses: the offline twin as `npm start` wires it (local embeddings). */
export function evalModel(options: { lexicalOnly?: boolean } = {}): {
  model: ChatModel;
  embedder: Embedder | undefined;
  describe: string;
} {
  if (options.lexicalOnly) {
    return { model: new OfflineChatModel(), embedder: undefined, describe: 'offline model, lexical retrieval only' };
  }
  const embedder = new SentenceEncoderEmbedder();
  return {
    model: new OfflineChatModel({ embedder }),
    embedder,
    describe: 'offline model with local sentence embeddings',
  };
}
