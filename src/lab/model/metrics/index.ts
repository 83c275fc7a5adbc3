export * from './catalog';
export * from './measures';
