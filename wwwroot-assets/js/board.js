// The live board in the browser (issue #4). Connects to the board hub with the self-hosted SignalR client
// (same origin, the session cookie authenticates it), hands every change to the board component through its
// DotNetObjectReference, and helps native drag and drop (a drag payload for Firefox, drop-zone highlight).
// Loaded as a module by BoardPage: no inline script (CSP script-src 'self').

let signalRLoading;

function loadSignalR() {
  if (window.signalR) {
    return Promise.resolve(window.signalR);
  }
  if (!signalRLoading) {
    signalRLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL('lib/signalr/signalr.min.js', document.baseURI).href;
      script.onload = () => resolve(window.signalR);
      script.onerror = () => {
        signalRLoading = undefined;
        reject(new Error('The SignalR client did not load.'));
      };
      document.head.appendChild(script);
    });
  }
  return signalRLoading;
}

function enableDrag(root) {
  if (!root || !root.addEventListener) {
    return () => {};
  }
  const clear = () => root.querySelectorAll('.drop-target').forEach(zone => zone.classList.remove('drop-target'));
  const handlers = {
    dragstart: e => {
      const card = e.target.closest && e.target.closest('[data-numero]');
      if (card && e.dataTransfer) {
        e.dataTransfer.setData('text/plain', card.dataset.numero);
        e.dataTransfer.effectAllowed = 'move';
        card.classList.add('dragging');
      }
    },
    dragend: e => {
      const card = e.target.closest && e.target.closest('[data-numero]');
      if (card) {
        card.classList.remove('dragging');
      }
      clear();
    },
    dragenter: e => {
      const zone = e.target.closest && e.target.closest('[data-drop]');
      if (zone) {
        zone.classList.add('drop-target');
      }
    },
    dragleave: e => {
      const zone = e.target.closest && e.target.closest('[data-drop]');
      if (zone && !zone.contains(e.relatedTarget)) {
        zone.classList.remove('drop-target');
      }
    },
    drop: clear,
  };
  for (const [name, handler] of Object.entries(handlers)) {
    root.addEventListener(name, handler);
  }
  return () => {
    for (const [name, handler] of Object.entries(handlers)) {
      root.removeEventListener(name, handler);
    }
  };
}

/**
 * Starts the live connection. Returns a handle whose stop() ends it (called when the board is disposed).
 * @param {any} dotnet DotNetObjectReference of the board component.
 * @param {string} hubPath The hub's path, "/hubs/tablero".
 * @param {HTMLElement} root The board's element, for drag and drop help.
 */
export async function connect(dotnet, hubPath, root) {
  const stopDrag = enableDrag(root);
  let stopped = false;
  const report = (state, reconnected) => {
    if (!stopped) {
      dotnet.invokeMethodAsync('OnLiveStateChanged', state, reconnected).catch(() => {});
    }
  };

  let connection;
  try {
    const signalR = await loadSignalR();
    connection = new signalR.HubConnectionBuilder()
      .withUrl(hubPath)
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
  } catch (e) {
    report('desconectado', false);
    return { stop: async () => { stopped = true; stopDrag(); } };
  }

  connection.on('caseChanged', message => {
    if (!stopped) {
      dotnet.invokeMethodAsync('OnCaseChanged', message).catch(() => {});
    }
  });
  // The hub says "ready" once the connection joined its groups (after a start and after each reconnection).
  connection.on('ready', () => report('conectado', false));
  connection.onreconnecting(() => report('reconectando', false));
  connection.onreconnected(() => report('conectado', true));
  connection.onclose(() => report('desconectado', false));

  // The automatic reconnection covers a lost connection; a first start that fails is retried here.
  const start = async () => {
    for (const wait of [0, 2000, 5000, 10000]) {
      if (stopped) {
        return;
      }
      if (wait) {
        await new Promise(resolve => setTimeout(resolve, wait));
      }
      try {
        await connection.start();
        return;
      } catch (e) {
        // Try again after the next wait.
      }
    }
    report('desconectado', false);
  };
  await start();

  return {
    stop: async () => {
      stopped = true;
      stopDrag();
      await connection.stop();
    },
  };
}
