import { describe, expect, it } from "vitest";
import { format, formatDate, isLanguage, LANGUAGES, strings } from "../../src/i18n/strings.ts";

describe("UI strings", () => {
  it("every language has every string, none empty", () => {
    const keys = Object.keys(strings("zh-CN")).sort();
    for (const lang of LANGUAGES) {
      const table = strings(lang);
      expect(Object.keys(table).sort()).toEqual(keys);
      for (const key of keys) expect(table[key as keyof typeof table].trim(), `${lang}.${key}`).not.toBe("");
    }
  });

  it.each<[string, boolean]>([
    ["zh-CN", true],
    ["en", true],
    ["fr", false],
    ["zh", false],
  ])("isLanguage(%s) = %s", (value, expected) => {
    expect(isLanguage(value)).toBe(expected);
  });

  it("fills placeholders and leaves unknown ones", () => {
    expect(format("带有标签 #{tag} 的笔记", { tag: "网络" })).toBe("带有标签 #网络 的笔记");
    expect(format("{n} notes {x}", { n: 3 })).toBe("3 notes {x}");
  });

  it("formats dates in UTC in the site language", () => {
    expect(formatDate("2026-01-31T23:30:00-05:00", "zh-CN")).toBe("2026年2月1日");
    expect(formatDate("2026-01-31T23:30:00-05:00", "en")).toBe("February 1, 2026");
    expect(formatDate("not a date", "en")).toBe("not a date");
  });
});
