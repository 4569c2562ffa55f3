// Settings every wrangler call of ours needs on a machine without internet access.
export const wranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  // Otherwise `wrangler dev` tries to download Request.cf data at each start and prints an error.
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_UPDATE_NOTIFIER: "1",
};

export const wranglerBin = new URL("../node_modules/wrangler/bin/wrangler.js", import.meta.url).pathname;
