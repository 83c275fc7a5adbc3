export * from './catalog';
export * from './data-mass';
export * from './discriminator';
export * from './measures';
