import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticateUser } from "@/server/services/users/authenticate-user";

/**
 * next-auth v4 with email + password. Sessions are JWTs carrying only the user id and platform
 * role; memberships are read from the database on every request, so removing a member takes
 * effect at once.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials) => authenticateUser(credentials),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.platformRole = (user as { platformRole?: "ADMIN" | null }).platformRole ?? null;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid as string;
        session.user.platformRole = (token.platformRole as "ADMIN" | null) ?? null;
      }
      return session;
    },
  },
};
