import { crc32 } from 'node:zlib';

/**
 * The AWS event-stream encoding (application/vnd.amazon.eventstream), written from its
 * specification rather than with the SDK's own codec, so the SDK's decoder is what the
 * tests exercise. A message: total length, headers length, prelude CRC32, headers
 * (name length, name, type 7 = string, value length, value), payload, message CRC32.
 */
export function eventStreamMessage(headers: Record<string, string>, payload: Uint8Array): Buffer {
  const encodedHeaders = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const nameBytes = Buffer.from(name, 'utf8');
      const valueBytes = Buffer.from(value, 'utf8');
      const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
      header.writeUInt8(nameBytes.length, 0);
      nameBytes.copy(header, 1);
      header.writeUInt8(7, 1 + nameBytes.length);
      header.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
      valueBytes.copy(header, 4 + nameBytes.length);
      return header;
    }),
  );
  const totalLength = 12 + encodedHeaders.length + payload.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(totalLength, 0);
  prelude.writeUInt32BE(encodedHeaders.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const message = Buffer.concat([prelude, encodedHeaders, payload]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(crc32(message), 0);
  return Buffer.concat([message, trailer]);
}

/** One ConverseStream event (messageStart, contentBlockDelta, ..., metadata). */
export function eventFrame(eventType: string, body: object): Buffer {
  return eventStreamMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    // Bedrock pads events with a "p" field of random length, so sizes leak nothing; clients ignore it.
    Buffer.from(JSON.stringify({ ...body, p: 'abcdefgh' }), 'utf8'),
  );
}

/** An exception inside the stream, after the 200 response has started (throttlingException, ...). */
export function exceptionFrame(exceptionType: string, message: string): Buffer {
  return eventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    Buffer.from(JSON.stringify({ message }), 'utf8'),
  );
}
