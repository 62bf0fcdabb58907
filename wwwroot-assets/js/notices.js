// The bell's live channel for staff (issue #5), on every page of the portal: a SignalR connection to the board hub
// opened as a notice connection (?canal=avisos), so it receives only this person's notices, never board traffic.
// Requesters do not connect (the hub is staff-only): their bell reads the inbox on page load.
// Self-hosted SignalR client, same origin, the session cookie authenticates it (CSP script-src 'self').

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

/**
 * Starts the notice connection. Returns a handle whose stop() ends it (called when the bell is disposed).
 * @param {any} dotnet DotNetObjectReference of the bell component.
 * @param {string} hubPath The hub's path with the notice channel, "/hubs/tablero?canal=avisos".
 */
export async function connect(dotnet, hubPath) {
  let stopped = false;
  const call = (method, ...args) => {
    if (!stopped) {
      dotnet.invokeMethodAsync(method, ...args).catch(() => {});
    }
  };

  let connection;
  try {
    const signalR = await loadSignalR();
    connection = new signalR.HubConnectionBuilder()
      .withUrl(hubPath)
      .withAutomaticReconnect([0, 2000, 5000, 10000, 30000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
  } catch (e) {
    return { stop: async () => { stopped = true; } };
  }

  connection.on('notice', message => call('OnNotice', message));
  connection.on('ready', () => {});
  // Notices written while the connection was down are in the inbox: read it again.
  connection.onreconnected(() => call('OnReconnected'));

  const start = async () => {
    for (const wait of [0, 2000, 5000, 10000, 30000]) {
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
        // Try again after the next wait; the bell still shows the inbox read on page load.
      }
    }
  };
  // Not awaited: the page does not wait for the live channel.
  start();

  return {
    stop: async () => {
      stopped = true;
      await connection.stop();
    },
  };
}
