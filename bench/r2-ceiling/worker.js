// The least a Worker can do with an upload: stream the request body into local R2, nothing else.
// The files bench measures it in the same run, to show how much of the gap to rclone is the local
// R2 simulator itself rather than Cumulus.
export default {
  async fetch(request, env) {
    if (request.method !== "PUT") return new Response("PUT only", { status: 405 });
    const length = Number(request.headers.get("Content-Length"));
    const fixed = new FixedLengthStream(length);
    await Promise.all([env.FILES.put(crypto.randomUUID(), fixed.readable), request.body.pipeTo(fixed.writable)]);
    return new Response(null, { status: 201 });
  },
};
