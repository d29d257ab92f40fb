// Types of the generated bundle shared.js: the core's own sources (see scripts/build.ts).
export * from '../../shared/miniprogram-bundle';
