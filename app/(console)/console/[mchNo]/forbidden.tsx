import { AccessMessage } from "@/components/shell/access-message";

// 403 inside the console shell, so the navigation stays
export default function ConsoleForbidden() {
  return <AccessMessage code={403} />;
}
