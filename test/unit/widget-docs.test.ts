import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { WIDGET_OPTIONS, widgetSnippet } from '../../src/app/commands/widget-snippet.js';

const text = (file: string) => readFile(new URL(`../../${file}`, import.meta.url), 'utf8');

/** The data- attributes web/widget.js reads: every read goes through read('name') or choice('name', ...). */
async function optionsTheWidgetReads(): Promise<string[]> {
  const source = await text('web/widget.js');
  const names = [...source.matchAll(/\b(?:read|choice)\('([a-z][a-z-]*)'/g)].map((match) => `data-${match[1]}`);
  // No other way in: the attribute name is built in one place only.
  expect(source.match(/getAttribute\(/g)).toHaveLength(1);
  expect(source).not.toMatch(/\.dataset\b/);
  return [...new Set(names)].sort();
}

/** The rows of the options table in README's "Chat widget on your own site". */
async function optionsTheReadmeLists(): Promise<string[]> {
  const readme = await text('README.md');
  const start = readme.indexOf('## Chat widget on your own site');
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 3));
  return [...section.matchAll(/^\| `(data-[a-z-]+)` \|/gm)].map((match) => match[1] as string).sort();
}

describe('the widget options cannot drift apart', () => {
  it('README documents exactly the data- attributes the widget reads', async () => {
    const read = await optionsTheWidgetReads();
    expect(read).toEqual(['data-accent', 'data-launcher-text', 'data-open', 'data-position']);
    expect(await optionsTheReadmeLists()).toEqual(read);
  });

  it('twin widget snippet prints the same options', async () => {
    const read = await optionsTheWidgetReads();
    expect(WIDGET_OPTIONS.map((option) => option.name).sort()).toEqual(read);
    const printed = widgetSnippet({
      site: 'https://a.example',
      twin: 'https://t.example',
      corsOrigins: [],
      frameAncestors: [],
    });
    for (const name of read) expect(printed).toContain(`${name}=`);
  });
});
