import { AccessMessage } from "@/components/shell/access-message";

// rendered by forbidden(): a signed-in user whose role may not open the page (HTTP 403)
export default function Forbidden() {
  return <AccessMessage code={403} />;
}
