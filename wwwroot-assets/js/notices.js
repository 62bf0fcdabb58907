// Live channels of every signed-in person (requesters too), through the board hub but never with board traffic:
// - the bell, on every page: a notice connection (?canal=avisos) that receives only this person's notices;
// - an open case page: a case connection (?canal=caso&numero=…) told when that case changes.
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
export function connect(dotnet, hubPath) {
  return open(dotnet, hubPath, { notice: 'OnNotice' });
}

/**
 * Starts a case page's connection: OnCaseChanged is called when the case changes (and OnReconnected after a break).
 * @param {any} dotnet DotNetObjectReference of the case page.
 * @param {string} hubPath "/hubs/tablero?canal=caso&numero=MS-2026-000001".
 */
export function connectCase(dotnet, hubPath) {
  return open(dotnet, hubPath, { caseChanged: 'OnCaseChanged' });
}

async function open(dotnet, hubPath, handlers) {
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

  for (const [event, method] of Object.entries(handlers)) {
    connection.on(event, message => call(method, message));
  }
  connection.on('ready', () => {});
  // What happened while the connection was down is in the database: read it again.
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
