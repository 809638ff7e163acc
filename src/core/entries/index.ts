// Declared sections (ADR 19): a section kind is a declaration; entries are articles of kind 'entry'.
export * from './declaration.ts';
export * from './values.ts';
export * from './registry.ts';
export * from './withdrawal.ts';
