// The saved views' counts in the workspace's menu, loaded after the page (a count per view on every page would make
// each page pay for all of them) and again when live updates load the page. Without this file the views have no count.
const url = "/agent/views?handler=Counts";
let shown = new Map();
let asking = false;
let again = false;

function fill() {
    for (const span of document.querySelectorAll("[data-view-count]")) {
        span.textContent = shown.get(span.dataset.viewCount) ?? "";
    }
}

async function load() {
    if (asking) { again = true; return; }
    asking = true;
    try {
        const response = await fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
        if (response.ok && !response.redirected) {
            shown = new Map((await response.json()).map(c => [String(c.id), c.text]));
            fill();
        }
    } catch {
        // A network hiccup: the next live update asks again.
    } finally {
        asking = false;
        if (again) { again = false; load(); }
    }
}

// A swapped menu comes without the counts: the last ones at once, then fresh ones.
document.addEventListener("live:swapped", fill);
document.addEventListener("live:loaded", load);
if (document.querySelector("[data-view-count]")) load();
