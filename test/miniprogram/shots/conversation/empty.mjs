import { ready } from './fixtures.mjs';

export default async ({ page }) => ready(page, []);
