// Read many briefs with Argdown's own library in one Node process (the CLI takes about
// three seconds to start for each file). Usage, from the repository root:
//
//     node tools/argdown/batch.mjs < PATHS
//
// PATHS: one path of a brief per line. For each, one line of JSON on standard output:
// {"path", "accepted", "errors", "json"}: "accepted" is false when Argdown's lexer or
// parser reports an error or a plugin throws (invalid YAML data, for instance), and
// "json" is what `argdown json` writes for the brief when it is accepted.
import { argdown } from "./node_modules/@argdown/node/dist/index.js";
import * as fs from "fs";

const paths = fs.readFileSync(0, "utf8").split("\n").filter(Boolean);
for (const path of paths) {
  const out = { path, accepted: true, errors: [], json: null };
  try {
    const parsed = await argdown.runAsync({
      inputPath: path,
      process: ["load-file", "parse-input"],
      logLevel: "error",
      throwExceptions: false,
    });
    const errors = [...(parsed.lexerErrors || []), ...(parsed.parserErrors || [])];
    if (errors.length || !parsed.ast) {
      out.accepted = false;
      out.errors = errors.length ? errors.map((e) => String(e.message)) : ["nothing to read"];
    } else {
      const response = await argdown.runAsync({
        inputPath: path,
        process: ["load-file", "parse-input", "build-model", "build-map", "export-json"],
        logLevel: "error",
        throwExceptions: true,
      });
      out.json = JSON.parse(response.json);
    }
  } catch (error) {
    out.accepted = false;
    out.errors = [String((error && error.message) || error)];
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
