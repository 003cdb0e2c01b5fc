/** How far the demo scales (kept apart from the generator so the CLI can check options without loading it). */
export const MIN_PRODUCTS = 100;
export const MAX_PRODUCTS = 200_000;
