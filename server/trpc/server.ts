import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createTRPCContext } from "./context";
import { createCaller } from "./root";

/** Server components call procedures through this caller: same context, same authorization. */
export const serverCaller = cache(async () => createCaller(await createTRPCContext({ headers: await headers() })));
