import { ForbiddenMessage } from "@/components/ui/forbidden-message";

export default function Forbidden() {
  return (
    <main>
      <ForbiddenMessage />
    </main>
  );
}
