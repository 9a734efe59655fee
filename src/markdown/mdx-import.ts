import { parse as parseJs } from "acorn";
import type { RootContent } from "mdast";

/** An MDX `import Name from "file"` node, for plugins that put components in a page. */
export function importComponent(name: string, file: string): RootContent {
  const value = `import ${name} from ${JSON.stringify(file)};`;
  return {
    type: "mdxjsEsm",
    value,
    data: { estree: parseJs(value, { ecmaVersion: "latest", sourceType: "module" }) },
  } as unknown as RootContent;
}
