#!/usr/bin/python3
"""browser_check.py CHROMIUM OUTDIR PAGE.html:LANG:H1... - render generated
pages in headless Chromium and check them as a reader would see them.

Chromium is driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: NUL-terminated JSON on fds 3 and 4), so no
websocket library and no port are needed.  For each page, at a desktop
(1280 px) and a phone (390 px) width:
  - no console message of level error or warning, no exception;
  - no network request but the page's own file;
  - <html lang> is LANG and the <h1> says H1;
  - nothing sticks out sideways (the page's scroll width is the window's);
  - every section is there, in order, and every chart lies inside the
    window, below its heading, with a text alternative;
  - no <script> element, and no element made of page input;
  - the full-page screenshot (saved as OUTDIR/NAME-WIDTH.png for a person
    to look at) is not blank: it has ink on a share of its pixels;
  - printed (the print style, A4), nothing sticks out, and the PDF is
    kept as OUTDIR/NAME.pdf.
Prints one TAP-ish line per check: "ok - ..." or "not ok - ...".
"""
import json
import os
import subprocess
import sys
import tempfile
import base64

# the spec page's by default; the dashboard's pages say theirs in the
# environment: BROWSER_SECTIONS (ids, comma-separated; empty: none) and
# BROWSER_CHART (the charts' selector; empty: a page without charts)
SECTIONS = os.environ.get("BROWSER_SECTIONS", "general,packages,benchmarks,methodology,maintenance,versions")
SECTIONS = [x for x in SECTIONS.split(",") if x]
CHART = os.environ.get("BROWSER_CHART", "svg.chart")


class Browser:
    def __init__(self, chromium, profile):
        r_to, w_to = os.pipe()     # we write, chromium reads on fd 3
        r_from, w_from = os.pipe()  # chromium writes on fd 4

        def fds():
            # onto 3 and 4, whatever is there; a source that is already 3
            # or 4 is moved out of the way first
            a, b = os.dup(r_to), os.dup(w_from)
            os.dup2(a, 3)
            os.dup2(b, 4)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "about:blank"],
            pass_fds=(3, 4), preexec_fn=fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r_to)
        os.close(w_from)
        self.w = os.fdopen(w_to, "wb", buffering=0)
        self.r = os.fdopen(r_from, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read(self):
        while b"\0" not in self.buf:
            chunk = self.r.read(65536)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.w.write(json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait(self, method, session):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method and e.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._read())

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


INK_JS = r"""
new Promise(done => {
  const img = new Image();
  img.onload = () => {
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let ink = 0, total = 0;
    for (let i = 0; i < d.length; i += 16) {   // every 4th pixel
      total++;
      if (Math.min(d[i], d[i + 1], d[i + 2]) < 200) ink++;
    }
    done(JSON.stringify({ink: ink / Math.max(total, 1), width: img.width, height: img.height}));
  };
  img.onerror = () => done(JSON.stringify({ink: -1}));
  img.src = 'data:image/png;base64,DATA';
})
"""


def png_ink(br, png):
    """Share of the screenshot's pixels that are not (near) white: decoded
    by the browser itself, in a blank tab of its own."""
    target = br.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = br.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    r = br.send("Runtime.evaluate", {"expression": INK_JS.replace("DATA", base64.b64encode(png).decode()),
                                      "awaitPromise": True, "returnByValue": True}, session=session)
    br.send("Target.closeTarget", {"targetId": target})
    return json.loads(r["result"]["value"])["ink"]


LAYOUT_JS = r"""
(() => {
  const r = {};
  const vw = window.innerWidth;
  r.lang = document.documentElement.lang;
  r.h1 = (document.querySelector('h1') || {}).textContent || '';
  r.h1top = document.querySelector('h1') ? document.querySelector('h1').getBoundingClientRect().top : -1;
  r.scrollWidth = document.documentElement.scrollWidth;
  r.innerWidth = vw;
  r.scripts = document.querySelectorAll('script').length;
  r.sections = SECTIONS.map(id => {
    const e = document.getElementById(id);
    return e ? e.getBoundingClientRect().top + window.scrollY : null;
  });
  r.charts = (CHART ? [...document.querySelectorAll(CHART)] : []).map(s => {
    const b = s.getBoundingClientRect();
    let h = s.closest('figure'); let head = h ? h.previousElementSibling : null;
    while (head && head.tagName !== 'H3') head = head.previousElementSibling;
    return {left: b.left, right: b.right, width: b.width, height: b.height,
            label: s.getAttribute('aria-label') || '', points: s.querySelectorAll('circle').length,
            below: head ? b.top >= head.getBoundingClientRect().bottom : false};
  });
  r.tables = [...document.querySelectorAll('table')].map(t => t.querySelectorAll('th').length);
  r.text = document.body.innerText;
  return JSON.stringify(r);
})()
""".replace("SECTIONS", json.dumps(SECTIONS)).replace("CHART ?", json.dumps(CHART) + " ?").replace(
    "querySelectorAll(CHART)", "querySelectorAll(%s)" % json.dumps(CHART))


def check_page(br, path, lang, h1, width, outdir, expect_text):
    results = []

    def ok(cond, what):
        results.append(("ok" if cond else "not ok") + " - %s %dpx: %s" % (os.path.basename(path), width, what))

    target = br.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = br.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for d in ("Page", "Runtime", "Log", "Network"):
        br.send(d + ".enable", session=session)
    br.send("Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}, session=session)
    url = "file://" + os.path.abspath(path)
    br.events = [e for e in br.events if e.get("sessionId") != session]
    br.send("Page.navigate", {"url": url}, session=session)
    br.wait("Page.loadEventFired", session)
    layout = json.loads(br.send("Runtime.evaluate", {"expression": LAYOUT_JS, "returnByValue": True},
                                session=session)["result"]["value"])
    shot = base64.b64decode(br.send("Page.captureScreenshot",
                                    {"format": "png", "captureBeyondViewport": True}, session=session)["data"])
    # whatever else arrived meanwhile
    br.send("Runtime.evaluate", {"expression": "1"}, session=session)
    events = [e for e in br.events if e.get("sessionId") == session]
    br.events = [e for e in br.events if e.get("sessionId") != session]
    requests = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
    console = [e["params"] for e in events if e.get("method") == "Runtime.consoleAPICalled"]
    logs = [e["params"]["entry"] for e in events if e.get("method") == "Log.entryAdded"
            and e["params"]["entry"]["level"] in ("error", "warning")]
    errors = [e for e in events if e.get("method") == "Runtime.exceptionThrown"]
    ok(not console and not logs and not errors,
       "no console errors (%s)" % "; ".join(str(x.get("text", x)) for x in logs + console + errors)[:300])
    ok(all(u == url for u in requests), "no network request but the page (%s)" % [u for u in requests if u != url])
    ok(layout["lang"] == lang, "lang is %s (%s)" % (lang, layout["lang"]))
    ok(layout["h1"] == h1, "h1 is %r (%r)" % (h1, layout["h1"]))
    ok(0 <= layout["h1top"] < 200, "h1 at the top (%s)" % layout["h1top"])
    ok(layout["scrollWidth"] <= layout["innerWidth"],
       "nothing sticks out sideways (scroll width %s, window %s)" % (layout["scrollWidth"], layout["innerWidth"]))
    tops = layout["sections"]
    ok(None not in tops and tops == sorted(tops), "sections in order (%s)" % tops)
    charts = layout["charts"]
    ok(len(charts) > 0 or not CHART, "%d charts" % len(charts))
    ok(all(c["left"] >= 0 and c["right"] <= layout["innerWidth"] and c["width"] > 200 and c["height"] > 60
           for c in charts), "every chart inside the window and readable (%s)" %
       [(round(c["left"]), round(c["right"]), round(c["width"])) for c in charts if c["right"] > layout["innerWidth"] or c["width"] <= 200][:3])
    ok(all(c["below"] for c in charts), "every chart below its heading")
    ok(all(len(c["label"]) > 20 for c in charts), "every chart has a text alternative")
    ok(all(n >= 2 for n in layout["tables"]), "every table has header cells")
    ok(layout["scripts"] == 0, "no script element")
    for t in expect_text:
        ok(t in layout["text"], "shows %r" % t)
    if width >= 1000:
        # and on paper: the print style, an A4 page's width, a PDF to look at
        br.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
        br.send("Emulation.setDeviceMetricsOverride",
                {"width": 794, "height": 1123, "deviceScaleFactor": 1, "mobile": False}, session=session)
        printed = json.loads(br.send("Runtime.evaluate", {"expression": LAYOUT_JS, "returnByValue": True},
                                     session=session)["result"]["value"])
        ok(printed["scrollWidth"] <= printed["innerWidth"] and
           all(c["right"] <= printed["innerWidth"] for c in printed["charts"]),
           "printed on A4: nothing sticks out (scroll width %s, page %s)" % (printed["scrollWidth"], printed["innerWidth"]))
        pdf = base64.b64decode(br.send("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69},
                                       session=session)["data"])
        pdf_name = "%s.pdf" % os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(outdir, pdf_name), "wb") as f:
            f.write(pdf)
        ok(pdf.startswith(b"%PDF") and len(pdf) > 10000, "printed to %s (%d bytes)" % (pdf_name, len(pdf)))
        br.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)
    name = "%s-%d.png" % (os.path.splitext(os.path.basename(path))[0], width)
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(shot)
    share = png_ink(br, shot)
    ok(share > 0.01, "screenshot %s not blank (%.1f %% ink)" % (name, 100 * share))
    br.send("Target.closeTarget", {"targetId": target})
    return results


def main():
    chromium, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory() as profile:
        br = Browser(chromium, profile)
        try:
            for spec in sys.argv[3:]:
                parts = spec.split("\t")
                path, lang, h1, expect = parts[0], parts[1], parts[2], parts[3:]
                for width in (1280, 390):
                    for line in check_page(br, path, lang, h1, width, outdir, expect):
                        print(line)
                        failed += line.startswith("not ok")
        finally:
            br.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
