import { ApiFailure, request, type FormFields } from "./http";

interface Envelope<T> {
  ocs: { meta: { statuscode: number; message: string }; data: T };
}

const OCS_HEADERS = { "OCS-APIREQUEST": "true", Accept: "application/json" };

/** Nextcloud's OCS API (v2): success is statuscode 200 inside the envelope, whatever the HTTP status says. */
export async function ocs<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, form?: FormFields): Promise<T> {
  const response = await request(`/ocs/v2.php${path}`, { method, form, headers: OCS_HEADERS });
  const body = (await response.json().catch(() => null)) as Envelope<T> | null;
  if (!response.ok || !body || (body.ocs.meta.statuscode !== 200 && body.ocs.meta.statuscode !== 100)) {
    const meta = body?.ocs.meta;
    throw new ApiFailure(response.status, meta?.statuscode ?? response.status, meta?.message ?? response.statusText);
  }
  return body.ocs.data;
}

export const ocsPath = (...segments: string[]) => segments.map(encodeURIComponent).join("/");
