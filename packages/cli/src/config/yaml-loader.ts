import { parseDocument } from 'yaml';

/**
 * Alias expansions a YAML config may make. A config needs a handful; an "alias bomb" (anchors that repeat
 * anchors) expands to billions of nodes from a few lines and would take minutes and gigabytes to print.
 */
export const MAX_YAML_ALIASES = 100;

/**
 * cosmiconfig's loader for `.penguinrc`, `.penguinrc.yaml` and `.penguinrc.yml`: one message for the first syntax
 * error (with its line and column and the source around it), and a cap on alias expansion.
 */
export function loadYaml(file: string, content: string): unknown {
  // `YAML Error in <file>:` is how cosmiconfig's own loaders start, so `loadConfig` names the file it found.
  const where = `YAML Error in ${file}:\n`;
  const document = parseDocument(content, { prettyErrors: true });
  const [first] = document.errors;
  if (first) throw new Error(where + first.message.trim());
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (cause) {
    if (cause instanceof ReferenceError && /alias count/i.test(cause.message)) {
      throw new Error(
        `${where}expected at most ${MAX_YAML_ALIASES} expansions of YAML aliases (*name), found more: anchors that repeat ` +
          'anchors expand exponentially; write the values out or use fewer aliases',
        { cause },
      );
    }
    throw cause;
  }
}
