export * from './amount';
export * from './format';
