export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** Reads server-sent events from a fetch response as they arrive. */
export async function* readEvents(response: Response): AsyncGenerator<SseEvent> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      yield { event, data: data === undefined ? undefined : JSON.parse(data) };
      end = buffer.indexOf('\n\n');
    }
  }
}
