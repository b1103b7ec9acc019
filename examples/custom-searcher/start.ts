// Runs `penguin run` on this folder's penguin.config.ts (the same as the `penguin` command would).
import { main } from '@penguin-nas/cli';

process.exitCode = await main(['run', '--config', new URL('./penguin.config.ts', import.meta.url).pathname]);
