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
    const params = new URLSearchParams();
    if (live.dataset.liveSince) params.set("since", live.dataset.liveSince);
    if (ticket) params.set("ticket", ticket);
    const source = new EventSource(`/live?${params}`);

    // A form someone has started to fill in is theirs until they send it.
    document.addEventListener("input", e => e.target.form?.setAttribute("data-dirty", ""));
    document.addEventListener("change", e => e.target.form?.setAttribute("data-dirty", ""));

    let pending = false;
    let loading = false;
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
            if (response.status === 404 && ticket) { say(live.dataset.textGone); source.close(); return; }
            if (!response.ok || response.redirected) return;
            swap(new DOMParser().parseFromString(await response.text(), "text/html"));
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
        for (const region of document.querySelectorAll("[data-live-region]")) {
            const next = fresh.getElementById(region.id);
            // The same as shown (a change already on the page, or one this reader does not see): nothing to do or say.
            if (!next || comparable(next) === comparable(region)) continue;
            const busy = region.querySelector("form[data-dirty]") || (region.contains(document.activeElement) && document.activeElement !== document.body);
            if (busy) { kept ||= region.querySelector("form[data-dirty]") !== null; continue; }
            if (region.tagName === "DETAILS") next.open = region.open;
            region.replaceWith(next);
            changed = true;
        }
        // A form that is never swapped (the reply box) knows the ticket as it is now shown.
        for (const form of document.querySelectorAll("form[data-live-version]")) {
            const nextForm = fresh.getElementById(form.id);
            for (const name of ["version", "seen"]) {
                const input = form.querySelector(`input[name="${name}"]`);
                const value = nextForm?.querySelector(`input[name="${name}"]`)?.value;
                if (input && value) input.value = value;
            }
        }
        const title = fresh.querySelector("title");
        if (title) document.title = title.textContent;
        if (kept) say(live.dataset.textKept);
        else if (changed) say(live.dataset.textUpdated);
    }

    // Each page view carries new anti-forgery tokens, and a form being filled in is marked: neither is a change.
    function comparable(element) {
        return element.innerHTML.replace(/<input[^>]*__RequestVerificationToken[^>]*>/g, "").replace(/ data-dirty=""/g, "");
    }

    function say(text) {
        if (!status || !text) return;
        status.textContent = text;
    }

    source.addEventListener("ticket", e => {
        const change = JSON.parse(e.data);
        if (on !== "ticket" || String(change.number) === ticket) refresh();
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
