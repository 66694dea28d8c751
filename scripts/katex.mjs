// KaTeX, run by Node when the site is built (engine/math.py starts one per build):
// reads one JSON line per formula, {"tex": "...", "display": true|false}, and answers
// one JSON line each, {"html": "..."} (KaTeX's HTML and MathML) or {"error": "..."}.
import katex from "katex";
import { createInterface } from "node:readline";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  const { tex, display } = JSON.parse(line);
  let answer;
  try {
    answer = { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
