import { AccessMessage } from "@/components/shell/access-message";

export default function NotFound() {
  return <AccessMessage code={404} />;
}
