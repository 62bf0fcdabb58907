// The Spanish reconnection dialog (Components/Layout/ReconnectModal.razor) and the truth of the live indicators.
// blazor.web.js raises "components-reconnect-state-changed" on #components-reconnect-modal with detail.state:
// show, retrying, hide, failed, rejected, paused, resume-failed. The <body> carries the circuit's state as a class
// (circuit-reconnecting, circuit-offline) so that every live indicator shows «Reconectando…» or «Sin conexión»
// instead of «En vivo» while the server cannot be heard (css/site.css).
(function () {
    "use strict";
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) {
        return;
    }

    function circuit(state) {
        document.body.classList.toggle("circuit-reconnecting", state === "reconnecting");
        document.body.classList.toggle("circuit-offline", state === "offline");
    }

    function open() {
        if (!modal.open && typeof modal.showModal === "function") {
            modal.showModal();
        }
    }

    function retryWhenVisible() {
        if (document.visibilityState === "visible") {
            retry();
        }
    }

    async function retry() {
        document.removeEventListener("visibilitychange", retryWhenVisible);
        circuit("reconnecting");
        try {
            const reconnected = await Blazor.reconnect();
            if (!reconnected) {
                const resumed = await Blazor.resumeCircuit();
                if (!resumed) {
                    location.reload();
                    return;
                }

                modal.close();
                circuit("online");
            }
        } catch {
            circuit("offline");
            document.addEventListener("visibilitychange", retryWhenVisible);
        }
    }

    async function resume() {
        try {
            if (!await Blazor.resumeCircuit()) {
                location.reload();
            }
        } catch {
            location.reload();
        }
    }

    modal.addEventListener("components-reconnect-state-changed", function (event) {
        switch (event.detail.state) {
            case "show":
            case "retrying":
                circuit("reconnecting");
                open();
                break;
            case "hide":
                circuit("online");
                modal.close();
                break;
            case "failed":
            case "paused":
            case "resume-failed":
                circuit("offline");
                open();
                if (event.detail.state === "failed") {
                    document.addEventListener("visibilitychange", retryWhenVisible);
                }
                break;
            case "rejected":
                circuit("offline");
                location.reload();
                break;
        }
    });

    document.getElementById("components-reconnect-button")?.addEventListener("click", retry);
    document.getElementById("components-resume-button")?.addEventListener("click", resume);
    document.getElementById("components-reload-button")?.addEventListener("click", function () { location.reload(); });
})();
