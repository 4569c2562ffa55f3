import { t } from "../../i18n";
import { pathSteps } from "./links";

/** The folder a picker dialog shows, as buttons from "Tous les fichiers" down; each opens its folder. */
export function PickerPath({ path, onPath }: { path: string; onPath: (path: string) => void }) {
  return (
    <nav class="breadcrumbs" aria-label={t("files.breadcrumbs")}>
      <ol>
        <li class="crumb">
          <button type="button" class="link-button" onClick={() => onPath("/")} aria-current={path === "/" ? "location" : undefined}>
            {t("files.home")}
          </button>
        </li>
        {pathSteps(path).map((step) => (
          <li class="crumb" key={step.path}>
            <button type="button" class="link-button" onClick={() => onPath(step.path)} aria-current={step.path === path ? "location" : undefined}>
              {step.name}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
