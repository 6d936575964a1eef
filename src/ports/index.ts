export type * from './chat-model.js';
export type * from './clock.js';
export type * from './conversation-store.js';
export type * from './id-generator.js';
export type * from './logger.js';
export type * from './metrics-sink.js';
export type * from './persona-source.js';
