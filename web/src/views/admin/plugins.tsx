import { t } from "../../i18n";
import { plugins } from "../../state/session";

/**
 * Administration → Applications: every installed plugin and whether it is on. Switching one is a
 * deployment setting (DISABLED_PLUGINS), not a click, so the list says where to change it.
 */
export function PluginsAdmin() {
  const list = plugins.value;
  return (
    <div class="admin-page">
      <p class="hint">{t("plugins.intro")}</p>
      {list.length === 0 ? (
        <p class="hint">{t("plugins.none")}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t("admin.plugins")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("plugins.name")}</th>
                <th scope="col">{t("plugins.version")}</th>
                <th scope="col">{t("plugins.state")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((plugin) => (
                <tr key={plugin.id} class={plugin.enabled ? "" : "row-disabled"}>
                  <th scope="row">
                    <span class="user-name">{plugin.name}</span>
                    <span class="user-id">{plugin.id}</span>
                  </th>
                  <td data-label={t("plugins.version")}>{plugin.version}</td>
                  <td data-label={t("plugins.state")}>{plugin.enabled ? t("plugins.enabled") : t("plugins.disabled")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
