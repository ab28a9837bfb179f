// The http layer of `npm run bench:orders` when there is no production build (`next build` cannot run in a
// work tree whose node_modules is a symlink): the production server's own API listener over the route
// handlers' sources (server/testing/http-harness.ts), in a process of its own. Prints its URL and its pid
// (tsx runs it in a child process: the bench counts this one's CPU), then serves until killed. The Open API paths are the same code as under dist/server.mjs, loaded through tsx.
import { startHttpHarness } from "../../server/testing/http-harness.ts";

startHttpHarness().then(
  (harness) => console.log(`${harness.url} ${process.pid}`),
  (error: unknown) => {
    console.error("[bench api-server]", error);
    process.exit(1);
  },
);
