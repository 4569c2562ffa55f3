/** The Nextcloud version Cumulus answers as: clients switch features on by version, and 28 is what we mirror. */
export const NEXTCLOUD_VERSION = { major: 28, minor: 0, micro: 0, string: "28.0.0" } as const;
export const CUMULUS_VERSION = "0.1.0";
