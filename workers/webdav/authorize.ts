import { forbidden } from "../http/errors";
import { CREATE, DELETE, UPDATE } from "../sharing/permission-bits";
import type { ViewLocation } from "../sharing/user-view";

const refuse = (what: string) => forbidden(`You may not ${what} here`);

/**
 * The DAV layer's questions to the authorization service, asked of a resolved location (whose bits
 * came from sharing/user-view.ts): every method that changes something goes through one of these.
 */
export function assertMayPut(location: ViewLocation): void {
  if (location.node ? !(location.permissions & UPDATE) : !(location.permissions & CREATE)) throw refuse(location.node ? "change this file" : "add files");
}

export function assertMayCreateIn(location: ViewLocation): void {
  if (!(location.permissions & CREATE)) throw refuse("add files or folders");
}

export function assertMayDelete(location: ViewLocation): void {
  if (!(location.permissions & DELETE)) throw refuse("delete");
}

export function assertMayChange(location: ViewLocation): void {
  if (!(location.permissions & UPDATE)) throw refuse("change this");
}

/** Moving out of a folder deletes from it; renaming in place changes the item. */
export function assertMayMoveFrom(location: ViewLocation, sameFolder: boolean): void {
  if (!(location.permissions & (sameFolder ? UPDATE : DELETE))) throw refuse(sameFolder ? "rename this" : "move this away");
}
