import { ForbiddenMessage } from "@/components/shell/forbidden-message";

// 403 inside the console shell, so the navigation stays
export default ForbiddenMessage;
