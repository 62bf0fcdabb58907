using MesaServicio.Core.Notifications;
using MesaServicio.Core.Sla;
using MesaServicio.Core.Surveys;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MesaServicio.Tests.TimedWork;

public class TimedWorkServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 20, 15, 0, 0, TimeSpan.FromHours(-5));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_runner_runs_every_piece_once_in_order_and_returns_their_counts()
    {
        var log = new List<string>();
        using var runner = new TimedWorkRunner(
            [new Piece("Outbox", 100, log, 3), new Piece("Surveys", 10, log, 2), new Piece("Ans", 20, log, 0)],
            NullLogger<TimedWorkRunner>.Instance);

        var counts = await runner.RunOnceAsync(default);

        log.Should().Equal("Surveys", "Ans", "Outbox");
        counts.Should().Equal(new TimedWorkCount("Surveys", 2, false), new TimedWorkCount("Ans", 0, false), new TimedWorkCount("Outbox", 3, false));
    }

    [Fact]
    public async Task A_failing_piece_is_logged_without_its_data_and_the_next_pieces_still_run()
    {
        var log = new List<string>();
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var runner = new TimedWorkRunner(
            [new Piece("Surveys", 10, log, 0, new InvalidOperationException("database is locked")), new Piece("Outbox", 100, log, 4)],
            factory.CreateLogger<TimedWorkRunner>());

        var counts = await runner.RunOnceAsync(default);

        counts.Should().Equal(new TimedWorkCount("Surveys", 0, true), new TimedWorkCount("Outbox", 4, false));
        log.Should().Equal("Surveys", "Outbox");
        logs.Lines.Should().ContainSingle(l => l.Level == LogLevel.Error)
            .Which.Message.Should().Be("Timed work Surveys failed; it runs again at the next interval");
    }

    [Fact]
    public async Task The_service_runs_at_start_and_then_every_interval_on_the_time_provider()
    {
        var time = new SignallingTimeProvider(Start);
        var log = new List<string>();
        var piece = new Piece("Surveys", 10, log, 1);
        using var runner = new TimedWorkRunner([piece], NullLogger<TimedWorkRunner>.Instance);
        using var service = Service(runner, time, new TimedWorkOptions { IntervalSeconds = 15 });

        await service.StartAsync(default);
        await time.WaitForTimersAsync(1);
        piece.Runs.Should().Be(1, "the first run is at start");

        time.Advance(TimeSpan.FromSeconds(14));
        piece.Runs.Should().Be(1, "the interval has not passed on the service's clock");
        time.Advance(TimeSpan.FromSeconds(1));
        await time.WaitForTimersAsync(2);
        piece.Runs.Should().Be(2);

        time.Advance(TimeSpan.FromSeconds(15));
        await time.WaitForTimersAsync(3);
        piece.Runs.Should().Be(3);

        await service.StopAsync(default);
        service.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue();
        time.Advance(TimeSpan.FromMinutes(5));
        piece.Runs.Should().Be(3, "a stopped service runs nothing");
    }

    [Fact]
    public async Task Stopping_lets_the_piece_at_work_finish_its_transaction_and_runs_no_further_piece()
    {
        var time = new SignallingTimeProvider(Start);
        var log = new List<string>();
        var slow = new BlockingPiece();
        var next = new Piece("Outbox", 100, log, 1);
        using var runner = new TimedWorkRunner([slow, next], NullLogger<TimedWorkRunner>.Instance);
        using var service = Service(runner, time, new TimedWorkOptions());

        await service.StartAsync(default);
        await slow.Entered.Task.WaitAsync(Patience);
        var stopping = service.StopAsync(default);
        await slow.SawCancellation.Task.WaitAsync(Patience);
        stopping.IsCompleted.Should().BeFalse("the stop waits for the unit of work in progress");

        slow.Release.SetResult();
        await stopping.WaitAsync(Patience);

        slow.Committed.Should().BeTrue();
        log.Should().BeEmpty("no piece starts after the stop was asked");
        service.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue("a stop is not a failure");
    }

    [Fact]
    public async Task A_disabled_service_runs_nothing()
    {
        var time = new SignallingTimeProvider(Start);
        var log = new List<string>();
        using var runner = new TimedWorkRunner([new Piece("Surveys", 10, log, 1)], NullLogger<TimedWorkRunner>.Instance);
        using var service = Service(runner, time, new TimedWorkOptions { Enabled = false });

        await service.StartAsync(default);
        await service.ExecuteTask!.WaitAsync(Patience);
        time.Advance(TimeSpan.FromMinutes(1));

        log.Should().BeEmpty();
        time.TimersCreated.Should().Be(0);
        await service.StopAsync(default);
    }

    [Fact]
    public void Options_bind_from_the_TimedWork_section_with_their_defaults()
    {
        Options(new()).Should().BeEquivalentTo(new { Enabled = true, IntervalSeconds = 15, Interval = TimeSpan.FromSeconds(15) });
        Options(new() { ["TimedWork:Enabled"] = "false", ["TimedWork:IntervalSeconds"] = "5" })
            .Should().BeEquivalentTo(new { Enabled = false, IntervalSeconds = 5 });
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("3601")]
    public void An_interval_out_of_range_is_refused_naming_the_key(string seconds)
    {
        var read = () => Options(new() { ["TimedWork:IntervalSeconds"] = seconds });
        read.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("TimedWork:IntervalSeconds must be between 1 and 3600");
    }

    [Fact]
    public async Task The_host_registration_brings_the_survey_and_ANS_sweeps_in_order_and_the_hosted_loop()
    {
        // The outbox is one of the pieces: its folder transport must not write into the test's working folder.
        var mailFolder = Path.Combine(Path.GetTempPath(), "mesa-tests", Guid.NewGuid().ToString("N"));
        await using var host = await CoreHost.StartAsync(Start, s => s
            .AddMesaServicioTimedWork(new ConfigurationBuilder().Build())
            .PostConfigure<EmailOptions>(o => o.Folder = mailFolder));

        var pieces = host.Get<TimedWorkRunner>().Pieces;
        pieces.Should().BeInAscendingOrder(p => p.Order);
        pieces.Where(p => p is SurveyInvitationSweep or SurveyReminderSweep or SurveyClosingSweep)
            .Select(p => p.Name).Should().Equal(
                [nameof(SurveyInvitationSweep), nameof(SurveyReminderSweep), nameof(SurveyClosingSweep)], "invite, then remind, then close");
        pieces.Should().ContainSingle(p => p is SlaSweep).Which.Order.Should().Be(20);
        pieces.Where(p => p is SurveyInvitationSweep or SurveyReminderSweep or SurveyClosingSweep or SlaSweep)
            .Should().OnlyContain(p => p.Order < 100, "they queue e-mail before the outbox sends it");
        host.Get<IEnumerable<IHostedService>>().Should().ContainSingle(s => s is TimedWorkService);
        host.Get<SurveyInvitationSweep>().Should().BeSameAs(pieces.OfType<SurveyInvitationSweep>().Single());
        host.Get<SurveyClosingSweep>().Should().BeSameAs(pieces.OfType<SurveyClosingSweep>().Single());
        if (Directory.Exists(mailFolder))
        {
            Directory.Delete(mailFolder, recursive: true);
        }
    }

    private static TimedWorkService Service(TimedWorkRunner runner, TimeProvider time, TimedWorkOptions options) =>
        new(runner, Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<TimedWorkService>.Instance);

    private static TimedWorkOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddMesaServicioTimedWork(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<TimedWorkOptions>>().Value;
    }

    /// <summary>A piece that records its runs.</summary>
    private sealed class Piece(string name, int order, List<string> log, int count, Exception? failure = null) : ITimedWork
    {
        private int _runs;

        public string Name => name;

        public int Order => order;

        public int Runs => Volatile.Read(ref _runs);

        public Task<int> RunAsync(CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.Add(name);
            }

            Interlocked.Increment(ref _runs);
            return failure is null ? Task.FromResult(count) : Task.FromException<int>(failure);
        }
    }

    /// <summary>A piece in the middle of a transaction when the stop comes: it finishes it, as the sweeps do.</summary>
    private sealed class BlockingPiece : ITimedWork
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SawCancellation { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Committed { get; private set; }

        public string Name => "Slow";

        public int Order => 10;

        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            using var seen = cancellationToken.Register(() => SawCancellation.TrySetResult());
            Entered.SetResult();
            await Release.Task.ConfigureAwait(false);
            Committed = true;
            cancellationToken.ThrowIfCancellationRequested();
            return 1;
        }
    }

    /// <summary>A fake clock that tells when the loop starts waiting on it (each wait creates a timer).</summary>
    private sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly SemaphoreSlim _created = new(0);
        private int _count;

        public int TimersCreated => Volatile.Read(ref _count);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _count);
            _created.Release();
            return timer;
        }

        public async Task WaitForTimersAsync(int count)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (TimersCreated < count)
            {
                (await _created.WaitAsync(deadline - DateTime.UtcNow)).Should().BeTrue($"the loop should wait on the clock for the {count}th time");
            }
        }
    }
}
