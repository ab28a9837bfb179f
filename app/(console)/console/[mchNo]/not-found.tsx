import { AccessMessage } from "@/components/shell/access-message";

// 404 inside the console shell (an unknown order, a page that does not exist), so the navigation stays, as for the 403
export default function ConsoleNotFound() {
  return <AccessMessage code={404} />;
}
