// Generates a realistic vault for the site benchmark: CJK and ASCII names, nested folders,
// wiki-links (some to headings and aliases), inline and frontmatter tags, callouts, tables and
// code blocks in proportions like the bundled course. Deterministic for a given size and seed.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const TOPICS = ["网络", "存储", "调度", "安全", "DNS", "Service", "Ingress", "CNI", "kube-proxy", "NetworkPolicy"];
const WORDS = ["集群", "节点", "容器", "请求", "转发", "规则", "端口", "地址", "负载均衡", "控制器", "packet", "route", "endpoint", "selector"];

/** A small deterministic generator (mulberry32) so every run writes the same vault. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateVault(dir: string, count = 1000, seed = 42): { notes: number; links: number } {
  rmSync(dir, { recursive: true, force: true });
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const names = Array.from({ length: count }, (_, i) => `${pick(TOPICS)}笔记-${i}`);
  const folder = (i: number) => (i % 10 === 0 ? "" : `${TOPICS[i % TOPICS.length]}/${i % 3 === 0 ? "深入/" : ""}`);
  const sentence = () => Array.from({ length: 6 + Math.floor(rand() * 10) }, () => pick(WORDS)).join("") + "。";
  let links = 0;
  for (let i = 0; i < count; i++) {
    const lines: string[] = ["---", `aliases: [别名${i}]`, `tags: [${pick(TOPICS)}, 课程/第${(i % 12) + 1}章]`, "---", "", `# ${names[i]}`, ""];
    for (let s = 0; s < 4; s++) {
      lines.push(`## 第 ${s + 1} 节`, "");
      for (let p = 0; p < 3; p++) {
        const target = Math.floor(rand() * count);
        const kind = rand();
        const link = kind < 0.15 ? `[[${names[target]}#第 ${1 + Math.floor(rand() * 4)} 节]]` : kind < 0.25 ? `[[别名${target}|别名]]` : `[[${names[target]}]]`;
        links++;
        lines.push(`${sentence()} 参见 ${link}。${sentence()} #${pick(TOPICS)}`, "");
      }
      if (s % 2 === 0) lines.push("```yaml", "apiVersion: v1", "kind: Service", "metadata:", `  name: svc-${i}-${s}  # 服务 ${s}`, "spec:", "  ports:", "  - port: 80", "```", "");
      if (s === 1) lines.push("```bash", `kubectl get svc svc-${i} -o wide`, "kubectl describe endpoints", "```", "");
      if (s === 2) lines.push("> [!tip] 提示", `> ${sentence()}`, "", "| 名称 | 值 |", "|---|---|", `| ${pick(WORDS)} | ${i} |`, "");
    }
    const file = join(dir, folder(i), `${names[i]}.md`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, lines.join("\n"));
  }
  writeFileSync(join(dir, "index.md"), `---\ntitle: 生成的课程\norder: [${names.slice(0, 20).map((n) => JSON.stringify(n)).join(", ")}]\n---\n\n# 生成的课程\n`);
  return { notes: count + 1, links };
}

if (process.argv[1]?.endsWith("gen-vault.ts")) {
  const [dir = "tmp/bench-vault", n = "1000"] = process.argv.slice(2);
  console.log(generateVault(dir, Number(n)));
}
