/** What the views can do to the app's state: documents, runs and notices, each in its own module. */
export * from './documents';
export * from './notify';
export * from './runs';
