import { ForbiddenMessage } from "@/components/ui/forbidden-message";

// Inside the portal: the 403 message keeps the navigation around it.
export default function PortalForbidden() {
  return <ForbiddenMessage />;
}
