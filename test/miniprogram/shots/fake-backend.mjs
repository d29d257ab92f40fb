// Shared by the --setup hooks here: answers the page's API calls (wx.request to the local cloud) by
// action, as the functions would, so a shot runs the page's own code from the reply to the screen.
// A reply is data (→ { ok: true, data }), { error: [code, message] }, 'network', or a function of the payload.
export function fakeBackend(wx, replies) {
  wx.request = (o) => {
    const { action, payload } = o.data;
    let r = replies[action];
    if (typeof r === 'function') r = r(payload ?? {});
    setTimeout(() => {
      if (r === undefined || r === 'network') o.fail?.({ errMsg: 'request:fail' });
      else if (r && r.error) o.success({ statusCode: 200, data: { ok: false, error: { code: r.error[0], message: r.error[1] } } });
      else o.success({ statusCode: 200, data: { ok: true, data: r } });
    }, 0);
  };
}

/** Local times relative to now: today(20, 5), daysAgo(1, 9, 30). */
export function daysAgo(days, h, mi = 0) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  d.setHours(h, mi, 0, 0);
  return d.toISOString();
}
export const today = (h, mi = 0) => daysAgo(0, h, mi);
