// Whatever an author types, the renderer and the index neither throw nor emit markup they did not ask for.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/vault/markdown/render.ts";
import { VaultError } from "../../src/vault/types.ts";
import { vaultOf } from "./helpers.ts";

const vault = vaultOf({ "index.md": "# Home", "Guide.md": "# Guide\n\n## Part\n" });
const hostile = fc.stringMatching(/^[\s\S]{0,40}$/).map((s) => s.replace(/\n/g, " "));
const pieces = fc.constantFrom("<script>alert(1)</script>", '"', "'", "]]", "[[", "|", "#", "^", "%%", "==", "`", "<img src=x onerror=alert(1)>", "网络", "🌐");
const text = fc.array(fc.oneof(hostile, pieces), { maxLength: 6 }).map((parts) => parts.join(""));
/** Elements outside attribute values: what a browser would build. */
const elements = (html: string) => html.replace(/"[^"]*"/g, '""').match(/<(script|img|iframe)\b/gi) ?? [];

describe("hostile input", () => {
  it.each([
    ["link aliases", (s: string) => `[[Guide|${s}]]`],
    ["link targets", (s: string) => `[[${s}]]`],
    ["headings", (s: string) => `## ${s}`],
    ["embeds", (s: string) => `![[${s}]]`],
    ["callout titles", (s: string) => `> [!note] ${s}\n> body`],
  ])("%s never become markup", async (_, wrap) => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const { html } = await renderMarkdown(vault, wrap(s), "index.md");
        expect(elements(html)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

it("indexing any note body never throws anything but a file:line VaultError", () => {
  const body = fc.array(fc.oneof(hostile, pieces, fc.constantFrom("\n", "\n\n", "```\n", "> ", "- ", "| a |\n|---|\n", "---\n")), { maxLength: 20 }).map((p) => p.join(""));
  fc.assert(
    fc.property(body, (source) => {
      try {
        const v = vaultOf({ "a.md": source, "b.md": "[[a]]" });
        expect(v.notes.size).toBe(2);
      } catch (error) {
        // Text that opens with --- is frontmatter; bad YAML there is reported, never crashes.
        expect(error).toBeInstanceOf(VaultError);
        expect((error as VaultError).message).toMatch(/^a\.md:\d+: malformed frontmatter/);
      }
    }),
    { numRuns: 300 },
  );
});
