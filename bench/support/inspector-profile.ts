import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** Starts V8's CPU profiler in this process; stop() writes a .cpuprofile of what ran in between. */
export async function startProfile(intervalUs = 200): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
