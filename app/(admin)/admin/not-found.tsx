import { AccessMessage } from "@/components/shell/access-message";

// 404 inside the operator platform's shell, so the navigation stays
export default function AdminNotFound() {
  return <AccessMessage code={404} />;
}
