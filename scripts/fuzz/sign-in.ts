// Signs in through next-auth's credentials flow, as the sign-in page does, for the fuzzer's tRPC and licence requests.
import { DEMO_PASSWORD } from "../../prisma/seed.ts";

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";", 1)[0]);

/** The Cookie header of a signed-in session of a seeded user. */
export async function signIn(baseUrl: string, email: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = cookiesOf(response).find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`could not sign in as ${email} (${response.status})`);
  return [...jar, session].join("; ");
}
