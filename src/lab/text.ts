// User-visible text in the lab's registries (view layers, graph boxes): one entry per locale, so adding a locale
// to src/lab/model/locale.ts makes the compiler demand its text in every entry.
export type { Localized } from './model/locale';
import type { Localized } from './model/locale';
export type LocalText = Localized<string>;
