export * from './caller-principal';
