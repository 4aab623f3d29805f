// Loads the vault before Astro builds, so bad input (malformed frontmatter…) stops the build with
// "file:line: message" instead of a stack trace, and link warnings are printed once.
import type { AstroIntegration } from "astro";
import { resolve } from "node:path";
import { listLabIds } from "./labs.ts";
import { getVault } from "./site.ts";
import { VaultError } from "./types.ts";

export function vaultCheck(contentDir: string): AstroIntegration {
  return {
    name: "labnotes-vault",
    hooks: {
      "astro:config:setup": ({ logger, command, config }) => {
        if (command !== "build" && command !== "dev") return;
        try {
          // The same options as the pages' siteVault(), so they reuse this vault instead of loading it again.
          const vault = getVault(contentDir, { base: config.base, labIds: listLabIds(resolve("labs")) });
          for (const w of vault.warnings) logger.warn(`${contentDir}/${w.file}:${w.line}: ${w.message}`);
          logger.info(`${vault.notes.size} notes, ${vault.attachments.size} attachments, ${vault.tags.size} tags`);
        } catch (error) {
          if (error instanceof VaultError) {
            logger.error(`${contentDir}/${error.message}`);
            process.exit(1);
          }
          throw error;
        }
      },
    },
  };
}
