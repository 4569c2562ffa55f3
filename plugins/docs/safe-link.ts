/** Links a document may carry out to Word or HTML: the web, mail and phone; never script or data. */
export const isSafeHref = (href: string) => /^(https?:|mailto:|tel:)/i.test(href);
