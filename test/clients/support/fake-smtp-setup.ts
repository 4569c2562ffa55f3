import type { TestProject } from "vitest/node";
import { startFakeSmtp } from "./fake-smtp";

declare module "vitest" {
  export interface ProvidedContext {
    fakeSmtp: { smtpPort: number; inboxPort: number };
  }
}

/**
 * vitest globalSetup of the workers project: workerd cannot listen on TCP, so the fake SMTP server
 * that test/mail/ talks to runs here, in Node, for the whole run.
 */
export default async function setup(project: TestProject) {
  const smtp = await startFakeSmtp();
  project.provide("fakeSmtp", { smtpPort: smtp.smtpPort, inboxPort: smtp.inboxPort });
  return () => smtp.close();
}
