import { createServer } from 'node:http';
import { createTwin, isDomainError } from 'digital-twin';

/** The twin inside a plain node:http server: no Koa, no container. */
export function twinServer(personaDir = './persona') {
  const twin = createTwin({ persona: personaDir }); // in-memory store, offline model
  return createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/ask') {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      const { message, session_id } = JSON.parse(body);
      const reply = await twin.chat({ message, session_id });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply));
    } catch (error) {
      const invalid = error instanceof SyntaxError || (isDomainError(error) && error.code === 'invalid_input');
      res.writeHead(invalid ? 400 : 500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ invalid }));
    }
  });
}
