import type { ComponentChildren } from "preact";
import { t } from "../../i18n";
import { FileIcon } from "./file-icon";

/** The head of a list of items that are not (or no longer) in a folder: the trash, the share lists. */
export function ItemListHead({ infoClass, infoLabel, dateLabel }: { infoClass: string; infoLabel: string; dateLabel: string }) {
  return (
    <thead>
      <tr>
        <th scope="col" class="col-name">
          {t("files.colName")}
        </th>
        <th scope="col" class="col-actions">
          <span class="visually-hidden">{t("common.actions")}</span>
        </th>
        <th scope="col" class={infoClass}>
          {infoLabel}
        </th>
        <th scope="col" class="col-mtime">
          {dateLabel}
        </th>
      </tr>
    </thead>
  );
}

interface ItemNameProps {
  item: { name: string; mime: string; isFolder: boolean };
  shared?: boolean;
  /** The name, or a link on it. */
  children: ComponentChildren;
  /** A second line (size, owner), shown on phones where the other columns are not. */
  detail: ComponentChildren;
}

export function ItemNameCell({ item, shared, children, detail }: ItemNameProps) {
  return (
    <th scope="row" class="col-name">
      <div class="name-cell">
        <FileIcon node={item} shared={shared} />
        <span class="name-wrap">
          {children}
          <span class="file-location">{detail}</span>
        </span>
      </div>
    </th>
  );
}
