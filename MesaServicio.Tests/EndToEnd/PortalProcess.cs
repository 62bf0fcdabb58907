using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MesaServicio.Tests.Support;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// The real portal, started as its own process (<c>dotnet exec MesaServicio.Web.dll</c>) on 127.0.0.1 with a free
/// port, a fresh database (see <see cref="TestDatabase"/>) and attachment folder in a temporary directory, in Development (local sign-in).
/// Ready once "/" answers 200; its output is kept (and written to <c>artifacts/e2e/portal.log</c> when it stops);
/// the whole process tree is killed on dispose.
/// </summary>
public sealed class PortalProcess : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly int? _port;
    private TestDatabase? _database;
    private bool _ownsDatabase;
    private Process? _process;
    private DirectoryInfo? _data;

    /// <summary>A portal on a fresh database of its own (the browser suites' fixture).</summary>
    public PortalProcess()
        : this(null, new Dictionary<string, string>())
    {
    }

    private PortalProcess(TestDatabase? database, IReadOnlyDictionary<string, string> settings, int? port = null, string? name = null)
    {
        _database = database;
        _settings = settings;
        _port = port;
        Name = name ?? "portal";
    }

    /// <summary>
    /// A portal on an existing database (kept when the process stops, so that another process can start on it) with
    /// extra configuration, e.g. <c>["TimedWork:IntervalSeconds"] = "1"</c>.
    /// </summary>
    public static PortalProcess On(TestDatabase database, IReadOnlyDictionary<string, string> settings) => new(database, settings);

    /// <summary>
    /// One of several instances on a shared database: named (its log is <c>artifacts/e2e/{name}.log</c>), optionally on a
    /// given port (a restarted instance takes its predecessor's address, as behind a load balancer).
    /// </summary>
    public static PortalProcess Instance(string name, TestDatabase database, IReadOnlyDictionary<string, string> settings, int? port = null) =>
        new(database, settings, port, name);

    /// <summary>The connection settings of its database (for tests that prepare data through Core), once started.</summary>
    public IReadOnlyDictionary<string, string> DatabaseSettings =>
        _database?.Settings ?? throw new InvalidOperationException("The portal has not started: it has no database yet.");

    /// <summary>The name of its log file in <c>artifacts/e2e/</c>.</summary>
    public string Name { get; }

    /// <summary>Ends the process at once with SIGKILL: no shutdown, no flushing, as a crashed machine would.</summary>
    public void KillAbruptly()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit(10_000);
        }
    }

    /// <summary>The portal's address, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>How long the portal took to answer its first 200 on "/".</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Everything the portal wrote so far (standard output and error, interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The web project's build output beside the tests' (same configuration: bin/{Configuration}/net10.0).</summary>
    public static string WebDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryFiles.Root, "MesaServicio.Web", "bin", configuration, "net10.0", "MesaServicio.Web.dll");
        }
    }

    public async Task InitializeAsync()
    {
        var dll = WebDll;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The web project is not built beside the tests: {dll} is missing (build MesaServicio.Tests).", dll);
        }

        _data = Directory.CreateTempSubdirectory("mesa-e2e-");
        var port = _port ?? FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

        var start = new ProcessStartInfo("dotnet", ["exec", dll, "--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        if (_database is null)
        {
            _database = TestDatabase.Create(_data.FullName);
            _ownsDatabase = true;
        }

        foreach (var (key, value) in _database.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Attachments__StoragePath"] = Path.Combine(_data.FullName, "adjuntos");
        start.Environment["Retention__ArchivePath"] = Path.Combine(_data.FullName, "archivo");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var clock = Stopwatch.StartNew();
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!_process.Start())
        {
            throw new InvalidOperationException("dotnet exec MesaServicio.Web.dll did not start.");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        HttpStatusCode? last = null;
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The portal exited with code {_process.ExitCode} before serving /. Its output:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/", UriKind.Relative));
                last = response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartupTime = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first request on a busy machine: ask again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"The portal did not serve / with 200 within {StartTimeout.TotalSeconds} s (last status: {last?.ToString() ?? "none"}). Its output:\n{Output}");
    }

    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await process.WaitForExitAsync(wait.Token);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            catch (OperationCanceledException)
            {
                // Reported by the log below; nothing else can be done.
            }

            process.Dispose();
        }

        try
        {
            var folder = RepositoryFiles.PathOf(Path.Combine("artifacts", "e2e"));
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, Name + ".log"), Output);
        }
        catch (IOException)
        {
            // The log is a convenience.
        }

        if (_ownsDatabase)
        {
            _database?.Dispose();
        }

        try
        {
            _data?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on now (for a portal, or a test's SMTP server).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
