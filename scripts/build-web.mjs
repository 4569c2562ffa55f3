// Until the Vite app lands, the web shell is the static files in web/public, copied to web/dist.
import { cpSync, mkdirSync } from "node:fs";
mkdirSync("web/dist", { recursive: true });
cpSync("web/public", "web/dist", { recursive: true });
