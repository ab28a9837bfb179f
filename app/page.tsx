import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";

// / – operators go to the platform, everyone else to the console (which asks for sign-in)
export default async function HomePage() {
  const user = await getSessionUser();
  redirect(user?.platformRole === "ADMIN" ? "/admin" : "/console");
}
