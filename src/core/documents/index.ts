// Legal documents: details, catalogue, number search, effect status, publication deadline and own issuers. Pure.
export * from './details.ts';
export * from './effect.ts';
export * from './deadline.ts';
export * from './own-issuer.ts';
