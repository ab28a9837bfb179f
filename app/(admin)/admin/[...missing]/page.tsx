import { notFound } from "next/navigation";

// /admin/<anything unknown> – answered by the operator platform's own 404, inside the shell
export default function AdminUnknownPage(): never {
  notFound();
}
