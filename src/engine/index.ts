/** Public surface of the engine, for adapters, the task pane and the CLI. */
export * from './model/address';
export * from './model/cell';
export * from './model/sheet';
export * from './findings';
export * from './patch';
export * from './settings';
export * from './tables';
export { analyzeWorkbook, detectTables, type Analysis } from './analyze';
export type { WorkbookPort, ReadScope } from './port';
