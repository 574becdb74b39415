export * from './id.formats';
export * from './id.generator';
export { BASE62_ALPHABET, randomBase62, randomDecimal } from './random-source';
