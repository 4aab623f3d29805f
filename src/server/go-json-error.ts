// Go's encoding/json syntax error texts, so a malformed body gets the same message
// the real API server writes ("invalid character 'x' looking for beginning of value").
// Returns undefined when the text is valid JSON.

class SyntaxErr {
  constructor(readonly message: string) {}
}

const GO_ESCAPES: Record<string, string> = { "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\\": "\\\\" };

/** Go's quoteChar: strconv.Quote of the character between single quotes. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  if (GO_ESCAPES[c]) return `'${GO_ESCAPES[c]}'`;
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, "0")}'`;
  return `'${c}'`;
}

export function goJsonSyntaxError(text: string): string | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i])) i++;
  };
  const fail = (context: string): never => {
    if (i >= text.length) throw new SyntaxErr("unexpected end of JSON input");
    throw new SyntaxErr(`invalid character ${quoteChar(text[i])} ${context}`);
  };
  const literal = (word: string) => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (text[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    i++;
  };
  const digits = (context: string) => {
    if (!/[0-9]/.test(text[i] ?? "")) fail(context);
    while (/[0-9]/.test(text[i] ?? "")) i++;
  };
  const number = () => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits("in numeric literal");
    if (text[i] === ".") {
      i++;
      digits("after decimal point in numeric literal");
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits("in exponent of numeric literal");
    }
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail("");
      if (c === '"') {
        i++;
        return;
      }
      if (c < " ") fail("in string literal");
      if (c === "\\") {
        i++;
        const e = text[i];
        if (e === "u") {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? "")) fail("in \\u hexadecimal character escape");
          }
        } else if (e === undefined || !`"\\/bfnrt`.includes(e)) fail("in string escape code");
      }
      i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("looking for beginning of object key string");
        string();
        ws();
        if (text[i] !== ":") fail("after object key");
        i++;
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail("after object key:value pair");
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail("after array element");
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number();
    fail("looking for beginning of value");
  };
  try {
    value();
    ws();
    if (i < text.length) fail("after top-level value");
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxErr) return e.message;
    throw e;
  }
}
