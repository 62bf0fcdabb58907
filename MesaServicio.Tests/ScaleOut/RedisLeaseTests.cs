using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>The timed work's lease in Redis, between holders on separate connections as separate instances are.</summary>
[Trait("Pass", "Once")]
public sealed class RedisLeaseTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task The_lease_is_exclusive_across_holders_and_free_again_once_given_back()
    {
        var prefix = RedisTestServer.NewPrefix();
        using var first = await RedisTestServer.ConnectAsync();
        using var second = await RedisTestServer.ConnectAsync();
        var one = Lease(first, prefix);
        var two = Lease(second, prefix);

        var held = await one.TryAcquireAsync("encuestas", Long, default);
        held.Should().NotBeNull().And.NotBeOfType<InProcessTimedWorkLease.GrantedLease>();
        (await two.TryAcquireAsync("encuestas", Long, default)).Should().BeNull("another holder has it");
        (await two.TryAcquireAsync("correo", Long, default)).Should().NotBeNull("leases are per name");
        (await first.GetDatabase().StringGetAsync(one.KeyOf("encuestas"))).ToString().Should().StartWith(Environment.MachineName,
            "the token tells an operator which instance holds the lease");

        await held!.DisposeAsync();
        await using var taken = await two.TryAcquireAsync("encuestas", Long, default);
        taken.Should().NotBeNull("a lease given back is free at once");
        await RedisTestServer.DeleteKeysAsync(first, prefix);
    }

    [RedisFact]
    public async Task A_lease_that_ran_out_goes_to_another_holder_and_the_first_can_neither_renew_nor_give_it_back()
    {
        var prefix = RedisTestServer.NewPrefix();
        using var first = await RedisTestServer.ConnectAsync();
        using var second = await RedisTestServer.ConnectAsync();
        var one = Lease(first, prefix);
        var two = Lease(second, prefix);

        var expired = await one.TryAcquireAsync("sla", TimeSpan.FromMilliseconds(300), default);
        expired.Should().NotBeNull();
        (await expired!.RenewAsync(TimeSpan.FromMilliseconds(300), default)).Should().BeTrue("it is still held");
        await Task.Delay(TimeSpan.FromMilliseconds(700));

        await using var now = await two.TryAcquireAsync("sla", Long, default);
        now.Should().NotBeNull("the first lease ran out");
        (await expired.RenewAsync(Long, default)).Should().BeFalse("it is no longer the first holder's");
        await expired.DisposeAsync();
        (await one.TryAcquireAsync("sla", Long, default)).Should().BeNull("giving back a lost lease leaves the new holder's in place");
        (await now!.RenewAsync(Long, default)).Should().BeTrue();
        (await second.GetDatabase().KeyTimeToLiveAsync(two.KeyOf("sla"))).Should().BeGreaterThan(TimeSpan.FromSeconds(20));
        await RedisTestServer.DeleteKeysAsync(first, prefix);
    }

    [RedisFact]
    public async Task With_a_shared_lease_a_piece_runs_on_one_instance_per_interval_and_the_other_takes_over_after_a_stop()
    {
        var prefix = RedisTestServer.NewPrefix();
        using var first = await RedisTestServer.ConnectAsync();
        using var second = await RedisTestServer.ConnectAsync();
        var onFirst = new CountingPiece();
        var onSecond = new CountingPiece();
        using var runnerA = Runner(onFirst, Lease(first, prefix));
        using var runnerB = Runner(onSecond, Lease(second, prefix));

        (await runnerA.RunOnceAsync(default)).Should().Equal(new TimedWorkCount(onFirst.Name, 1, false));
        (await runnerB.RunOnceAsync(default)).Should().Equal(new TimedWorkCount(onSecond.Name, 0, false, Skipped: true));
        onSecond.Runs.Should().Be(0, "the first instance ran it less than an interval ago");

        await runnerA.ReleaseLeasesAsync();
        (await runnerB.RunOnceAsync(default)).Should().Equal(new TimedWorkCount(onSecond.Name, 1, false));
        (await runnerA.RunOnceAsync(default)).Single().Skipped.Should().BeTrue();
        onFirst.Runs.Should().Be(1);
        await RedisTestServer.DeleteKeysAsync(first, prefix);
    }

    [Fact]
    public async Task When_Redis_does_not_answer_the_lease_is_granted_and_a_warning_is_logged_once()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:1,connectTimeout=300,connectRetry=1,abortConnect=false");
        using var silent = await ConnectionMultiplexer.ConnectAsync(options);
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var lease = new RedisTimedWorkLease(silent, new RedisSettings("127.0.0.1:1", "mesa"), new TimedWorkInstance(), factory.CreateLogger<RedisTimedWorkLease>());

        for (var round = 0; round < 3; round++)
        {
            await using var granted = await lease.TryAcquireAsync("correo", Long, default);
            granted.Should().NotBeNull("the database keeps the work correct without the lease");
            (await granted!.RenewAsync(Long, default)).Should().BeTrue();
        }

        logs.Lines.Where(l => l.Level == LogLevel.Warning).Should().ContainSingle("one warning per outage, not one per piece and round")
            .Which.Message.Should().Contain("without leases");
    }

    private static RedisTimedWorkLease Lease(IConnectionMultiplexer redis, string prefix) =>
        new(redis, new RedisSettings(RedisTestServer.Connection, prefix), new TimedWorkInstance(), NullLogger<RedisTimedWorkLease>.Instance);

    private static TimedWorkRunner Runner(ITimedWork piece, ITimedWorkLease lease) =>
        new([piece], lease, Options.Create(new TimedWorkOptions { IntervalSeconds = 60 }), TimeProvider.System, NullLogger<TimedWorkRunner>.Instance);

    private sealed class CountingPiece : ITimedWork
    {
        private int _runs;

        public string Name => "Encuestas";

        public int Order => 10;

        public int Runs => Volatile.Read(ref _runs);

        public Task<int> RunAsync(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Increment(ref _runs));
    }
}
