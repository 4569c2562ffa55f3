import { useEffect, useRef, useState } from "preact/hooks";
import { fetchActivitySettings, saveActivitySettings, type ActivityEventId, type ActivitySettings, type MailFrequency } from "../../api/activity-settings";
import { t, type MessageKey } from "../../i18n";
import { me } from "../../state/session";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";

const FREQUENCIES: MailFrequency[] = ["hourly", "daily", "weekly"];
const eventLabel = (id: ActivityEventId) => t(`activity.event.${id}` as MessageKey);

interface EventRowProps {
  id: string;
  label: string;
  /** Undefined: the setting has no e-mail side (the favourites limit is for the stream only). */
  mail?: boolean;
  stream: boolean;
  onMail?: (on: boolean) => void;
  onStream: (on: boolean) => void;
}

function EventRow({ id, label, mail, stream, onMail, onStream }: EventRowProps) {
  return (
    <tr>
      <td class="activity-check">
        {mail !== undefined && onMail && (
          <input id={`mail-${id}`} type="checkbox" checked={mail} aria-label={t("activity.mailOf", { event: label })} onChange={(e) => onMail(e.currentTarget.checked)} />
        )}
      </td>
      <td class="activity-check">
        <input id={`stream-${id}`} type="checkbox" checked={stream} aria-label={t("activity.streamOf", { event: label })} onChange={(e) => onStream(e.currentTarget.checked)} />
      </td>
      <th scope="row">
        <label for={`stream-${id}`} class="activity-label">
          {label}
        </label>
      </th>
    </tr>
  );
}

/**
 * Paramètres → Activité, as Nextcloud shows it: a Mail and a Flux checkbox per event, saved at each
 * change. Saves run one after the other, each with the whole set, so the last click is what stays.
 */
export function ActivitySettingsView() {
  const [settings, setSettings] = useState<ActivitySettings | null>(null);
  const loading = useAction();
  const saving = useAction();
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => void loading.run(async () => setSettings(await fetchActivitySettings())), []);

  const change = (next: ActivitySettings) => {
    setSettings(next);
    queue.current = queue.current.then(() =>
      saving.run(() => saveActivitySettings(next), t("settings.saved")).then(async (ok) => {
        // A refused change shows what the server really keeps.
        if (!ok) setSettings(await fetchActivitySettings().catch(() => next));
      }),
    );
  };

  if (!settings) {
    return <div class="settings-sections">{loading.error ? <Status state={loading} /> : <p>{t("common.loading")}</p>}</div>;
  }
  const setEvent = (id: ActivityEventId, side: "mail" | "stream", on: boolean) =>
    change({ ...settings, events: settings.events.map((e) => (e.id === id ? { ...e, [side]: on } : e)) });
  const rows = settings.events.flatMap((event) => {
    const row = (
      <EventRow
        key={event.id}
        id={event.id}
        label={eventLabel(event.id)}
        mail={event.mail}
        stream={event.stream}
        onMail={(on) => setEvent(event.id, "mail", on)}
        onStream={(on) => setEvent(event.id, "stream", on)}
      />
    );
    // Nextcloud lists the favourites limit right under "changed", which it narrows.
    if (event.id !== "file_changed") return [row];
    return [
      row,
      <EventRow
        key="favorites"
        id="favorites-only"
        label={t("activity.event.favoritesOnly")}
        stream={settings.favoritesOnly}
        onStream={(on) => change({ ...settings, favoritesOnly: on })}
      />,
    ];
  });

  return (
    <div class="settings-sections">
      <section class="card" aria-labelledby="activity-title">
        <h2 id="activity-title">{t("activity.notifyTitle")}</h2>
        <p class="hint">{t("activity.intro")}</p>
        {!me.value?.email && <p class="hint">{t("activity.noEmail")}</p>}
        <div class="table-wrap">
          <table class="table activity-table">
            <caption class="visually-hidden">{t("activity.notifyTitle")}</caption>
            <thead>
              <tr>
                <th scope="col" class="activity-check">
                  {t("activity.colMail")}
                </th>
                <th scope="col" class="activity-check">
                  {t("activity.colStream")}
                </th>
                <th scope="col">
                  <span class="visually-hidden">{t("activity.colEvent")}</span>
                </th>
              </tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
        <div class="checkbox-stack">
          <label class="checkbox">
            <input type="checkbox" checked={settings.listOwnActions} onChange={(e) => change({ ...settings, listOwnActions: e.currentTarget.checked })} />
            {t("activity.listOwn")}
          </label>
          <label class="checkbox">
            <input type="checkbox" checked={settings.mailOwnActions} onChange={(e) => change({ ...settings, mailOwnActions: e.currentTarget.checked })} />
            {t("activity.mailOwn")}
          </label>
        </div>
        <label for="activity-frequency">{t("activity.frequency")}</label>
        <select
          id="activity-frequency"
          class="narrow-select"
          value={settings.mailFrequency}
          onChange={(e) => change({ ...settings, mailFrequency: e.currentTarget.value as MailFrequency })}
        >
          {FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {t(`activity.${f}`)}
            </option>
          ))}
        </select>
        <Status state={saving} />
      </section>
    </div>
  );
}
