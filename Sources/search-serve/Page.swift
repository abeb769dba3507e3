/// The page `search serve` shows: HTML, a style sheet and a script, kept in the binary so that there is nothing to
/// build or install for the front end.
///
/// The script builds every element with `textContent` and `createElement`, never `innerHTML`: a document holding
/// `<script>` shows those characters. The Content-Security-Policy the server sends runs no other script in any case.
enum Page {
    /// The page's markup; the script fills it from the URL (`?q=…&since=…` results, `?doc=…&q=…` a document).
    static let html = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>search</title>
    <link rel="stylesheet" href="/app.css">
    <script src="/app.js" defer></script>
    </head>
    <body>
    <header>
    <form id="form" role="search" action="/" method="get">
      <input id="q" name="q" type="search" autocomplete="off" spellcheck="false" placeholder="Soleimani &quot;Abu Mahdi&quot; -Lebanon   (press / to search)" aria-label="query">
      <label>since <input id="since" name="since" size="10" placeholder="YYYY-MM-DD" aria-label="since"></label>
      <label>until <input id="until" name="until" size="10" placeholder="YYYY-MM-DD" aria-label="until"></label>
      <label><input id="exact" name="exact" type="checkbox" value="1"> exact spelling</label>
      <select id="sort" name="sort" aria-label="order"><option value="relevance">best first</option><option value="date">newest first</option></select>
      <button id="go" type="submit">Search</button>
    </form>
    </header>
    <main>
    <p id="error" role="alert" hidden></p>
    <section id="results-view" hidden>
      <p id="summary"></p>
      <p id="spellings"></p>
      <div id="names"></div>
      <figure id="timeline-box"><svg id="timeline" role="img" aria-label="matching documents per month"></svg><figcaption id="timeline-caption"></figcaption></figure>
      <ol id="results"></ol>
      <nav id="pager"></nav>
    </section>
    <article id="doc-view" hidden></article>
    <section id="help">
      <h2>Query language</h2>
      <pre>Soleimani Iraq            both words, in any spelling of the names
    "Abu Mahdi al-Muhandis"   an exact phrase (still across spellings)
    Hezbollah OR Hizballah    either
    Iraq -Lebanon             Iraq but not Lebanon (also: Iraq NOT Lebanon)
    protest*                  words starting with protest
    NEAR(Khamenei Iraq, 5)    within 5 words of each other
    title:Khamenei            in the title only (also body:)
    (Basra OR Najaf) protest  grouping</pre>
      <p>Keys: <kbd>/</kbd> to the query box, <kbd>↑</kbd> <kbd>↓</kbd> through the results, <kbd>Enter</kbd> opens one.</p>
    </section>
    </main>
    </body>
    </html>

    """

    /// The style sheet.
    static let style = """
    :root { --ink: #1d1d1f; --soft: #5f6368; --line: #d9d9de; --mark: #ffe27a; --accent: #1a56db; --bar: #6b8fd6; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; color: var(--ink); background: #fafafa; }
    header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: .6rem 1rem; z-index: 1; }
    form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; max-width: 70rem; margin: 0 auto; }
    #q { flex: 1 1 24rem; font-size: 1.05rem; padding: .4rem .6rem; border: 1px solid #aaa; border-radius: 4px; }
    label { color: var(--soft); font-size: .9rem; }
    input, select, button { font: inherit; }
    #since, #until { width: 7.5rem; padding: .25rem .4rem; }
    button { padding: .35rem .9rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
    main { max-width: 70rem; margin: 0 auto; padding: .5rem 1rem 3rem; }
    #error { background: #fde8e8; border: 1px solid #e0a0a0; color: #8a1c1c; padding: .5rem .8rem; border-radius: 4px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
    #summary { color: var(--soft); margin: .6rem 0 .2rem; }
    #spellings { margin: .2rem 0; font-size: .9rem; }
    .spelling { display: inline-block; border: 1px solid var(--line); border-radius: 3px; padding: 0 .4rem; margin: 0 .3rem .3rem 0; background: #fff; }
    .spelling b { font-weight: 600; }
    #names p { margin: .2rem 0; font-size: .9rem; }
    .spelling.unmatched { color: var(--soft); text-decoration: line-through; }
    figure { margin: .4rem 0 .8rem; }
    #timeline { width: 100%; height: 90px; display: block; background: #fff; border: 1px solid var(--line); border-radius: 4px; }
    #timeline rect.bar { fill: var(--bar); cursor: pointer; }
    #timeline rect.bar:hover { fill: var(--accent); }
    #timeline text { font-size: 10px; fill: var(--soft); }
    figcaption { font-size: .8rem; color: var(--soft); }
    ol#results { list-style: none; padding: 0; margin: 0; }
    li.result { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; margin: .5rem 0; }
    li.result.selected { border-color: var(--accent); box-shadow: 0 0 0 2px #c9d7f7; }
    li.result a.title { font-size: 1.1rem; color: var(--accent); text-decoration: none; font-weight: 600; }
    li.result a.title:focus { outline: none; text-decoration: underline; }
    .meta { color: var(--soft); font-size: .85rem; }
    .meta .path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
    .passage { margin: .35rem 0; white-space: pre-wrap; }
    mark { background: var(--mark); color: inherit; padding: 0 1px; border-radius: 2px; }
    .matched { font-size: .85rem; color: var(--soft); }
    nav#pager a { margin-right: 1rem; }
    #doc-view h1 { font-size: 1.5rem; margin: .6rem 0 .2rem; }
    #doc-view ol { padding-left: 2.5rem; }
    #doc-view li { margin: .5rem 0; white-space: pre-wrap; }
    #doc-view li.hit { background: #fffbea; border-left: 3px solid #e0b400; padding-left: .5rem; }
    #help { color: var(--soft); margin-top: 2rem; }
    #help pre { background: #fff; border: 1px solid var(--line); padding: .6rem; overflow-x: auto; }

    """

    /// The script: reads the URL, asks the JSON API, draws results, timeline and documents, and the keys.
    static let script = #"""
    "use strict";
    (function () {
      const $ = (id) => document.getElementById(id);
      const encoder = new TextEncoder();
      const decoder = new TextDecoder();
      let selected = -1;

      function el(tag, className, text) {
        const e = document.createElement(tag);
        if (className) e.className = className;
        if (text !== undefined && text !== null) e.textContent = text;
        return e;
      }

      // Text with the byte ranges [start, end) of its UTF-8 marked: the words as the document writes them.
      function marked(tag, className, text, ranges) {
        const box = el(tag, className);
        const bytes = encoder.encode(text);
        let at = 0;
        for (const [start, end] of ranges) {
          if (start < at || end > bytes.length || start >= end) continue;
          if (start > at) box.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at, start))));
          box.appendChild(el("mark", null, decoder.decode(bytes.subarray(start, end))));
          at = end;
        }
        if (at < bytes.length) box.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at))));
        return box;
      }

      function params() { return new URLSearchParams(location.search); }

      function showError(message) {
        const box = $("error");
        box.textContent = message;
        box.hidden = !message;
      }

      async function getJSON(path, query) {
        const response = await fetch(path + "?" + query.toString(), { headers: { "Accept": "application/json" } });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error || ("HTTP " + response.status));
        return body;
      }

      function fillForm(p) {
        $("q").value = p.get("q") || "";
        $("since").value = p.get("since") || "";
        $("until").value = p.get("until") || "";
        $("exact").checked = p.get("exact") === "1";
        $("sort").value = p.get("sort") === "date" ? "date" : "relevance";
      }

      function formQuery(offset) {
        const p = new URLSearchParams();
        p.set("q", $("q").value);
        if ($("since").value.trim()) p.set("since", $("since").value.trim());
        if ($("until").value.trim()) p.set("until", $("until").value.trim());
        if ($("exact").checked) p.set("exact", "1");
        if ($("sort").value === "date") p.set("sort", "date");
        if (offset) p.set("offset", String(offset));
        return p;
      }

      function docLink(doc, q) {
        const p = new URLSearchParams();
        p.set("doc", doc);
        if (q) p.set("q", q);
        return "/?" + p.toString();
      }

      async function render() {
        const p = params();
        document.body.dataset.ready = "0";
        fillForm(p);
        showError("");
        $("results-view").hidden = true;
        $("doc-view").hidden = true;
        $("help").hidden = !!(p.get("q") || p.get("doc"));
        try {
          if (p.get("doc")) await renderDocument(p);
          else if (p.get("q")) await renderResults(p);
        } catch (error) {
          showError(error.message);
        }
        document.body.dataset.ready = "1";
      }

      async function renderResults(p) {
        const api = new URLSearchParams();
        for (const name of ["q", "since", "until", "exact", "sort", "offset"]) if (p.get(name)) api.set(name, p.get(name));
        api.set("limit", "20");
        const timelineQuery = new URLSearchParams(api);
        timelineQuery.delete("sort"); timelineQuery.delete("offset"); timelineQuery.delete("limit");
        const [data, timeline] = await Promise.all([getJSON("/api/search", api), getJSON("/api/timeline", timelineQuery)]);
        const list = $("results");
        list.replaceChildren();
        selected = -1;
        const offset = Number(p.get("offset") || 0);
        const spellings = new Map();
        data.results.forEach((r, i) => {
          const item = el("li", "result");
          item.dataset.index = String(i);
          const link = el("a", "title", r.title || r.doc);
          link.href = docLink(r.doc, data.query);
          const heading = el("div");
          heading.appendChild(r.title ? marked("span", null, r.title, r.title_highlights) : el("span", null, r.doc));
          link.replaceChildren(...heading.childNodes);
          item.appendChild(link);
          const meta = el("div", "meta");
          meta.appendChild(el("span", "rank", "#" + (offset + i + 1) + " · "));
          meta.appendChild(el("span", "date", r.date ? r.date : "undated"));
          meta.appendChild(document.createTextNode(" · "));
          meta.appendChild(el("span", "path", r.doc));
          meta.appendChild(document.createTextNode(" · passage " + r.passage));
          item.appendChild(meta);
          item.appendChild(marked("p", "passage", r.snippet, r.snippet_highlights));
          if (r.matched.length) {
            item.appendChild(el("div", "matched", "matched: " + r.matched.join(", ")));
            for (const word of r.matched) spellings.set(word, (spellings.get(word) || 0) + 1);
          }
          item.addEventListener("click", (event) => { if (event.target.tagName !== "A") select(i); });
          list.appendChild(item);
        });
        const shown = data.results.length;
        let summary = data.total + " document" + (data.total === 1 ? "" : "s") + " match " + data.query;
        if (shown) summary += "; showing " + (offset + 1) + "–" + (offset + shown);
        if (data.undated_excluded) summary += "; " + data.undated_excluded + " undated left out by the date filter";
        $("summary").textContent = summary;
        const box = $("spellings");
        box.replaceChildren();
        if (spellings.size) {
          box.appendChild(document.createTextNode("Spellings matched on this page: "));
          for (const [word, n] of [...spellings.entries()].sort((a, b) => b[1] - a[1])) {
            const chip = el("span", "spelling");
            chip.appendChild(el("b", null, word));
            chip.appendChild(document.createTextNode(" " + n));
            box.appendChild(chip);
          }
        }
        drawTimeline(timeline);
        await renderNames(data.query);
        const pager = $("pager");
        pager.replaceChildren();
        if (offset > 0) pager.appendChild(pageLink("← previous", Math.max(0, offset - 20)));
        if (offset + shown < data.total) pager.appendChild(pageLink("next →", offset + 20));
        $("results-view").hidden = false;
        document.title = data.query + " — search";
      }

      // The spellings the whole index holds for each name of the query (the first four words that are not
      // operators), from /api/names: which ones the query matched, and which it did not and why not (similarity).
      async function renderNames(query) {
        const box = $("names");
        box.replaceChildren();
        const words = [...new Set((query.match(/[\p{L}][\p{L}\p{M}'’-]*/gu) || []).filter(w => !["OR", "AND", "NOT", "NEAR"].includes(w)))].slice(0, 4);
        for (const word of words) {
          const answer = await getJSON("/api/names", new URLSearchParams({ name: word }));
          if (!answer.spellings.length) continue;
          const line = el("p", "names");
          line.appendChild(document.createTextNode("Spellings of "));
          line.appendChild(el("b", null, word));
          line.appendChild(document.createTextNode(" in the index: "));
          for (const s of answer.spellings) {
            const chip = el("span", s.accepted ? "spelling" : "spelling unmatched", s.spelling + " " + s.documents);
            chip.title = "similarity " + s.similarity.toFixed(2) + (s.accepted ? ", matched" : ", below " + answer.threshold + ": not matched");
            line.appendChild(chip);
          }
          box.appendChild(line);
        }
      }

      function pageLink(text, offset) {
        const a = el("a", null, text);
        const p = params();
        if (offset) p.set("offset", String(offset)); else p.delete("offset");
        a.href = "/?" + p.toString();
        return a;
      }

      // Bars per month from the first matching month to the last; a click narrows the dates to that month.
      function drawTimeline(t) {
        const svg = $("timeline");
        const ns = "http://www.w3.org/2000/svg";
        svg.replaceChildren();
        const caption = $("timeline-caption");
        if (!t.months.length) {
          caption.textContent = t.documents ? "no matching document has a date" : "";
          $("timeline-box").hidden = !t.documents;
          return;
        }
        $("timeline-box").hidden = false;
        const months = [];
        let [y, m] = t.months[0].month.split("-").map(Number);
        const [ly, lm] = t.months[t.months.length - 1].month.split("-").map(Number);
        const counts = new Map(t.months.map((x) => [x.month, x.documents]));
        while ((y < ly || (y === ly && m <= lm)) && months.length < 1200) {
          const key = y + "-" + String(m).padStart(2, "0");
          months.push([key, counts.get(key) || 0]);
          m += 1; if (m > 12) { m = 1; y += 1; }
        }
        const width = 1000, height = 90, base = 72;
        svg.setAttribute("viewBox", "0 0 " + width + " " + height);
        svg.setAttribute("preserveAspectRatio", "none");
        const most = Math.max(...months.map((x) => x[1]));
        const step = width / months.length;
        months.forEach(([month, n], i) => {
          if (!n) return;
          const h = Math.max(2, (base - 6) * n / most);
          const r = document.createElementNS(ns, "rect");
          r.setAttribute("class", "bar");
          r.setAttribute("x", String(i * step + step * 0.1));
          r.setAttribute("width", String(Math.max(1, Math.min(step * 0.8, 24))));
          r.setAttribute("y", String(base - h));
          r.setAttribute("height", String(h));
          r.dataset.month = month;
          const tip = document.createElementNS(ns, "title");
          tip.textContent = month + ": " + n + " document" + (n === 1 ? "" : "s");
          r.appendChild(tip);
          r.addEventListener("click", () => { $("since").value = month; $("until").value = month; submit(); });
          svg.appendChild(r);
        });
        const labels = Math.min(months.length, 8);
        for (let k = 0; k < labels; k++) {
          const i = Math.round(k * (months.length - 1) / Math.max(1, labels - 1));
          const text = document.createElementNS(ns, "text");
          text.setAttribute("x", String(Math.min(width - 40, i * step)));
          text.setAttribute("y", String(height - 4));
          text.textContent = months[i][0];
          svg.appendChild(text);
        }
        const left = [];
        if (t.undated) left.push(t.undated + " undated");
        if (t.imprecise) left.push(t.imprecise + " dated only by year");
        caption.textContent = "Matching documents per month, " + months[0][0] + " to " + months[months.length - 1][0] +
          (left.length ? " (not shown: " + left.join(", ") + ")" : "") + ". Click a month to narrow the dates to it.";
      }

      async function renderDocument(p) {
        const api = new URLSearchParams();
        api.set("doc", p.get("doc"));
        if (p.get("q")) api.set("q", p.get("q"));
        if (p.get("exact")) api.set("exact", p.get("exact"));
        const v = await getJSON("/api/show", api);
        const view = $("doc-view");
        view.replaceChildren();
        if (p.get("q")) {
          const back = el("a", "back", "← results for " + p.get("q"));
          const rp = new URLSearchParams(); rp.set("q", p.get("q"));
          back.href = "/?" + rp.toString();
          view.appendChild(back);
        }
        view.appendChild(v.title ? marked("h1", null, v.title, v.title_highlights) : el("h1", null, "(untitled)"));
        const meta = el("div", "meta");
        meta.appendChild(el("span", "date", v.date ? v.date + " (from " + (v.date_source || "unknown") + ")" : "no date found"));
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("span", "path", v.doc));
        if (v.url) { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("span", "url", v.url)); }
        let count = v.passages.length + " passages";
        if (v.query) count += "; " + v.matching_passages + " match " + v.query;
        meta.appendChild(document.createTextNode(" · " + count));
        view.appendChild(meta);
        const list = el("ol");
        for (const passage of v.passages) {
          const item = marked("li", passage.highlights.length ? "hit" : null, passage.text, passage.highlights);
          item.value = passage.passage;
          item.id = "p" + passage.passage;
          list.appendChild(item);
        }
        view.appendChild(list);
        view.hidden = false;
        document.title = (v.title || v.doc) + " — search";
        const first = list.querySelector("li.hit");
        if (first) first.scrollIntoView({ block: "center" });
      }

      function submit(offset) {
        const query = formQuery(offset);
        history.pushState(null, "", "/?" + query.toString());
        render();
      }

      function select(i) {
        const items = document.querySelectorAll("li.result");
        if (!items.length) return;
        selected = Math.max(0, Math.min(items.length - 1, i));
        items.forEach((item, k) => item.classList.toggle("selected", k === selected));
        const link = items[selected].querySelector("a.title");
        link.focus();
        items[selected].scrollIntoView({ block: "nearest" });
      }

      document.addEventListener("keydown", (event) => {
        const typing = event.target.tagName === "INPUT" || event.target.tagName === "SELECT";
        if (event.key === "/" && !typing) {
          event.preventDefault();
          $("q").focus();
          $("q").select();
        } else if (event.key === "ArrowDown" && !$("results-view").hidden && event.target.type !== "checkbox") {
          event.preventDefault();
          select(selected + 1);
        } else if (event.key === "ArrowUp" && !$("results-view").hidden && !typing) {
          event.preventDefault();
          if (selected <= 0) { $("q").focus(); selected = -1; } else select(selected - 1);
        } else if (event.key === "Enter" && !typing && selected >= 0) {
          const link = document.querySelectorAll("li.result")[selected]?.querySelector("a.title");
          if (link) { event.preventDefault(); location.href = link.href; }
        }
      });

      $("form").addEventListener("submit", (event) => { event.preventDefault(); submit(); });
      window.addEventListener("popstate", render);
      render();
    })();

    """#
}
