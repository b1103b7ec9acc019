import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * How long a config module (its top-level await, or a promise it exports) may take to give its config:
 * `PENGUIN_CONFIG_LOAD_SECONDS`, default 30.
 */
export function configLoadSeconds(): number {
  const seconds = Number(process.env.PENGUIN_CONFIG_LOAD_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 30;
}

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
  const seconds = configLoadSeconds();
  let timer: NodeJS.Timeout | undefined;
  // The pending timer also keeps Node alive, so a never-settling import reaches this message instead of exit 13.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${where}expected the config module to give its config within ${seconds} s (PENGUIN_CONFIG_LOAD_SECONDS), but it is still ` +
              'waiting (a top-level await or an exported promise that never settles)',
          ),
        ),
      seconds * 1000,
    );
  });
  try {
    const module = (await Promise.race([import(url.href), timeout])) as { default?: unknown };
    return await Promise.race([Promise.resolve(module.default), timeout]);
  } catch (cause) {
    if (cause instanceof Error && cause.message.startsWith(where)) throw cause;
    const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const at = cause instanceof SyntaxError ? syntaxErrorLocation(file) : '';
    throw new Error(`${where}${message}${at}`, { cause });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * ` at line 3:\n  budget: { trials: 2 } +\n  ^`: where `node --check` finds the syntax error (Node's import error
 * has no location). Empty when it cannot tell.
 */
function syntaxErrorLocation(file: string): string {
  try {
    execFileSync(process.execPath, ['--check', file], { stdio: 'pipe', timeout: 10_000 });
    return '';
  } catch (error) {
    const output = String((error as { stderr?: unknown }).stderr ?? '');
    const match = /^[^\n]*:(\d+)\n([^\n]*)\n([ \t]*\^+)/m.exec(output);
    return match ? ` at line ${match[1]}:\n  ${match[2]}\n  ${match[3]}` : '';
  }
}
