import type { Server } from 'node:net';

/** A server could not start listening; the message is one line naming the setting and the fix. */
export class ListenError extends Error {
  override name = 'ListenError';
}

/** Which setting chose the port, so the message can name it. */
export type PortSetting = 'PORT' | 'TWIN_METRICS_PORT';

/**
 * Starts `server` listening and resolves with the port it got. The failures people meet
 * (a port already taken, a privileged port, a HOST that is not this machine's) reject with a
 * ListenError in one line; anything else rejects with the original error.
 */
export async function listenOn(server: Server, port: number, host: string, setting: PortSetting): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(explain(error, port, host, setting));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

function explain(error: NodeJS.ErrnoException, port: number, host: string, setting: PortSetting): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new ListenError(
        `port ${port} is already in use (${setting}): stop the program using it or set ${setting} to a free port`,
      );
    case 'EACCES':
      return new ListenError(
        `not allowed to listen on port ${port} (${setting}): ports below 1024 need extra privileges; set ${setting} to 1024 or above`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ListenError(
        `cannot listen on ${host} (HOST): it is not an address of this machine; use 0.0.0.0 (every interface) or 127.0.0.1`,
      );
    default:
      return error;
  }
}
