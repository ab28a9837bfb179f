import { ForbiddenMessage } from "@/components/shell/forbidden-message";

// rendered by forbidden(): a signed-in user whose role may not open the page (HTTP 403)
export default ForbiddenMessage;
