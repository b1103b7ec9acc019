import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** How long a config module (its top-level await, or a promise it exports) may take to give its config. */
export const CONFIG_LOAD_SECONDS = 30;

let loads = 0;

/**
 * cosmiconfig's loader for `penguin.config.{js,mjs,cjs}`. Unlike cosmiconfig's own, it reports the module's real
 * error (a SyntaxError with its line, not "Cannot require() ES Module … bug in Node.js"), loads the file afresh each
 * time (resume compares the file as it is now), and gives up with a message, rather than letting Node exit silently
 * with code 13, when the module or the promise it exports never settles.
 */
export async function loadJsConfig(file: string): Promise<unknown> {
  const url = pathToFileURL(file);
  url.searchParams.set('penguin-load', `${statSync(file).mtimeMs}-${++loads}`);
  const where = `JS Error in ${file}:\n`;
  let timer: NodeJS.Timeout | undefined;
  // The pending timer also keeps Node alive, so a never-settling import reaches this message instead of exit 13.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${where}expected the config module to give its config within ${CONFIG_LOAD_SECONDS} s, but it is still ` +
              'waiting (a top-level await or an exported promise that never settles)',
          ),
        ),
      CONFIG_LOAD_SECONDS * 1000,
    );
  });
  try {
    const module = (await Promise.race([import(url.href), timeout])) as { default?: unknown };
    return await Promise.race([Promise.resolve(module.default), timeout]);
  } catch (cause) {
    if (cause instanceof Error && cause.message.startsWith(where)) throw cause;
    const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const stack = cause instanceof Error ? (cause.stack ?? '') : '';
    // A SyntaxError's first stack line is `file:///…/penguin.config.mjs:3` (where it is).
    const at = /^file:\/\/[^\n]*:\d+/m.exec(stack)?.[0]?.replace(/\?[^:]*/, '');
    throw new Error(`${where}${message}${at ? ` (at ${at.replace('file://', '')})` : ''}`, { cause });
  } finally {
    clearTimeout(timer);
  }
}
