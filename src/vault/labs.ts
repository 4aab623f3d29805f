/** A link is a lab reference, not a note, when its target starts with "lab:": `![[lab:dns-basics]]`. */
export function labId(target: string): string | undefined {
  const m = /^lab:(.+)$/i.exec(target.trim());
  return m ? m[1].trim() : undefined;
}
