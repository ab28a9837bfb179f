import { notFound } from "next/navigation";

// /console/[mchNo]/<anything unknown> – answered by the console's own 404, inside the shell
export default function ConsoleUnknownPage(): never {
  notFound();
}
