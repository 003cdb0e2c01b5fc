/** Stylesheets imported by islands are bundled by Vite (scripts/vite.config.ts), not by TypeScript. */
declare module '*.css';
