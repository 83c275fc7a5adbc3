// tfjs-core names node-fetch for Node only (its package.json maps it to false for browsers). Vite's dev-server
// dependency optimizer kept it as an external import anyway, which then failed in the browser on node-fetch's own
// CommonJS dependencies and stopped the lab from starting under `npm run dev`. astro.config.mjs aliases
// node-fetch to this empty module for the site's code; the build and Node (baking, tests, the CLI) never use it.
export default undefined;
