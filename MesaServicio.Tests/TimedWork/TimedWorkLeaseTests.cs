using MesaServicio.Core.TimedWork;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MesaServicio.Tests.TimedWork;

/// <summary>How the runner takes, keeps, renews and gives back each piece's lease (the lease itself is a fake here).</summary>
[Trait("Pass", "Once")]
public sealed class TimedWorkLeaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_piece_whose_lease_another_instance_holds_is_skipped_and_the_next_piece_runs()
    {
        var surveys = new Piece("Encuestas", 10);
        var outbox = new OtherPiece("Correo", 100);
        var lease = new RecordingLease(deny: TimedWorkRunner.LeaseName(surveys));
        using var runner = Runner(lease, surveys, outbox);

        var counts = await runner.RunOnceAsync(default);

        counts.Should().Equal(new TimedWorkCount("Encuestas", 0, false, Skipped: true), new TimedWorkCount("Correo", 1, false));
        surveys.Runs.Should().Be(0);
        lease.Taken.Should().Equal("timed-work:OtherPiece");
    }

    [Fact]
    public async Task A_lease_is_kept_after_a_success_given_back_after_a_failure_and_all_are_given_back_at_shutdown()
    {
        var fine = new Piece("Encuestas", 10);
        var failing = new OtherPiece("Correo", 100, new InvalidOperationException("database is locked"));
        var lease = new RecordingLease();
        using var runner = Runner(lease, fine, failing);

        (await runner.RunOnceAsync(default)).Should().Equal(new TimedWorkCount("Encuestas", 1, false), new TimedWorkCount("Correo", 0, true));
        lease.Held.Should().Equal(["timed-work:Piece"], "a piece that succeeded keeps its lease for the rest of the interval; a failed one is free for another instance");

        await runner.RunOnceAsync(default);
        lease.Taken.Count(n => n == "timed-work:Piece").Should().Be(2, "the next round of this instance gives its own lease back and takes it again");
        lease.Held.Should().Equal("timed-work:Piece");

        await runner.ReleaseLeasesAsync();
        lease.Held.Should().BeEmpty();
    }

    [Fact]
    public async Task The_lease_is_renewed_every_third_of_the_interval_while_a_long_piece_runs()
    {
        var time = new FakeTimeProvider();
        var slow = new HeldPiece();
        var lease = new RecordingLease();
        using var runner = new TimedWorkRunner(
            [slow], lease, Options.Create(new TimedWorkOptions { IntervalSeconds = 15 }), time, NullLogger<TimedWorkRunner>.Instance);

        var run = runner.RunOnceAsync(default);
        await slow.Entered.Task.WaitAsync(Patience);
        time.Advance(TimeSpan.FromSeconds(5));
        await lease.Renewed.Task.WaitAsync(Patience);
        lease.Renewals.Should().ContainSingle().Which.Should().Be(TimeSpan.FromSeconds(15));

        slow.Release.SetResult();
        await run.WaitAsync(Patience);
        time.Advance(TimeSpan.FromMinutes(1));
        lease.Renewals.Should().ContainSingle("renewal stops with the piece");
    }

    private static TimedWorkRunner Runner(ITimedWorkLease lease, params ITimedWork[] pieces) =>
        new(pieces, lease, Options.Create(new TimedWorkOptions()), TimeProvider.System, NullLogger<TimedWorkRunner>.Instance);

    private class Piece(string name, int order, Exception? failure = null) : ITimedWork
    {
        private int _runs;

        public string Name => name;

        public int Order => order;

        public int Runs => Volatile.Read(ref _runs);

        public Task<int> RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return failure is null ? Task.FromResult(1) : Task.FromException<int>(failure);
        }
    }

    /// <summary>Another type, so another lease name.</summary>
    private sealed class OtherPiece(string name, int order, Exception? failure = null) : Piece(name, order, failure);
}
