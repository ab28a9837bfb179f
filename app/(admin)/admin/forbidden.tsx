import { AccessMessage } from "@/components/shell/access-message";

// 403 inside the operator platform's shell, so the navigation stays
export default function AdminForbidden() {
  return <AccessMessage code={403} />;
}
