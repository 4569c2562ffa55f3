import { useEffect, useState } from "preact/hooks";
import type { Awareness } from "y-protocols/awareness";
import { t } from "../../../web/src/i18n";
import { shownName, type Presence } from "./presence-user";

interface Here {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

/** People with the document open, from the awareness states; one entry per person however many tabs they have. */
function peopleIn(awareness: Awareness): Here[] {
  const seen = new Map<string, Here>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: Partial<Presence> }).user;
    if (!user || typeof user.name !== "string") continue;
    const self = clientId === awareness.clientID;
    const key = user.id ?? `client:${clientId}`;
    const known = seen.get(key);
    if (!known || self) seen.set(key, { clientId, name: shownName(user, user.name), color: typeof user.color === "string" ? user.color : "#555", self });
  }
  return [...seen.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

/** "Présents": who is here, each with the colour of their caret. */
export function PresenceList({ awareness }: { awareness: Awareness }) {
  const [people, setPeople] = useState<Here[]>(() => peopleIn(awareness));
  useEffect(() => {
    const update = () => setPeople(peopleIn(awareness));
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [awareness]);
  return (
    <section class="docs-presence" aria-label={t("docs.present")}>
      <ul>
        {people.map((person) => (
          <li key={person.clientId} class="docs-person" title={person.self ? t("docs.you", { name: person.name }) : person.name}>
            <span class="docs-avatar" aria-hidden="true" style={{ backgroundColor: person.color }}>
              {person.name.slice(0, 1).toUpperCase()}
            </span>
            <span class="docs-person-name">{person.self ? t("docs.you", { name: person.name }) : person.name}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
