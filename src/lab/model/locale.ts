// The languages the site's text is written in. Registry entries carry their user-visible text as
// Localized<...>, so that adding a locale here makes the compiler ask for that text in every entry.
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export type Localized<T> = Record<Locale, T>;
