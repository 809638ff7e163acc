// Administrative procedures (thủ tục hành chính): the model and its table form. Pure.
export * from './details.ts';
export * from './table.ts';
