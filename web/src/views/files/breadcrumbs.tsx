import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { followLink } from "../../router";
import { dropTarget } from "./drag";
import { folderHref, pathSteps } from "./links";

interface BreadcrumbsProps {
  path: string;
  /** Items dropped on a crumb move into that folder. */
  onDropInto?: (ids: number[], path: string) => void;
}

function Crumb({ name, path, current, onDropInto }: { name: string; path: string; current: boolean; onDropInto?: BreadcrumbsProps["onDropInto"] }) {
  const [active, setActive] = useState(false);
  const drop = onDropInto && !current ? dropTarget((ids) => onDropInto(ids, path), setActive) : {};
  return (
    <li class={active ? "crumb drop-active" : "crumb"} {...drop}>
      {current ? (
        <span aria-current="page">{name}</span>
      ) : (
        <a href={folderHref(path)} onClick={followLink}>
          {name}
        </a>
      )}
    </li>
  );
}

/** Where the listing is: "Tous les fichiers › Bureau CA › 2021-2022", each step a link and a drop target. */
export function Breadcrumbs({ path, onDropInto }: BreadcrumbsProps) {
  const steps = pathSteps(path);
  return (
    <nav class="breadcrumbs" aria-label={t("files.breadcrumbs")}>
      <ol>
        <Crumb name={t("files.home")} path="/" current={steps.length === 0} onDropInto={onDropInto} />
        {steps.map((step, i) => (
          <Crumb key={step.path} name={step.name} path={step.path} current={i === steps.length - 1} onDropInto={onDropInto} />
        ))}
      </ol>
    </nav>
  );
}
