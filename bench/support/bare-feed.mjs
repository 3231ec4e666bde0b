// A bare SSE client in a process of its own (the bench's floor): prints one JSON line per
// alarm.opened event, with the epoch ms it arrived at. FEED_URL and FEED_TOKEN from the environment.
const res = await fetch(process.env.FEED_URL, {
  headers: { authorization: `Bearer ${process.env.FEED_TOKEN}`, accept: 'text/event-stream' },
});
process.stdout.write(`${JSON.stringify({ connected: res.status })}\n`);
const decoder = new TextDecoder();
let buffer = '';
for await (const chunk of res.body) {
  const at = Date.now();
  buffer += decoder.decode(chunk, { stream: true });
  let end;
  while ((end = buffer.indexOf('\n\n')) >= 0) {
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    if (!block.includes('event: alarm.opened')) continue;
    const data = block.split('\n').find((line) => line.startsWith('data:'));
    if (data)
      process.stdout.write(
        `${JSON.stringify({ alarmId: JSON.parse(data.slice(5)).alarmId, at })}\n`,
      );
  }
}
