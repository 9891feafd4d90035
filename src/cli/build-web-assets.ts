import { prebuiltDir, writePrebuilt } from '../channels/web/webchat-bundle';

/** `npm run build` step: Web Chat's script compressed once (brotli and gzip) into dist/web. */
writePrebuilt()
  .then((written) =>
    console.log(
      written.length
        ? `web assets: ${written.length} compressed file(s) in ${prebuiltDir()}`
        : 'web assets: up to date',
    ),
  )
  .catch((error: unknown) => {
    console.error('web assets:', error);
    process.exitCode = 1;
  });
