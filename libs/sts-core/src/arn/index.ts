export * from './arn.types';
export * from './ram-name.rules';
export * from './arn.parser';
export * from './arn.formatter';
export * from './arn-parameter.validator';
