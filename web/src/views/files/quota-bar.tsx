import { UNLIMITED_QUOTA } from "../../api/account";
import { t } from "../../i18n";
import { formatBytes } from "../../i18n/format";
import { account } from "../../state/session";

/** "33,5 Mo utilisés sur 50 Mo", as in Nextcloud's Files sidebar. */
export function QuotaBar() {
  const quota = account.value?.quota;
  if (!quota) return null;
  const limited = quota.quota >= 0 && quota.quota !== UNLIMITED_QUOTA;
  const used = formatBytes(quota.used);
  const label = limited ? t("quota.usedOf", { used, total: formatBytes(quota.quota) }) : t("quota.used", { used });
  const percent = limited && quota.quota > 0 ? Math.min(100, Math.round((quota.used / quota.quota) * 100)) : 0;
  return (
    <div class="quota">
      <p id="quota-label" class="quota-label">
        {label}
      </p>
      {limited && (
        <progress
          class={percent >= 90 ? "quota-bar quota-bar-full" : "quota-bar"}
          max={100}
          value={percent}
          aria-labelledby="quota-label"
        />
      )}
    </div>
  );
}
