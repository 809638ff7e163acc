// Legal documents: details, catalogue, number search and effect status. Pure.
export * from './details.ts';
export * from './effect.ts';
export * from './deadline.ts';
