// How the NDJSON export's memory and time grow with the store: the same export over N and 10N
// conversations on disk, measured in one run. Constant memory means the peak heap above the
// baseline barely moves while the number of conversations grows tenfold.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsConversationStore } from '../src/adapters/filesystem/fs-conversation-store.js';
import type { MessageId, SessionId } from '../src/domain/conversation/conversation.js';
import { ndjsonExport } from '../src/domain/conversation/export-formats.js';

const SMALL = 300;
const ANSWER = 'An answer of a realistic length. '.repeat(40);

async function seed(dir: string, count: number): Promise<FsConversationStore> {
  const store = new FsConversationStore({ dataDir: dir, metaDelayMs: 0 });
  for (let i = 0; i < count; i++) {
    const id = `bench-export-${String(i).padStart(8, '0')}` as SessionId;
    const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    await store.append(id, [
      { id: `q${i}` as MessageId, role: 'user', content: `Question number ${i}?`, timestamp: at },
      { id: `a${i}` as MessageId, role: 'assistant', content: ANSWER, timestamp: at },
      { id: `q2${i}` as MessageId, role: 'user', content: 'And then?', timestamp: at },
      { id: `a2${i}` as MessageId, role: 'assistant', content: ANSWER, timestamp: at },
    ]);
  }
  await store.close();
  return new FsConversationStore({ dataDir: dir });
}

async function measure(count: number): Promise<{ peakMb: number; msPerConversation: number; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'twin-bench-export-'));
  try {
    const store = await seed(dir, count);
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let bytes = 0;
    const started = performance.now();
    let n = 0;
    for await (const line of ndjsonExport(store)) {
      bytes += line.length; // the line is dropped, as a socket that keeps up would drop it
      if (++n % 25 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const elapsed = performance.now() - started;
    return { peakMb: (peak - baseline) / 1e6, msPerConversation: elapsed / count, bytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const small = await measure(SMALL);
const large = await measure(SMALL * 10);
console.log(
  `export of ${SMALL} conversations: peak heap +${small.peakMb.toFixed(1)} MB, ${small.msPerConversation.toFixed(2)} ms each`,
);
console.log(
  `export of ${SMALL * 10} conversations: peak heap +${large.peakMb.toFixed(1)} MB, ${large.msPerConversation.toFixed(2)} ms each`,
);
console.log(
  `10x the conversations (${(large.bytes / small.bytes).toFixed(1)}x the bytes): ${(large.peakMb / Math.max(small.peakMb, 0.1)).toFixed(1)}x the peak heap, ${(large.msPerConversation / small.msPerConversation).toFixed(2)}x the time per conversation`,
);
