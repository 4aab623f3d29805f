import { describe, expect, it } from "vitest";
import { fileNameFor, heredoc } from "./code-actions.ts";

describe("code block buttons", () => {
  it.each([
    ["kubectl apply -f -", "kind: Service\n", "kubectl apply -f - <<'EOF'\nkind: Service\nEOF"],
    ["cat > a.yaml", "a: 1\nEOF\nb: 2", "cat > a.yaml <<'EOF_'\na: 1\nEOF\nb: 2\nEOF_"],
  ])("%s with a heredoc that cannot end early", (cmd, body, typed) => {
    expect(heredoc(cmd, body)).toBe(typed);
  });

  it.each([
    ["apiVersion: v1\nkind: Service\nmetadata:\n  name: my-service\nspec: {}", "my-service-service.yaml"],
    ["kind: NetworkPolicy\nmetadata:\n  name: allow-frontend\nspec:\n  podSelector:\n    matchLabels:\n      name: nope", "allow-frontend-networkpolicy.yaml"],
    ["a: 1", "manifest.yaml"],
  ])("file name for %j", (yaml, name) => expect(fileNameFor(yaml)).toBe(name));
});
