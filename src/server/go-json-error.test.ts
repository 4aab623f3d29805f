import { describe, expect, it } from "vitest";
import { goJsonSyntaxError } from "./go-json-error.ts";

// Expected texts are Go encoding/json's (scanner.go) for the same inputs.
describe("goJsonSyntaxError", () => {
  it.each([
    ["", "unexpected end of JSON input"],
    ["{", "unexpected end of JSON input"],
    ['{"a":', "unexpected end of JSON input"],
    ["x", "invalid character 'x' looking for beginning of value"],
    ["{x}", "invalid character 'x' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ["[1 2]", "invalid character '2' after array element"],
    ["{} x", "invalid character 'x' after top-level value"],
    ["tru", "unexpected end of JSON input"],
    ["trux", "invalid character 'x' in literal true (expecting 'e')"],
    ["nul", "unexpected end of JSON input"],
    ["-", "unexpected end of JSON input"],
    ["-x", "invalid character 'x' in numeric literal"],
    ["1.x", "invalid character 'x' after decimal point in numeric literal"],
    ["1ex", "invalid character 'x' in exponent of numeric literal"],
    ['"a\\q"', "invalid character 'q' in string escape code"],
    ['"a\u0001"', "invalid character '\\x01' in string literal"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
  ])("%j → %s", (input, message) => {
    expect(goJsonSyntaxError(input)).toBe(message);
  });

  it.each(['{"a":[1,2.5e3,-0,true,false,null,"x\\n"]}', "  [ ]  ", '"\\u00e9"'])("%j is valid", (input) => {
    expect(goJsonSyntaxError(input)).toBeUndefined();
  });
});
