import { readFileSync } from 'node:fs';

// Both src/app (tsx) and dist/app (built) sit two levels below package.json.
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const VERSION: string = packageJson.version;
