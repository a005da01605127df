// Live updates: keeps the page in step with what others change, from the server's stream (/live).
// Progressive enhancement only: without this file every page shows what was true when it was loaded, and a save
// made on an out-of-date page is refused with what changed (nothing typed is lost either way).
//
// The page opts in with an element #live: data-live-since (the newest event the page knows of), data-live-ticket (the
// ticket it shows, if any) and data-live-on ("ticket": the ticket's own events; "list": any event; "queues": any event
// and the queue counts). A change loads the page again in the background and swaps each [data-live-region] for its
// new version, except a region holding a form being filled in or the focus: what someone is typing is never touched.
const live = document.getElementById("live");
if (live && "EventSource" in window) {
    const ticket = live.dataset.liveTicket;
    const on = live.dataset.liveOn;
    const status = document.getElementById("live-status");
    const presence = document.getElementById("live-presence");
    let since = live.dataset.liveSince ?? "";
    let source = null;

    // A form someone has started to fill in is theirs until they send it; so is one the server sent back filled in
    // (data-filled="true": refused, with what was typed).
    document.addEventListener("input", e => e.target.form?.setAttribute("data-dirty", ""));
    document.addEventListener("change", e => e.target.form?.setAttribute("data-dirty", ""));

    let pending = false;
    let loading = false;
    let skippedForFocus = false;
    const refresh = () => {
        pending = true;
        if (!loading) setTimeout(load, 150);
    };

    async function load() {
        if (loading) return;
        loading = true;
        pending = false;
        try {
            const response = await fetch(location.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" });
            if (response.status === 404 && ticket) { say(live.dataset.textGone); close(); return; }
            if (!response.ok || response.redirected) return;
            swap(new DOMParser().parseFromString(await response.text(), "text/html"));
            // Parts of the page loaded on their own (the views' counts) load again.
            document.dispatchEvent(new CustomEvent("live:loaded"));
        } catch {
            // A network hiccup: the next change, or the next reconnection, loads again.
        } finally {
            loading = false;
            if (pending) setTimeout(load, 150);
        }
    }

    function swap(fresh) {
        let kept = false;
        let changed = false;
        skippedForFocus = false;
        for (const region of document.querySelectorAll("[data-live-region]")) {
            const next = fresh.getElementById(region.id);
            // The same as shown (a change already on the page, or one this reader does not see): nothing to do or say.
            if (!next || comparable(next) === comparable(region)) continue;
            if (region.querySelector("form[data-dirty], form[data-filled=true]")) { kept = true; continue; }
            if (region.contains(document.activeElement) && document.activeElement !== document.body) { skippedForFocus = true; continue; }
            keepOpen(region, next);
            region.replaceWith(next);
            next.dispatchEvent(new CustomEvent("live:swapped", { bubbles: true }));
            changed = true;
        }
        // A form that is never swapped (the reply box) knows the ticket as now shown, once all of it is shown: a reply
        // written while a colleague's message was not on the screen is still checked by the server.
        if (!kept && !skippedForFocus) {
            for (const form of document.querySelectorAll("form[data-live-version]")) {
                const nextForm = fresh.getElementById(form.id);
                for (const name of ["version", "seen"]) {
                    const input = form.querySelector(`input[name="${name}"]`);
                    const value = nextForm?.querySelector(`input[name="${name}"]`)?.value;
                    if (input && value) input.value = value;
                }
            }
        }
        const title = fresh.querySelector("title");
        if (title) document.title = title.textContent;
        if (kept) say(live.dataset.textKept);
        else if (changed) say(live.dataset.textUpdated);
    }

    // Each page view carries new anti-forgery tokens, a form being filled in is marked, a section may have been opened,
    // the views' counts are filled in after the page: none of these is a change.
    function comparable(element) {
        return element.innerHTML
            .replace(/<input[^>]*__RequestVerificationToken[^>]*>/g, "")
            .replace(/ data-dirty=""/g, "")
            .replace(/ data-filled="(true|false)"/g, "")
            .replace(/(<details[^>]*?) open=""/g, "$1")
            .replace(/(data-view-count="\d+"[^>]*>)[^<]*/g, "$1");
    }

    // The sections the reader opened or closed stay so.
    function keepOpen(region, next) {
        const before = [...(region.tagName === "DETAILS" ? [region] : []), ...region.querySelectorAll("details")];
        const after = [...(next.tagName === "DETAILS" ? [next] : []), ...next.querySelectorAll("details")];
        if (before.length === after.length) before.forEach((d, i) => { after[i].open = d.open; });
    }

    // A live region announces a change of its text: emptied first, so that the same words twice are said twice.
    function say(text) {
        if (!status || !text) return;
        status.textContent = "";
        setTimeout(() => { status.textContent = text; }, 50);
    }

    // A region left alone because the focus was in it is brought up to date once the focus leaves.
    document.addEventListener("focusout", () => { if (skippedForFocus) setTimeout(refresh, 0); });

    function open() {
        const params = new URLSearchParams();
        if (since) params.set("since", since);
        if (ticket) params.set("ticket", ticket);
        source = new EventSource(`/live?${params}`);
        source.addEventListener("ticket", e => {
            since = e.lastEventId || since;
            const change = JSON.parse(e.data);
            if (on !== "ticket" || String(change.number) === ticket) refresh();
            bellSoon();
        });
        source.addEventListener("queues", () => { if (on === "queues") refresh(); });
        source.addEventListener("reset", refresh);
        source.addEventListener("presence", e => {
            if (!presence) return;
            const people = JSON.parse(e.data).people;
            presence.hidden = people.length === 0;
            presence.textContent = people.length === 0 ? "" : `${live.dataset.textPresent} ${people
                .map(p => p.replying ? `${p.name} (${live.dataset.textReplying})` : p.name).join(", ")}`;
        });
    }

    // The bell: agents' notifications are written from the events a moment after them (the dispatcher runs every
    // second), so its number is asked for a little later, once for a burst of events.
    const bell = document.getElementById("bell");
    let bellTimer = 0;
    function bellSoon() {
        if (!bell) return;
        clearTimeout(bellTimer);
        bellTimer = setTimeout(async () => {
            try {
                const response = await fetch(bell.dataset.countUrl, { credentials: "same-origin" });
                if (!response.ok || response.redirected) return;
                const { unread } = await response.json();
                const shown = unread >= 100 ? "99+" : String(unread);
                // The bell's own number, and its copy on the phone's menu toggle.
                for (const count of document.querySelectorAll(".bell__count")) {
                    count.textContent = shown;
                    count.hidden = unread === 0;
                }
                bell.setAttribute("aria-label", unread === 0 ? bell.dataset.textNone : bell.dataset.textSome.replace("{0}", shown));
            } catch {
                // The next event asks again.
            }
        }, 2000);
    }

    function close() {
        if (!source) return;
        source.close();
        source = null;
    }

    // A browser opens few connections to one server over HTTP/1.1 (six in Chromium), and each open page's stream holds
    // one: a page in a hidden tab lets go of its stream, and takes it up again from its last event when shown (too much
    // missed meanwhile, and the server says to load everything again).
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "hidden") close();
        else if (!source) open();
    });
    if (document.visibilityState !== "hidden") open();

    // An agent writing a reply says so, at most every 10 s, for the others' presence line.
    const reply = document.querySelector("form[data-live-replying] textarea");
    if (reply) {
        let last = 0;
        reply.addEventListener("input", () => {
            if (Date.now() - last < 10_000) return;
            last = Date.now();
            const form = reply.form;
            const body = new FormData();
            body.set("__RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]")?.value ?? "");
            fetch(form.dataset.liveReplying, { method: "POST", body, credentials: "same-origin" }).catch(() => { });
        });
    }
}
