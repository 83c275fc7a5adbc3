// User-visible text in the lab's registries (view layers, graph boxes). When src/lab/model/locale.ts lands this
// becomes `export type { Localized as LocalText } ...` with `Localized<string>`: one line, and the compiler then
// demands every locale's text in every entry.
export type LocalText = { en: string };
