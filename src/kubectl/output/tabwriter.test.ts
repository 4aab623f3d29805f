import { describe, expect, it } from "vitest";
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite } from "./tabwriter.ts";

describe("tabwrite (Go text/tabwriter)", () => {
  const cases: { name: string; input: string; opts: typeof GET_TABWRITER; want: string }[] = [
    {
      name: "get: column = longest cell + 3, last column unpadded",
      input: "NAME\tTYPE\tAGE\nkubernetes\tClusterIP\t5d\nweb\tNodePort\t10m\n",
      opts: GET_TABWRITER,
      want: "NAME         TYPE        AGE\nkubernetes   ClusterIP   5d\nweb          NodePort    10m\n",
    },
    {
      name: "get: minwidth 6 for short columns",
      input: "A\tB\nx\ty\n",
      opts: GET_TABWRITER,
      want: "A     B\nx     y\n",
    },
    {
      name: "a line without tabs ends the block",
      input: "a\tb\nlong-name\tc\nbreak\nxx\ty\n",
      opts: DESCRIBE_TABWRITER,
      want: "a          b\nlong-name  c\nbreak\nxx  y\n",
    },
    {
      name: "empty cells are padded (trailing spaces stay)",
      input: "Name:\tweb\nAddress:\t\nClass:\tnginx\n",
      opts: DESCRIBE_TABWRITER,
      want: "Name:     web\nAddress:  \nClass:    nginx\n",
    },
    {
      name: "nested columns form their own blocks",
      input: "  Host\tPath\tBackends\n  ----\t----\t--------\n  foo.example.com\t\n  \t/ \tweb:80\n  \t/api \tapi:8080\n",
      opts: DESCRIBE_TABWRITER,
      want:
        "  Host             Path  Backends\n  ----             ----  --------\n  foo.example.com  \n                   /      web:80\n                   /api   api:8080\n",
    },
    {
      name: "width counts runes, not bytes",
      input: "名前\tX\nab\tY\n",
      opts: GET_TABWRITER,
      want: "名前    X\nab    Y\n",
    },
  ];
  it.each(cases)("$name", ({ input, opts, want }) => {
    expect(tabwrite(input, opts)).toBe(want);
  });
});
