// The planning core's public surface: the bot, the CLI and the verifier import from here.
export * from './types';
export * from './errors';
export * from './questions';
export * from './decision';
export * from './topologies';
export * from './parameters';
export * from './rules';
export * from './export-names';
export * from './export-table';
export * from './export-azcli';
export * from './export-bicep';
export * from './current-dms';
export * from './current-dms-rules';
export * from './current-dms-export';
export * from './current-dms-parameters';
