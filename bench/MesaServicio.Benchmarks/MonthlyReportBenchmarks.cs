using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using MesaServicio.Core;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Pdf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Benchmarks;

/// <summary>
/// The coordinator's monthly report (issue #6) on a SQLite file holding one month (November 2026) of
/// <see cref="Cases"/> cases with about four history entries each. Goal for 100,000 cases: computation and
/// PDF within 2 s and 300 MB. The seeding runs in the global setup (raw SQL in one transaction, not
/// measured). Peak memory: the process's peak resident set is reset after seeding (Linux) and printed at
/// the end as <c>// PeakWorkingSet</c>, besides BenchmarkDotNet's allocations.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MonthlyReportBenchmarks
{
    private static readonly YearMonth November = new(2026, 11);
    private static readonly DateTimeOffset AsOf = new(2026, 12, 15, 9, 0, 0, TimeSpan.FromHours(-5));

    private static readonly ReportBranding Branding = new(
        "Departamento Administrativo de la Función Pública", "Oficina de Tecnologías de la Información y las Comunicaciones", "Mesa de Servicio TI");

    private ServiceProvider _services = null!;
    private string _folder = "";
    private bool _peakReset;

    [ParamsSource(nameof(CaseCounts))]
    public int Cases { get; set; }

    public static IEnumerable<int> CaseCounts => BenchScale.Smoke ? [BenchScale.SmokeRows] : [10_000, 100_000];

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "mesa-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var connectionString = $"Data Source={Path.Combine(_folder, "mesa.db")}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mesa"] = connectionString,
        }).Build();

        // Core wired as the app wires it (what DatabaseInitializer and the reports need comes with it), with a fixed
        // calendar and clock registered first: Core only adds those when none is there (TryAdd).
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IBusinessCalendarProvider>(new FixedBusinessCalendarProvider(BusinessCalendar.ColombiaDefault()));
        services.AddSingleton<TimeProvider>(new FixedTime(AsOf));
        services.AddMesaServicioCore(configuration);
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        await SeedAsync(connectionString, Cases);

        SqliteConnection.ClearAllPools();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        ResetPeakWorkingSet();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// PeakWorkingSet Cases={Cases}: {process.PeakWorkingSet64 / (1024.0 * 1024.0):0} MB (reset after seeding: {_peakReset})"));
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    /// <summary>The computation alone (what the screen shows).</summary>
    [Benchmark]
    public Task<MonthlyReport> Compute() =>
        _services.GetRequiredService<ComputeMonthlyReport>().HandleAsync(November, CancellationToken.None);

    /// <summary>The computation and its PDF: the goal's measure.</summary>
    [Benchmark]
    public async Task<long> ComputeAndPdf()
    {
        var report = await Compute();
        using var output = new MemoryStream();
        _services.GetRequiredService<MonthlyReportPdf>().Render(report, Branding, "Beatriz Elena Cárdenas", output);
        return output.Length;
    }

    /// <summary>The month's CSV, streamed (to a null stream: the cost of reading and formatting).</summary>
    [Benchmark]
    public async Task<long> Csv()
    {
        await using var output = new CountingStream();
        await _services.GetRequiredService<MonthlyCasesCsv>().WriteAsync(November, output, CancellationToken.None);
        return output.Length;
    }

    /// <summary>Linux: writing 5 to /proc/self/clear_refs resets the peak resident set (VmHWM) that PeakWorkingSet64 reads.</summary>
    private void ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            _peakReset = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _peakReset = false;
        }
    }

    /// <summary>
    /// A month of realistic cases: any minute of November 2026, 70 % incidencias, the seeded ANS by kind and
    /// priority, about a quarter attended late, 85 % resolved (most then closed by the survey), 5 % rejected,
    /// the rest open; 6 % escalated and 3 % with a novedad.
    /// </summary>
    private static async Task SeedAsync(string connectionString, int count)
    {
        var calendar = BusinessCalendar.ColombiaDefault();
        var random = new Random(2026);
        var policies = SeedData.DefaultPolicies().ToDictionary(p => (p.Kind, p.Priority));
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        var categories = new List<int>();
        await using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT Id FROM Categories WHERE ParentId IS NOT NULL";
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                categories.Add(reader.GetInt32(0));
            }
        }

        Guid[] agents =
        [
            SeedData.DemoPeople.Agent1, SeedData.DemoPeople.Agent2, SeedData.DemoPeople.Agent3, SeedData.DemoPeople.Agent4,
            SeedData.DemoPeople.Agent5, SeedData.DemoPeople.Agent6,
        ];
        var requester = Text(SeedData.DemoPeople.Requester);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var insertCase = connection.CreateCommand();
        insertCase.Transaction = transaction;
        string[] columns =
        [
            "Id", "Number", "Kind", "CategoryId", "Subject", "Description", "Impact", "Urgency", "Priority", "Channel", "RequesterId",
            "Status", "Level", "AssigneeId", "ReceivedAt", "FirstActionAt", "ResolvedAt", "RejectedAt", "ClosedAt", "RejectionReason",
            "CloseOutcome", "AttendDueAt", "AttendTarget", "ResolveBaseDueAt", "ResolveTarget", "PausedBusinessTime", "PausedSince", "Version",
            "BoardColumn", "BoardDueAt", "SurveyRound",
        ];
        insertCase.CommandText = $"INSERT INTO Cases ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        var p = columns.ToDictionary(c => c, c => insertCase.Parameters.Add(new SqliteParameter("$" + c, null)));
        var insertHistory = connection.CreateCommand();
        insertHistory.Transaction = transaction;
        insertHistory.CommandText = "INSERT INTO CaseHistory (CaseId, At, ActorId, Action, ToValue, EscalatedToLevel, EscalatedToCategoryId) "
            + "VALUES ($c, $at, $actor, $action, $to, $level, $category)";
        var hCase = insertHistory.Parameters.Add(new SqliteParameter("$c", null));
        var hAt = insertHistory.Parameters.Add(new SqliteParameter("$at", null));
        var hActor = insertHistory.Parameters.Add(new SqliteParameter("$actor", null));
        var hAction = insertHistory.Parameters.Add(new SqliteParameter("$action", null));
        var hTo = insertHistory.Parameters.Add(new SqliteParameter("$to", null));
        var hLevel = insertHistory.Parameters.Add(new SqliteParameter("$level", null));
        var hCategory = insertHistory.Parameters.Add(new SqliteParameter("$category", null));
        void History(string caseId, DateTimeOffset at, Guid? actor, CaseAction action, string? to, int? level = null, int? category = null)
        {
            hLevel.Value = (object?)level ?? DBNull.Value;
            hCategory.Value = (object?)category ?? DBNull.Value;
            hCase.Value = caseId;
            hAt.Value = at.UtcTicks;
            hActor.Value = actor is { } a ? Text(a) : DBNull.Value;
            hAction.Value = (int)action;
            hTo.Value = (object?)to ?? DBNull.Value;
            insertHistory.ExecuteNonQuery();
        }

        var monthStart = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-5));
        var received = Enumerable.Range(0, count).Select(_ => monthStart.AddMinutes(random.Next(30 * 24 * 60))).Order().ToArray();
        for (var i = 0; i < count; i++)
        {
            var at = received[i];
            var kind = random.NextDouble() < 0.7 ? CaseKind.Incident : CaseKind.Request;
            var priority = Pick(random, [(CasePriority.Critical, 5), (CasePriority.High, 20), (CasePriority.Medium, 40), (CasePriority.Low, 30), (CasePriority.Planned, 5)]);
            var policy = policies[(kind, priority)];
            var assignee = agents[random.Next(agents.Length)];
            var id = Text(Guid.CreateVersion7(at));
            DateTimeOffset? attendDue = policy.Attend?.DueFrom(at, calendar);
            DateTimeOffset? resolveDue = policy.Resolve?.DueFrom(at, calendar);
            var attendTarget = attendDue is { } ad ? calendar.BusinessTimeBetween(at, ad) : TimeSpan.FromHours(9);
            var resolveTarget = resolveDue is { } rd ? calendar.BusinessTimeBetween(at, rd) : TimeSpan.FromHours(45);

            var status = CaseStatus.Assigned;
            DateTimeOffset? first = null, resolved = null, rejected = null, closed = null, pausedSince = null;
            RejectionReason? reason = null;
            CloseOutcome? outcome = null;
            var paused = TimeSpan.Zero;
            var roll = random.NextDouble();
            if (roll >= 0.04)
            {
                first = calendar.AddBusinessTime(at, attendTarget * (0.1 + (random.NextDouble() * 1.25)));
                status = CaseStatus.InProgress;
            }

            if (roll >= 0.15 && roll < 0.20)
            {
                rejected = first!.Value.AddMinutes(10);
                reason = (RejectionReason)random.Next(1, 4);
                status = CaseStatus.Rejected;
                pausedSince = rejected;
            }
            else if (roll >= 0.20)
            {
                if (random.NextDouble() < 0.1)
                {
                    paused = TimeSpan.FromMinutes(random.Next(30, 600));
                }

                resolved = calendar.AddBusinessTime(at, (resolveTarget * (0.2 + random.NextDouble())) + paused);
                if (resolved < first)
                {
                    resolved = first.Value.AddMinutes(5);
                }

                status = CaseStatus.Resolved;
                pausedSince = resolved;
            }

            if (status is CaseStatus.Resolved or CaseStatus.Rejected && random.NextDouble() < 0.8)
            {
                closed = calendar.EndOfNthBusinessDayAfter((resolved ?? rejected)!.Value, 3).AddMinutes(1);
                outcome = Pick(random, [(CloseOutcome.Satisfied, 60), (CloseOutcome.NoAnswer, 30), (CloseOutcome.NewCaseRequired, 5), (CloseOutcome.NoFurtherSolution, 5)]);
                status = CaseStatus.Closed;
            }

            var level = 1;
            var escalated = first is not null && random.NextDouble() < 0.06;
            p["Id"].Value = id;
            p["Number"].Value = string.Create(CultureInfo.InvariantCulture, $"MS-2026-{i + 1:000000}");
            p["Kind"].Value = (int)kind;
            p["CategoryId"].Value = categories[random.Next(categories.Count)];
            p["Subject"].Value = "Caso de prueba " + (i + 1).ToString(CultureInfo.InvariantCulture) + ": no funciona el servicio";
            p["Description"].Value = "Descripción del caso de prueba para medir el informe mensual.";
            p["Impact"].Value = (int)Impact.Medium;
            p["Urgency"].Value = (int)Urgency.Medium;
            p["Priority"].Value = (int)priority;
            p["Channel"].Value = (int)Pick(random, [(CaseChannel.Portal, 80), (CaseChannel.Agent, 15), (CaseChannel.Pqrs, 5)]);
            p["RequesterId"].Value = requester;
            p["Status"].Value = (int)status;
            p["Level"].Value = escalated ? 2 : level;
            p["AssigneeId"].Value = Text(escalated ? SeedData.DemoPeople.Level2Agent : assignee);
            p["ReceivedAt"].Value = at.UtcTicks;
            p["FirstActionAt"].Value = Ticks(first);
            p["ResolvedAt"].Value = Ticks(resolved);
            p["RejectedAt"].Value = Ticks(rejected);
            p["ClosedAt"].Value = Ticks(closed);
            p["RejectionReason"].Value = reason is { } r ? (int)r : DBNull.Value;
            p["CloseOutcome"].Value = outcome is { } o ? (int)o : DBNull.Value;
            p["AttendDueAt"].Value = Ticks(attendDue);
            p["AttendTarget"].Value = attendDue is null ? DBNull.Value : attendTarget.Ticks;
            p["ResolveBaseDueAt"].Value = Ticks(resolveDue);
            p["ResolveTarget"].Value = resolveDue is null ? DBNull.Value : resolveTarget.Ticks;
            p["PausedBusinessTime"].Value = paused.Ticks;
            p["PausedSince"].Value = Ticks(pausedSince);
            p["Version"].Value = 3;

            // What Case keeps for the board (its column and sort key) and the survey's round, as the domain would set them.
            p["BoardColumn"].Value = status == CaseStatus.Closed ? DBNull.Value : (int)MesaServicio.Core.Board.BoardColumns.Of(status);
            p["BoardDueAt"].Value = (resolveDue ?? attendDue ?? at).UtcTicks;
            p["SurveyRound"].Value = resolved is null ? 0 : 1;
            insertCase.ExecuteNonQuery();

            History(id, at, null, CaseAction.Registered, "Portal");
            History(id, at, null, CaseAction.Assigned, Text(assignee));
            if (first is { } f)
            {
                History(id, f, assignee, CaseAction.AttentionStarted, null);
            }

            if (escalated)
            {
                // An escalation's target is typed on its history line (decision 0032): the next level, or another category.
                var toLevel = random.NextDouble() < 0.8;
                History(id, first!.Value.AddMinutes(20), assignee, CaseAction.Escalated, Text(SeedData.DemoPeople.Level2Agent),
                    toLevel ? 2 : null, toLevel ? null : categories[random.Next(categories.Count)]);
            }

            if (resolved is { } done)
            {
                History(id, done, assignee, CaseAction.Resolved, null);
                if (random.NextDouble() < 0.03)
                {
                    History(id, done.AddHours(2), SeedData.DemoPeople.Requester, CaseAction.NovedadReported, null);
                }
            }
        }

        await transaction.CommitAsync();
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }

    /// <summary>How EF Core's SQLite provider stores a Guid: upper-case text.</summary>
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static object Ticks(DateTimeOffset? instant) => instant is { } i ? i.UtcTicks : DBNull.Value;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    /// <summary>A write-only stream that only counts bytes.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
