#!/usr/bin/env node
// The `penguin` command. This committed file is what npm links into node_modules/.bin, so the link exists right
// after `npm ci`, before the TypeScript build; the command itself is the built dist/bin.js.
try {
  await import('../dist/bin.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    console.error(
      'penguin: @penguin-nas/cli is not built yet; run `npm run build` at the repository root first',
    );
    process.exit(2);
  }
  throw error;
}
